import type { DialectCapabilities } from '@shared/domain/capabilities'
import { AppError } from '../errors'
import type { KeyChanges, KeyDraft } from './dialect-adapter'

type Rule = {
  field: keyof KeyChanges
  allowed: (c: DialectCapabilities) => boolean
  message: (c: DialectCapabilities) => string
}

// Checked before any request, so a change the dialect cannot make never half-happens on the server
// and the form learns which field to mark.
const changeRules: readonly Rule[] = [
  { field: 'name', allowed: (c) => c.canRename, message: () => 'The name cannot be changed after the key is created.' },
  {
    field: 'permissions',
    allowed: (c) => c.permissionsEditable,
    message: (c) => `The ${c.permissionsLabel.toLowerCase()} cannot be changed after the key is created.`,
  },
  {
    field: 'expiresAt',
    allowed: (c) => c.hasExpiry && c.expiryEditable,
    message: (c) =>
      c.hasExpiry ? 'The expiry date cannot be changed after the key is created.' : 'These keys have no expiry date.',
  },
  { field: 'notes', allowed: (c) => c.hasNotes, message: () => 'These keys have no notes.' },
  { field: 'enabled', allowed: (c) => c.canDisable, message: () => 'These keys cannot be disabled or enabled.' },
]

/** A VALIDATION error naming every field of `changes` the capabilities forbid; nothing when all are allowed. */
export function assertChangesAllowed(capabilities: DialectCapabilities, changes: KeyChanges): void {
  const fields: Record<string, string> = {}
  for (const rule of changeRules) {
    if (changes[rule.field] !== undefined && !rule.allowed(capabilities))
      fields[rule.field] = rule.message(capabilities)
  }
  const messages = Object.values(fields)
  if (messages.length > 0) throw new AppError('VALIDATION', messages.join(' '), fields)
}

/** A draft's fields the dialect lacks are ignored; a missing required expiry is refused. */
export function assertDraftComplete(capabilities: DialectCapabilities, draft: KeyDraft): void {
  if (capabilities.expiryRequired && draft.expiresAt === null) {
    const message = 'Choose an expiry date for the key.'
    throw new AppError('VALIDATION', message, { expiresAt: message })
  }
}
