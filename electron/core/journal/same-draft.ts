import type { KeyDraft } from '../dialects/dialect-adapter'

/** Two drafts ask for the same key (permission order does not matter). */
export function sameDraft(a: KeyDraft | null, b: KeyDraft): boolean {
  return a !== null && canonical(a) === canonical(b)
}

function canonical(draft: KeyDraft): string {
  const permissions = Object.entries(draft.permissions).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
  return JSON.stringify([draft.name, permissions, draft.expiresAt, draft.notes ?? null])
}
