import { fileURLToPath } from 'node:url'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'

// The packaged build's Electron fuses, read from electron-builder.yml the way electron-builder reads
// it, and checked against electron-builder's own configuration schema.

const projectDir = fileURLToPath(new URL('../..', import.meta.url))
const config = await getConfig(projectDir, null, null)

describe('electron-builder.yml: Electron fuses', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['grantFileProtocolExtraPrivileges', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
  ] as const)('sets %s to %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value)
  })

  it('packs the app into an asar archive (onlyLoadAppFromAsar needs one)', () => {
    expect(config.asar).toBe(true)
  })

  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('would be refused by electron-builder with a misspelt fuse (the schema check is real)', async () => {
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }
    await expect(validateConfiguration(misspelt as typeof config, new DebugLogger(false))).rejects.toThrow(
      /electronFuses/,
    )
  })
})
