import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import keytar from 'keytar'
import { afterEach, describe, expect, it } from 'vitest'
import { keychainNameFor, refreshTokenAccount } from '@core/vault/keychain-vault'
import { testKeychain } from '../support/signed-in-session'

// The real OS keychain (run under test/support/with-private-keyring.sh), under a service of our own.
const keychain = testKeychain()
const vault = keychain.vault
afterEach(() => keychain.clear())

describe('refreshTokenAccount', () => {
  it('names one keychain account per profile', () => {
    expect(refreshTokenAccount('5c1d-42')).toBe('profile:5c1d-42:refresh-token')
    expect(refreshTokenAccount('a')).not.toBe(refreshTokenAccount('b'))
  })
})

describe('KeychainVault over keytar', () => {
  it('stores, reads back and removes a refresh token', async () => {
    const account = refreshTokenAccount(randomUUID())
    const token = `rt-${randomUUID()}`
    expect(await vault.read(account)).toBeNull()

    await vault.write(account, token)
    expect(await vault.read(account)).toBe(token)
    // It really is in the OS keychain, under our service and the profile's account.
    expect(await keytar.getPassword(keychain.service, account)).toBe(token)
    expect(await keychain.accounts()).toEqual([account])

    expect(await vault.remove(account)).toBe(true)
    expect(await vault.read(account)).toBeNull()
    expect(await keytar.findCredentials(keychain.service)).toEqual([])
    expect(await vault.remove(account)).toBe(false)
  })

  it('replaces a rotated token instead of keeping two', async () => {
    const account = refreshTokenAccount(randomUUID())
    await vault.write(account, 'first-token')
    await vault.write(account, 'rotated-token')
    expect(await vault.read(account)).toBe('rotated-token')
    expect(await keytar.findCredentials(keychain.service)).toEqual([{ account, password: 'rotated-token' }])
  })

  it('keeps the profiles apart', async () => {
    const [a, b] = [refreshTokenAccount(randomUUID()), refreshTokenAccount(randomUUID())]
    await vault.write(a, 'token-of-a')
    await vault.write(b, 'token-of-b')
    await vault.remove(a)
    expect(await vault.read(a)).toBeNull()
    expect(await vault.read(b)).toBe('token-of-b')
  })

  it('keeps different services apart', async () => {
    const other = testKeychain()
    try {
      const account = refreshTokenAccount('shared-id')
      await vault.write(account, 'ours')
      expect(await other.vault.read(account)).toBeNull()
    } finally {
      await other.clear()
    }
  })

  it('keeps a secret with any characters intact', async () => {
    const account = refreshTokenAccount(randomUUID())
    const token = 'eyJhbGciOi.J9-_~+/=.ünïcødé 🙂 "quoted" \\ back'
    await vault.write(account, token)
    expect(await vault.read(account)).toBe(token)
  })

  it('refuses to store an empty secret and stores nothing', async () => {
    const account = refreshTokenAccount(randomUUID())
    await expect(vault.write(account, '')).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(await keytar.findCredentials(keychain.service)).toEqual([])
  })

  it('names the keychain of each platform', () => {
    expect(keychainNameFor('darwin')).toBe('the macOS Keychain')
    expect(keychainNameFor('win32')).toBe('the Windows Credential Manager')
    expect(keychainNameFor('linux')).toMatch(/Secret Service/)
  })
})

describe('KeychainVault when the keychain cannot be reached (a real child process without a D-Bus session)', () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
  const probe = resolve(root, 'test/support/keychain-unavailable-probe.ts')

  it('fails every operation with KEYCHAIN, names the Secret Service keyring and never echoes the secret', async () => {
    const secret = `probe-secret-${randomUUID()}`
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }
    delete env.DISPLAY
    delete env.WAYLAND_DISPLAY
    const { stdout } = await promisify(execFile)('npx', ['tsx', probe, `Keywarden-test-${randomUUID()}`, secret], {
      cwd: root,
      env,
      timeout: 60_000,
    })
    const results = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { op: string; ok?: boolean; code?: string; message?: string })

    expect(results.map((r) => r.op)).toEqual(['read', 'write', 'remove'])
    for (const result of results) {
      expect(result, result.op).toMatchObject({ code: 'KEYCHAIN' })
      expect(result.message).toContain('the Secret Service keyring')
      expect(result.message).toMatch(/Unlock it, or make sure it is running/)
      expect(result.message).not.toContain(secret)
    }
    expect(results[0]!.message).toMatch(/could not read a secret from/)
    expect(results[1]!.message).toMatch(/could not store a secret in/)
  }, 90_000)
})
