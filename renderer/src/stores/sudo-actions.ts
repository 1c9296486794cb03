import type { AppErrorData, Result } from '@shared/domain/errors'
import type { SudoGrant } from '@shared/domain/sudo'
import { invoke } from '../ipc/bridge'

// Sudo mode: a sensitive action answered REAUTH_REQUIRED; the user proves it is them in the
// browser, then the dialog tries the action again.

export function reauthenticate(forceLogin: boolean): Promise<Result<SudoGrant>> {
  return invoke('reauthenticate', { forceLogin })
}

/** Stops a re-authentication that waits in the browser (the same loopback listener as sign-in). */
export async function cancelReauthentication(): Promise<void> {
  await invoke('cancelSignIn')
}

export function needsReauthentication(error: AppErrorData): boolean {
  return error.code === 'REAUTH_REQUIRED'
}
