import { AppError } from '../errors'

/**
 * A paste too large for one message of the browser host's socket arrives in parts: each part is
 * appended here, in memory only, and the last one (sent with `identifyText`) completes it. Never
 * written, never logged; dropped when identified, cancelled, or when it would pass the limit.
 */
export class StagedPaste {
  private parts: string[] = []
  private length = 0

  constructor(private readonly maxChars: number) {}

  append(part: string): void {
    if (this.length + part.length > this.maxChars) {
      this.clear()
      throw new AppError(
        'VALIDATION',
        `The pasted text is longer than ${Math.round(this.maxChars / (1024 * 1024))} MB of characters; paste a smaller part.`,
      )
    }
    this.parts.push(part)
    this.length += part.length
  }

  /** The whole text with its last part; the staged parts are forgotten. */
  complete(last: string): string {
    const whole = this.parts.length === 0 ? last : this.parts.join('') + last
    this.clear()
    if (whole.length > this.maxChars)
      throw new AppError('VALIDATION', 'The pasted text is longer than Identify reads; paste a smaller part.')
    return whole
  }

  clear(): void {
    this.parts = []
    this.length = 0
  }
}
