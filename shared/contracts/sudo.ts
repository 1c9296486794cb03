import type { SudoMethod } from '../domain/sudo'
import { call, keyRef, noInput } from '../contract-kit'

/** Sudo mode's part of the IPC contract (re-authentication itself is `reauthenticate` in shared/contract.ts). */
export const sudoCalls = {
  /** How the active profile proves it is you on this computer: OS verification, a browser sign-in, or its API secret. */
  getSudoMethod: call<SudoMethod>()(noInput),
  /**
   * The user closed a one-time secret dialog (not a lock): main forgets the value it held for
   * `heldSecret`, so nothing can show it again from memory.
   */
  secretDismissed: call<void>()(keyRef),
} as const

export const sudoEvents = {} as const
