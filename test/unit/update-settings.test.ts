import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, describe, expect, it } from 'vitest'
import { AppSettingsRepository } from '@core/settings/app-settings'
import { appSettingsSchema } from '@shared/domain/key-lifecycle'

const dirs: string[] = []
function repository() {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-settings-'))
  dirs.push(dir)
  const store = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'keywarden' })
  return { store, settings: new AppSettingsRepository(store) }
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the update settings', () => {
  it('default to on, stable channel', () => {
    expect(repository().settings.get()).toEqual({
      clipboardClearSeconds: 30,
      autoUpdate: true,
      updateChannel: 'stable',
      sudoWindowMinutes: 10,
      lockIdleMinutes: 5,
    })
  })

  it('are saved and read back; a save of the clipboard delay alone keeps them', () => {
    const { settings } = repository()
    settings.update({ clipboardClearSeconds: 30, autoUpdate: false, updateChannel: 'beta' })
    expect(settings.update({ clipboardClearSeconds: 45 })).toEqual({
      clipboardClearSeconds: 45,
      autoUpdate: false,
      updateChannel: 'beta',
      sudoWindowMinutes: 10,
      lockIdleMinutes: 5,
    })
    expect(settings.get()).toEqual({
      clipboardClearSeconds: 45,
      autoUpdate: false,
      updateChannel: 'beta',
      sudoWindowMinutes: 10,
      lockIdleMinutes: 5,
    })
  })

  it('refuse an unknown channel with a clear message, and keep what was saved', () => {
    const { settings } = repository()
    const bad = appSettingsSchema.safeParse({ clipboardClearSeconds: 30, updateChannel: 'nightly' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toBe('The update channel is "stable" or "beta".')
    expect(() => settings.update({ clipboardClearSeconds: 30, updateChannel: 'nightly' as 'beta' })).toThrow()
    expect(settings.get().updateChannel).toBe('stable')
  })

  it('a damaged stored entry falls back to the defaults', () => {
    const { store, settings } = repository()
    store.set('appSettings', { clipboardClearSeconds: 30, autoUpdate: 'yes' })
    expect(settings.get()).toEqual({
      clipboardClearSeconds: 30,
      autoUpdate: true,
      updateChannel: 'stable',
      sudoWindowMinutes: 10,
      lockIdleMinutes: 5,
    })
  })
})
