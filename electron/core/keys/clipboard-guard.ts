import type { Clock } from '../clock'
import type { ClipboardPort } from '../platform'

/**
 * Copies secrets to the clipboard and takes them off again: after a delay, and when the app quits,
 * but only if the clipboard still holds that secret, so whatever the user copied since is left alone.
 */
export class ClipboardGuard {
  private pending: { text: string; timer: unknown } | undefined

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly clock: Clock,
  ) {}

  async copy(text: string, clearAfterMs: number): Promise<void> {
    if (this.pending) this.clock.clearTimeout(this.pending.timer)
    await this.clipboard.writeSecret(text)
    const timer = this.clock.setTimeout(() => void this.clearIfStill(text), clearAfterMs)
    this.pending = { text, timer }
  }

  /** On quit: nothing we copied outlives the app. */
  async dispose(): Promise<void> {
    if (!this.pending) return
    this.clock.clearTimeout(this.pending.timer)
    await this.clearIfStill(this.pending.text)
  }

  private async clearIfStill(text: string): Promise<void> {
    if (this.pending?.text === text) this.pending = undefined
    if ((await this.clipboard.readText().catch(() => '')) === text) await this.clipboard.clear()
  }
}
