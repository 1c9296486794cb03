import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

// Only the `electron` module is stood in: its save dialog answers what the test says the user chose.
const asked: Array<{ window: unknown; options: { defaultPath: string; filters: unknown } }> = []
let answer: { canceled: boolean; filePath?: string } = { canceled: true }
vi.mock('electron', () => ({
  dialog: {
    showSaveDialog: async (...args: unknown[]) => {
      const options = args[args.length - 1] as { defaultPath: string; filters: unknown }
      asked.push({ window: args.length > 1 ? args[0] : undefined, options })
      return answer
    },
  },
}))

const { saveFileWithDialog } = await import('@main/save-file')
const { electronPlatform } = await import('@main/platform')
const { toCsv } = await import('@core/export/csv')

const dir = mkdtempSync(join(tmpdir(), 'keywarden-save-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeEach(() => {
  asked.length = 0
})

describe('Electron save dialog (saveFile)', () => {
  it('writes the content byte for byte where the user chose, user-only, modal to the window', async () => {
    const target = join(dir, 'keys.csv')
    answer = { canceled: false, filePath: target }
    const content = toCsv(['name'], [['=evil'], ['café, "quoted"']])
    const window = { id: 1 }
    const result = await saveFileWithDialog(window as never, 'keys.csv', content, [
      { name: 'CSV', extensions: ['csv'] },
    ])
    expect(result).toEqual({ saved: true, where: target })
    expect(readFileSync(target)).toEqual(Buffer.from(content, 'utf8'))
    expect(readFileSync(target).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600)
    expect(asked[0]!.window).toBe(window)
    expect(asked[0]!.options.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }])
  })

  it('writes nothing when the user cancels', async () => {
    answer = { canceled: true, filePath: '' }
    const before = readdirSync(dir).length
    expect(await saveFileWithDialog(undefined, 'audit.json', '[]', [])).toEqual({ saved: false })
    expect(readdirSync(dir).length).toBe(before)
  })

  it('suggests only a bare file name, never a path into another folder', async () => {
    answer = { canceled: true }
    for (const name of ['../../etc/passwd', '..\\..\\Windows\\evil.csv', '/tmp/x.csv', '..', 'a\u0000b.csv'])
      await saveFileWithDialog(undefined, name, '', [])
    expect(asked.map((a) => a.options.defaultPath)).toEqual(['passwd', 'evil.csv', 'x.csv', 'export', 'ab.csv'])
  })

  it('is the platform port’s saveFile in the Electron shell', async () => {
    const target = join(dir, 'through-port.json')
    answer = { canceled: false, filePath: target }
    const platform = electronPlatform(() => undefined)
    expect(await platform.saveFile!('through-port.json', '{"a":1}\n', [])).toEqual({ saved: true, where: target })
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}\n')
  })
})
