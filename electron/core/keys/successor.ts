import type { ApiKey } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyDraft } from '../dialects/dialect-adapter'

const DAY_MS = 24 * 60 * 60 * 1000
const ROTATED_SUFFIX = /-rotated-\d{8}(-\d+)?$/
const MAX_NAME = 100

/**
 * The draft of a rotated key's successor: the same permissions and notes, the same lifetime from
 * today where keys expire, and a name that says what it is (and stays unique where names must be).
 */
export function successorDraft(
  old: ApiKey,
  capabilities: DialectCapabilities,
  now: Date,
  takenNames: ReadonlySet<string>,
): KeyDraft {
  const stamp = now.toISOString().slice(0, 10).replaceAll('-', '')
  const base = old.name.replace(ROTATED_SUFFIX, '')
  let name = ''
  for (let n = 1; n < 1000; n++) {
    const suffix = `-rotated-${stamp}${n > 1 ? `-${n}` : ''}`
    name = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`
    if (!takenNames.has(name)) break
  }
  return {
    name,
    permissions: old.permissions,
    expiresAt: capabilities.hasExpiry ? successorExpiry(old, capabilities, now) : null,
    notes: capabilities.hasNotes ? old.notes : null,
  }
}

function successorExpiry(old: ApiKey, capabilities: DialectCapabilities, now: Date): string | null {
  if (old.expiresAt !== null) {
    const lifetime = Date.parse(old.expiresAt) - Date.parse(old.createdAt)
    if (lifetime > 0) return new Date(now.getTime() + lifetime).toISOString()
  }
  return capabilities.expiryRequired ? new Date(now.getTime() + 365 * DAY_MS).toISOString() : null
}
