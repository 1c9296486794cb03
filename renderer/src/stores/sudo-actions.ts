import type { AppErrorData, Result } from '@shared/domain/errors'
import type { SudoGrant, SudoMethod, SudoProofInput } from '@shared/domain/sudo'
import { invoke } from '../ipc/bridge'

// Sudo mode: a sensitive action answered REAUTH_REQUIRED; the user proves it is them (OS
// verification, the browser, or the API secret), then the dialog tries the action again.

export function reauthenticate(proof: SudoProofInput): Promise<Result<SudoGrant>> {
  return invoke('reauthenticate', proof)
}

export function loadSudoMethod(): Promise<Result<SudoMethod>> {
  return invoke('getSudoMethod')
}

/** Stops a re-authentication that waits in the browser (the same loopback listener as sign-in). */
export async function cancelReauthentication(): Promise<void> {
  await invoke('cancelSignIn')
}

export function needsReauthentication(error: AppErrorData): boolean {
  return error.code === 'REAUTH_REQUIRED'
}
