import { describe, expect, it, vi } from 'vitest'

// The Electron shell's folder picker and "show in folder" for Identify's folder scan. Only the
// `electron` module is stood in (its runtime is not installed here); the shell code is real.
const recorded = vi.hoisted(() => ({
  dialogs: [] as Array<{ parent: unknown; options: Record<string, unknown> }>,
  answer: { canceled: false, filePaths: ['/home/me/project'] },
  shown: [] as string[],
}))

vi.mock('electron', () => ({
  clipboard: { write: async () => undefined, readText: async () => '', clear() {} },
  ClipboardItem: class {},
  shell: {
    openExternal: async () => undefined,
    showItemInFolder: (path: string) => void recorded.shown.push(path),
  },
  dialog: {
    showOpenDialog: async (...args: unknown[]) => {
      const options = args.at(-1) as Record<string, unknown>
      recorded.dialogs.push({ parent: args.length === 2 ? args[0] : null, options })
      return recorded.answer
    },
  },
}))

const { electronPlatform } = await import('@main/platform')

describe('the platform port: folder scan', () => {
  it('asks for a folder only (no files), over the window, and gives back the chosen path', async () => {
    const window = { id: 1 }
    const platform = electronPlatform(() => window as never)
    expect(await platform.pickFolder!()).toBe('/home/me/project')
    expect(recorded.dialogs.at(-1)).toEqual({
      parent: window,
      options: expect.objectContaining({ properties: ['openDirectory'] }) as unknown,
    })
  })

  it('answers null when the user cancels the dialog', async () => {
    recorded.answer = { canceled: true, filePaths: [] }
    expect(await electronPlatform(() => undefined).pickFolder!()).toBeNull()
    expect(recorded.dialogs.at(-1)?.parent).toBeNull()
  })

  it('shows a file in the system file manager', async () => {
    await electronPlatform(() => undefined).showItemInFolder!('/home/me/project/src/config.ts')
    expect(recorded.shown).toEqual(['/home/me/project/src/config.ts'])
  })
})
