import type { ClipboardNotice } from '@shared/contract'
import type { Clock } from '../clock'
import { AppError, describeError } from '../errors'
import type { Logger } from '../log'
import type { ClipboardPort } from '../platform'

/**
 * Copies secrets to the clipboard and takes them off again: after a delay, and when the app quits.
 * It fails closed:
 * - the earlier timer is replaced only after a write succeeded, so a failed write never leaves an
 *   earlier secret on the clipboard for good (and the text of the failed write is watched too, in
 *   case it landed after all);
 * - when the timer fires, the clipboard is cleared if it still holds a secret we wrote, so whatever
 *   the user copied since is left alone; but if the clipboard cannot be read back, it is cleared
 *   anyway and the user is told, since it may still hold the secret;
 * - a clear that fails is reported to the user, who is the only one left who can clear it.
 */
export class ClipboardGuard {
  /** Texts we wrote (or tried to write) that the pending timer takes off the clipboard. */
  private watched = new Set<string>()
  private timer: unknown
  private sweeping: Promise<void> = Promise.resolve()

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly clock: Clock,
    private readonly notify: (notice: ClipboardNotice) => void,
    private readonly log: Logger,
  ) {}

  async copy(text: string, clearAfterMs: number): Promise<void> {
    try {
      await this.clipboard.writeSecret(text)
    } catch (error) {
      // The earlier timer stays; the failed text is watched as well, and if no timer ran, one starts.
      this.watched.add(text)
      if (this.timer === undefined) this.arm(clearAfterMs)
      this.log.warn(`clipboard: a copy failed: ${describeError(error)}`)
      throw new AppError(
        'INTERNAL',
        'Keywarden could not put the secret on the clipboard. Try again, or select the value and copy it yourself.',
        undefined,
        { cause: error },
      )
    }
    // The new secret replaced whatever we wrote before: one timer, for it.
    this.watched = new Set([text])
    this.arm(clearAfterMs)
  }

  /** On quit: nothing we copied outlives the app (same fail-closed rule as the timer). */
  async dispose(): Promise<void> {
    await this.sweeping
    if (this.timer === undefined) return
    this.clock.clearTimeout(this.timer)
    this.timer = undefined
    await this.sweep()
  }

  /** Settles once a clearing that the timer started has finished. */
  idle(): Promise<void> {
    return this.sweeping
  }

  private arm(clearAfterMs: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer)
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined
      this.sweeping = this.sweep()
    }, clearAfterMs)
  }

  private async sweep(): Promise<void> {
    const watched = this.watched
    this.watched = new Set()
    if (watched.size === 0) return
    let current: string | undefined
    try {
      current = await this.clipboard.readText()
    } catch (error) {
      this.log.warn(`clipboard: could not read the clipboard back, clearing it anyway: ${describeError(error)}`)
    }
    if (current !== undefined && !watched.has(current)) return // the user copied something else since
    try {
      await this.clipboard.clear()
    } catch (error) {
      this.log.error(`clipboard: could not clear the clipboard: ${describeError(error)}`)
      this.notify({
        outcome: 'clear-failed',
        message:
          'Keywarden could not clear the clipboard, which may still hold a secret. Copy something else over it now.',
      })
      return
    }
    if (current === undefined) {
      this.notify({
        outcome: 'cleared-unchecked',
        message:
          'Keywarden cleared the clipboard without being able to check what it held: anything you copied since the secret is gone too.',
      })
    }
  }
}
