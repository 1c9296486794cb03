import { timingSafeEqual } from 'node:crypto'
import { MAX_BULK_KEYS } from '@shared/contracts/bulk'
import type { SecretCopy } from './secret-copies'

/**
 * Enough for the largest bulk rotation (each of its new values can be kept, one by one or all at
 * once) and the one-time dialogs a person can have open besides; the oldest is forgotten first.
 * Each is forgotten as soon as it is kept, its dialog closes, or its key is revoked.
 */
const MAX_REMEMBERED = MAX_BULK_KEYS + 32

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * The value (and secret) the server returned when a key was created or rotated in, in this run of
 * the app, in memory only (never on disk), so that "keep a copy in the keychain" can only ever
 * store what the server really issued for that key, not whatever a caller sends.
 */
export class IssuedSecrets {
  private readonly issued = new Map<string, SecretCopy>()

  remember(profileId: string, keyId: string, copy: SecretCopy): void {
    const slot = slotOf(profileId, keyId)
    this.issued.delete(slot)
    this.issued.set(slot, copy)
    while (this.issued.size > MAX_REMEMBERED) {
      const oldest = this.issued.keys().next().value
      if (oldest === undefined) break
      this.issued.delete(oldest)
    }
  }

  /** True only when this exact value and secret were issued for this key in this session. */
  matches(profileId: string, keyId: string, copy: SecretCopy): boolean {
    const issued = this.issued.get(slotOf(profileId, keyId))
    if (!issued) return false
    const secretMatches =
      issued.secret === null || copy.secret === null
        ? issued.secret === copy.secret
        : sameText(issued.secret, copy.secret)
    return sameText(issued.value, copy.value) && secretMatches
  }

  /** The value a one-time dialog showed, to show it again after an unlock. */
  get(profileId: string, keyId: string): SecretCopy | undefined {
    return this.issued.get(slotOf(profileId, keyId))
  }

  forget(profileId: string, keyId: string): void {
    this.issued.delete(slotOf(profileId, keyId))
  }
}

const slotOf = (profileId: string, keyId: string): string => `${profileId}\u0000${keyId}`
