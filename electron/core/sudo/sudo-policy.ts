import type { Clock } from '../clock'
import { AppError } from '../errors'

/** The actions that need a recent proof that the person at the keyboard is the signed-in user. */
export type SudoAction = 'reveal' | 'keep-copy' | 'revoke' | 'rotate' | 'bulk'

const ACTION_WORDS: Record<SudoAction, string> = {
  reveal: 'Revealing a key',
  'keep-copy': 'Keeping a key in the keychain',
  revoke: 'Revoking a key',
  rotate: 'Rotating a key',
  bulk: 'A bulk action',
}

/** Who proved it is them, and when (local clock, epoch ms). */
interface Proof {
  subject: string
  at: number
}

export type SudoCheck = { fresh: true } | { fresh: false; reason: string }

/**
 * Sudo mode: a sensitive action needs a proof (a sign-in or re-authentication) no older than the
 * window. A window of 0 turns it off: then being signed in is enough. A session restored from the
 * keychain is no proof; only an interactive sign-in is.
 */
export class SudoPolicy {
  private readonly proofs = new Map<string, Proof>()

  constructor(
    private readonly deps: {
      clock: Clock
      /** Minutes; 0 = off. Read on every check, so a settings change applies at once. */
      windowMinutes: () => number
    },
  ) {}

  grant(profileId: string, subject: string): void {
    this.proofs.set(profileId, { subject, at: this.deps.clock.now() })
  }

  /** After a sign-out or a lock: the next sensitive action asks again. */
  forget(profileId?: string): void {
    if (profileId === undefined) this.proofs.clear()
    else this.proofs.delete(profileId)
  }

  check(profileId: string, subject: string, action: SudoAction): SudoCheck {
    const minutes = this.deps.windowMinutes()
    if (minutes === 0) return { fresh: true }
    const proof = this.proofs.get(profileId)
    const what = ACTION_WORDS[action]
    if (!proof || proof.subject !== subject) {
      return {
        fresh: false,
        reason: `${what} needs you to sign in again: Keywarden has not seen you sign in since it started or since it locked.`,
      }
    }
    const ageMs = this.deps.clock.now() - proof.at
    if (ageMs >= 0 && ageMs <= minutes * 60_000) return { fresh: true }
    return {
      fresh: false,
      reason: `${what} needs a sign-in from the last ${minutes} minute${minutes === 1 ? '' : 's'}; yours was ${Math.floor(Math.max(0, ageMs) / 60_000)} minutes ago.`,
    }
  }

  /** Throws REAUTH_REQUIRED with the reason when the proof is missing or too old. */
  require(profileId: string, subject: string, action: SudoAction): void {
    const result = this.check(profileId, subject, action)
    if (!result.fresh) throw new AppError('REAUTH_REQUIRED', result.reason)
  }
}
