import { describe, expect, it } from 'vitest'
import type { ClipboardNotice } from '@shared/contract'
import { ManualClock } from '@core/clock'
import { ClipboardGuard } from '@core/keys/clipboard-guard'
import type { Logger } from '@core/log'
import type { ClipboardPort } from '@core/platform'

// The clipboard guard against an in-memory clipboard that behaves like the system one (a write
// replaces, a clear empties) and fails on command, under a clock the test moves. The fake is a test
// double of our own port, never of a library.

class FakeClipboard implements ClipboardPort {
  content = ''
  failWrite = false
  failRead = false
  failClear = false
  /** A write that fails after the text landed (the platform wrote it, then reported an error). */
  landBeforeFailing = false
  clears = 0

  async writeSecret(text: string): Promise<void> {
    if (this.failWrite) {
      if (this.landBeforeFailing) this.content = text
      throw new Error('the clipboard is owned by another application')
    }
    this.content = text
  }
  async readText(): Promise<string> {
    if (this.failRead) throw new Error('reading the clipboard was refused')
    return this.content
  }
  async clear(): Promise<void> {
    if (this.failClear) throw new Error('clearing the clipboard was refused')
    this.clears++
    this.content = ''
  }
}

function setup() {
  const clipboard = new FakeClipboard()
  const clock = new ManualClock(0)
  const notices: ClipboardNotice[] = []
  const lines: string[] = []
  const log: Logger = {
    info: (m) => void lines.push(m),
    warn: (m) => void lines.push(m),
    error: (m) => void lines.push(m),
  }
  const guard = new ClipboardGuard(clipboard, clock, (notice) => void notices.push(notice), log)
  const advance = async (ms: number) => {
    clock.advance(ms)
    await guard.idle()
  }
  return { clipboard, clock, guard, notices, lines, advance }
}

const FIRST = 'apk_FirstSecretValue0000000000000000000000'
const SECOND = 'apk_SecondSecretValue000000000000000000000'

describe('ClipboardGuard', () => {
  it('clears the secret after the delay, and only then', async () => {
    const { clipboard, guard, advance, notices } = setup()
    await guard.copy(FIRST, 30_000)
    await advance(29_999)
    expect(clipboard.content).toBe(FIRST)
    await advance(1)
    expect(clipboard.content).toBe('')
    expect(notices).toEqual([])
  })

  it('leaves alone what the user copied since', async () => {
    const { clipboard, guard, advance } = setup()
    await guard.copy(FIRST, 30_000)
    clipboard.content = 'something the user copied'
    await advance(30_000)
    expect(clipboard.content).toBe('something the user copied')
    expect(clipboard.clears).toBe(0)
  })

  it('a failed write keeps the earlier timer, so the earlier secret is still cleared (attack: fail open)', async () => {
    const { clipboard, guard, advance } = setup()
    await guard.copy(FIRST, 30_000)
    await advance(10_000)
    clipboard.failWrite = true
    await expect(guard.copy(SECOND, 30_000)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('could not put the secret on the clipboard'),
    })
    expect(clipboard.content).toBe(FIRST)
    await advance(20_000)
    expect(clipboard.content).toBe('')
  })

  it('a write that failed after landing is cleared too', async () => {
    const { clipboard, guard, advance } = setup()
    await guard.copy(FIRST, 30_000)
    clipboard.failWrite = true
    clipboard.landBeforeFailing = true
    await expect(guard.copy(SECOND, 30_000)).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(clipboard.content).toBe(SECOND)
    await advance(30_000)
    expect(clipboard.content).toBe('')
  })

  it('a failed first write still arms a timer for the text that may have landed', async () => {
    const { clipboard, guard, advance } = setup()
    clipboard.failWrite = true
    clipboard.landBeforeFailing = true
    await expect(guard.copy(FIRST, 5_000)).rejects.toMatchObject({ code: 'INTERNAL' })
    await advance(5_000)
    expect(clipboard.content).toBe('')
  })

  it('a successful second copy replaces the timer: the delay counts from it', async () => {
    const { clipboard, guard, advance } = setup()
    await guard.copy(FIRST, 30_000)
    await advance(20_000)
    await guard.copy(SECOND, 30_000)
    await advance(20_000)
    expect(clipboard.content).toBe(SECOND)
    await advance(10_000)
    expect(clipboard.content).toBe('')
  })

  it('when the clipboard cannot be read back, clears it anyway and tells the UI (attack: fail open)', async () => {
    const { clipboard, guard, advance, notices, lines } = setup()
    await guard.copy(FIRST, 30_000)
    clipboard.failRead = true
    await advance(30_000)
    expect(clipboard.content).toBe('')
    expect(notices).toEqual([
      {
        outcome: 'cleared-unchecked',
        message: expect.stringContaining('cleared the clipboard without being able to check'),
      },
    ])
    expect(lines.join('\n')).toContain('could not read the clipboard back')
    expect(lines.join('\n')).not.toContain(FIRST)
  })

  it('when clearing fails, tells the UI that the secret may still be there', async () => {
    const { clipboard, guard, advance, notices } = setup()
    await guard.copy(FIRST, 30_000)
    clipboard.failClear = true
    await advance(30_000)
    expect(clipboard.content).toBe(FIRST)
    expect(notices).toEqual([{ outcome: 'clear-failed', message: expect.stringContaining('may still hold a secret') }])
  })

  it('on quit clears what it wrote, before the timer', async () => {
    const { clipboard, guard } = setup()
    await guard.copy(FIRST, 30_000)
    await guard.dispose()
    expect(clipboard.content).toBe('')
  })

  it('on quit clears even when the clipboard cannot be read back', async () => {
    const { clipboard, guard, notices } = setup()
    await guard.copy(FIRST, 30_000)
    clipboard.failRead = true
    await guard.dispose()
    expect(clipboard.content).toBe('')
    expect(notices.map((n) => n.outcome)).toEqual(['cleared-unchecked'])
  })

  it('on quit leaves what the user copied since, and does nothing once the timer ran', async () => {
    const { clipboard, guard, advance } = setup()
    await guard.copy(FIRST, 30_000)
    clipboard.content = 'mine'
    await guard.dispose()
    expect(clipboard.content).toBe('mine')

    const second = setup()
    await second.guard.copy(FIRST, 1_000)
    await second.advance(1_000)
    second.clipboard.content = 'copied after the clear'
    await second.guard.dispose()
    expect(second.clipboard.content).toBe('copied after the clear')
    expect(second.clipboard.clears).toBe(1)
    await advance(0)
  })
})
