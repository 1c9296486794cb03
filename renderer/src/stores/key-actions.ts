import type { CallOutput } from '@shared/contract'
import type { ApiKey } from '@shared/domain/api-key'
import type { Result } from '@shared/domain/errors'
import type {
  CreatedKeyView,
  GraceOption,
  KeyChangesInput,
  KeyDraftInput,
  RevealedKey,
  RotationResult,
  TryKeyResult,
} from '@shared/domain/key-lifecycle'
import { invoke } from '../ipc/bridge'
import { useKeyDialogs } from './key-dialog-store'
import { useKeysStore } from './keys-store'

// What the key dialogs do to keys. Each action calls main and, when a key changed, reads the table
// again; the dialogs only show the answer (and their errors).

function reloadKeys(): void {
  void useKeysStore.getState().loadKeys()
}

/** Screen-capture protection on, before a secret is drawn (the secret is shown even if this fails). */
export async function protectScreen(): Promise<void> {
  await invoke('setSecretOnScreen', { onScreen: true })
}

export function releaseScreen(): void {
  void invoke('setSecretOnScreen', { onScreen: false })
}

/**
 * Creates a key. On success its one-time secret dialog opens, even if the Add dialog was closed
 * meanwhile: the value exists only in this answer.
 */
export async function createKey(draft: KeyDraftInput, canReveal: boolean): Promise<Result<CreatedKeyView>> {
  const result = await invoke('createKey', { draft })
  if (!result.ok) return result
  await protectScreen()
  useKeyDialogs.getState().open({ kind: 'secret', created: result.value, origin: 'create', canReveal })
  reloadKeys()
  return result
}

/** Rotates a key; on success the successor's one-time secret dialog opens, as for createKey. */
export async function rotateKey(
  apiKey: ApiKey,
  grace: GraceOption,
  canReveal: boolean,
): Promise<Result<RotationResult>> {
  const result = await invoke('rotateKey', { keyId: apiKey.id, grace })
  if (!result.ok) return result
  await protectScreen()
  useKeyDialogs.getState().open({
    kind: 'secret',
    created: result.value.successor,
    origin: 'rotate',
    replaced: { name: apiKey.name, pending: result.value.pending },
    canReveal,
  })
  reloadKeys()
  return result
}

export async function updateKey(keyId: string, changes: KeyChangesInput): Promise<Result<ApiKey>> {
  const result = await invoke('updateKey', { keyId, changes })
  if (result.ok) reloadKeys()
  return result
}

export async function revokeKey(keyId: string): Promise<Result<CallOutput<'revokeKey'>>> {
  const result = await invoke('revokeKey', { keyId })
  if (result.ok) reloadKeys()
  return result
}

/**
 * The one-time dialog shows a key's secret: main's journal ends the create or rotation that made it
 * (or, for a recovered secret, its recovery item), so a crash from now on does not show it again.
 */
export async function secretShown(keyId: string, recoveryId?: string): Promise<void> {
  if (recoveryId) await invoke('acknowledgeRecovery', { recoveryId })
  else await invoke('secretShown', { keyId })
}

/** The user closed a one-time secret dialog: main stops holding the value (a lock's re-show is no longer needed). */
export async function secretDismissed(keyId: string): Promise<void> {
  await invoke('secretDismissed', { keyId })
}

/** Keeps a just-made key's value in the keychain; the table then marks the key as having a copy. */
export async function keepSecretCopy(created: CreatedKeyView): Promise<Result<CallOutput<'keepSecretCopy'>>> {
  const result = await invoke('keepSecretCopy', { keyId: created.key.id, value: created.value, secret: created.secret })
  if (result.ok) reloadKeys()
  return result
}

export function revealKey(keyId: string): Promise<Result<RevealedKey>> {
  return invoke('revealKey', { keyId })
}

/** One request with a key: by id when Keywarden knows its value, else with the pasted value. */
export function tryKey(
  keyId: string,
  pasted: { value: string; secret?: string } | null,
): Promise<Result<TryKeyResult>> {
  return invoke('tryKey', pasted ? { keyId, ...pasted } : { keyId })
}
