import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { ApiKey } from '@shared/domain/api-key'
import { HEAD_KEYS, PART_KEYS } from '@core/cache/cache-file'
import { cacheKeyAccount, KeyCache } from '@core/cache/key-cache'
import type { Logger } from '@core/log'
import { testKeychain } from '../support/signed-in-session'

// The encrypted offline key cache, on real files and the real OS keychain (the private keyring).

const keychain = testKeychain()
const dirs: string[] = []
afterEach(async () => {
  await keychain.clear()
})
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) }
}

function cacheIn(dir?: string) {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'keywarden-cache-'))
  if (!dir) dirs.push(folder)
  const log = recordingLog()
  return { dir: folder, log, cache: new KeyCache({ dir: folder, vault: keychain.vault, log }) }
}

const key = (id: string, notes: string | null = 'Contact payments ops'): ApiKey => ({
  id,
  name: `reporting-${id}`,
  maskedKey: `apk_${id.slice(0, 3)}***xyz`,
  status: 'active',
  permissions: { payments: 'view' },
  nativePermissions: ['payments:read'],
  expiresAt: null,
  notes,
  createdAt: '2026-01-02T03:04:05.000Z',
  lastUsedAt: null,
  accountId: null,
})

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))

describe('KeyCache', () => {
  it('round-trips a list per profile and account, and the file holds no plaintext', async () => {
    const { cache, dir } = cacheIn()
    const keys = [key('k1'), key('k2', 'ticket #4711, very private note')]
    await cache.write('profile-a', 'acct-1', keys, '2026-11-30T10:42:00.000Z')
    await cache.write('profile-a', null, [key('k3')], '2026-11-30T10:43:00.000Z')

    expect(await cache.read('profile-a', 'acct-1')).toEqual({
      accountId: 'acct-1',
      keys,
      savedAt: '2026-11-30T10:42:00.000Z',
    })
    expect((await cache.read('profile-a', null))?.keys.map((k) => k.id)).toEqual(['k3'])
    expect(await cache.read('profile-b', 'acct-1')).toBeNull()
    for (const file of filesUnder(dir)) {
      const text = readFileSync(file, 'utf8')
      for (const secretish of ['reporting-k1', 'ticket #4711', 'apk_k1', 'payments'])
        expect(text).not.toContain(secretish)
    }
  })

  it('never writes a field the key model does not have (a value an adapter might attach by mistake)', async () => {
    const { cache, dir } = cacheIn()
    const leaky = { ...key('k1'), value: 'apk_THEFULLVALUE123456', secret: 'S3CRET' } as ApiKey
    await cache.write('profile-a', null, [leaky], '2026-11-30T10:42:00.000Z')
    const read = await cache.read('profile-a', null)
    expect(read?.keys[0]).not.toHaveProperty('value')
    expect(read?.keys[0]).not.toHaveProperty('secret')
    expect(filesUnder(dir)).toHaveLength(1)
  })

  it('rejects a tampered file (one flipped ciphertext byte): deleted, one log line, nothing shown', async () => {
    const { cache, dir, log } = cacheIn()
    await cache.write('profile-a', null, [key('k1')], '2026-11-30T10:42:00.000Z')
    const [file] = filesUnder(dir)
    const stored = JSON.parse(readFileSync(file!, 'utf8')) as { data: { head: { data: string } } }
    const bytes = Buffer.from(stored.data.head.data, 'base64')
    bytes[5] = bytes[5]! ^ 0x01
    stored.data.head.data = bytes.toString('base64')
    writeFileSync(file!, JSON.stringify(stored))

    expect(await cache.read('profile-a', null)).toBeNull()
    expect(filesUnder(dir)).toEqual([])
    expect(log.lines).toHaveLength(1)
    expect(log.lines[0]).toMatch(/could not be opened.*deleted/)
  })

  it('rejects a file moved to another account’s place (the account is bound into the tag)', async () => {
    const { cache, dir } = cacheIn()
    await cache.write('profile-a', 'acct-1', [key('k1')], '2026-11-30T10:42:00.000Z')
    await cache.write('profile-a', 'acct-2', [key('k2')], '2026-11-30T10:42:00.000Z')
    const files = filesUnder(dir)
    const one = files.find((f) => readFileSync(f, 'utf8').includes('"acct-1"'))!
    const two = files.find((f) => f !== one)!
    // The attacker rewrites acct-1's file to claim acct-2 and puts it in acct-2's place.
    writeFileSync(two, readFileSync(one, 'utf8').replace('"acct-1"', '"acct-2"'))
    expect(await cache.read('profile-a', 'acct-2')).toBeNull()
    expect((await cache.read('profile-a', 'acct-1'))?.keys[0]?.id).toBe('k1')
  })

  it('a keychain reset (wrong key): the file is deleted and the next full load rebuilds it', async () => {
    const { cache, dir, log } = cacheIn()
    await cache.write('profile-a', null, [key('k1')], '2026-11-30T10:42:00.000Z')
    // Another key under the same entry, as after a keychain reset and a new key, or on another machine.
    await keytar.setPassword(keychain.service, cacheKeyAccount('profile-a'), Buffer.alloc(32, 7).toString('base64'))
    expect(await cache.read('profile-a', null)).toBeNull()
    expect(filesUnder(dir)).toEqual([])
    expect(log.lines).toHaveLength(1)

    await cache.write('profile-a', null, [key('k2')], '2026-11-30T11:00:00.000Z')
    expect((await cache.read('profile-a', null))?.keys.map((k) => k.id)).toEqual(['k2'])
  })

  it('a key gone from the keychain: the file is deleted, and a new key is made on the next write', async () => {
    const { cache, dir } = cacheIn()
    await cache.write('profile-a', null, [key('k1')], '2026-11-30T10:42:00.000Z')
    await keychain.clear()
    expect(await cache.read('profile-a', null)).toBeNull()
    expect(filesUnder(dir)).toEqual([])
    await cache.write('profile-a', null, [key('k1')], '2026-11-30T10:42:00.000Z')
    expect(await keychain.accounts()).toEqual([cacheKeyAccount('profile-a')])
  })

  it('forget deletes the profile’s files and its key, and leaves other profiles alone', async () => {
    const { cache, dir } = cacheIn()
    await cache.write('profile-a', 'acct-1', [key('k1')], '2026-11-30T10:42:00.000Z')
    await cache.write('profile-b', null, [key('k2')], '2026-11-30T10:42:00.000Z')
    await cache.forget('profile-a')
    expect(await cache.read('profile-a', 'acct-1')).toBeNull()
    expect(await keychain.accounts()).toEqual([cacheKeyAccount('profile-b')])
    expect(filesUnder(dir)).toHaveLength(1)
    expect((await cache.readLatest('profile-b'))?.keys[0]?.id).toBe('k2')
  })

  it('a long list is saved in parts: the head opens alone, the parts follow in order', async () => {
    const { cache, dir } = cacheIn()
    const keys = Array.from({ length: HEAD_KEYS + PART_KEYS + 7 }, (_, i) => key(`k${i}`, null))
    await cache.write('profile-a', 'acct-1', keys, '2026-11-30T10:42:00.000Z')
    expect(
      filesUnder(dir)
        .map((f) => f.replace(/^.*\./, ''))
        .sort(),
    ).toEqual(['json', 'parts'])

    const opened = await cache.open('profile-a', 'acct-1')
    expect(opened).toMatchObject({ accountId: 'acct-1', savedAt: '2026-11-30T10:42:00.000Z', total: keys.length })
    expect(opened?.head.map((k) => k.id)).toEqual(keys.slice(0, HEAD_KEYS).map((k) => k.id))
    const parts: string[][] = []
    for (let part = opened!.next(); part !== null; part = opened!.next()) parts.push(part.map((k) => k.id))
    expect(parts.map((p) => p.length)).toEqual([PART_KEYS, 7])
    expect((await cache.read('profile-a', 'acct-1'))?.keys).toEqual(keys)
  })

  it('a part changed, or parts from another save: the list ends at the head, the files are deleted, one log line', async () => {
    const keys = Array.from({ length: HEAD_KEYS + 3 }, (_, i) => key(`k${i}`, null))
    const flip = (file: string) => {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { data: { parts: { data: string }[] } }
      const bytes = Buffer.from(stored.data.parts[0]!.data, 'base64')
      bytes[3] = bytes[3]! ^ 0x01
      stored.data.parts[0]!.data = bytes.toString('base64')
      writeFileSync(file, JSON.stringify(stored))
    }
    const { cache, dir, log } = cacheIn()
    await cache.write('profile-a', null, keys, '2026-11-30T10:42:00.000Z')
    flip(filesUnder(dir).find((f) => f.endsWith('.parts'))!)
    const opened = await cache.open('profile-a', null)
    expect(opened?.head).toHaveLength(HEAD_KEYS)
    expect(opened?.next()).toBeNull()
    expect(filesUnder(dir)).toEqual([])
    expect(log.lines).toHaveLength(1)

    // The parts of an older save of the same list, next to a newer head.
    await cache.write('profile-a', null, keys, '2026-11-30T10:42:00.000Z')
    const parts = filesUnder(dir).find((f) => f.endsWith('.parts'))!
    const older = readFileSync(parts, 'utf8')
    await cache.write('profile-a', null, keys, '2026-11-30T11:00:00.000Z')
    writeFileSync(parts, older)
    expect(await cache.read('profile-a', null)).toBeNull()
    expect(filesUnder(dir)).toEqual([])
    expect(log.lines).toHaveLength(2)
  })

  it('a save that lands while a list is being read ends that reading, and deletes nothing', async () => {
    const { cache, dir, log } = cacheIn()
    const keys = Array.from({ length: HEAD_KEYS + 3 }, (_, i) => key(`k${i}`, null))
    await cache.write('profile-a', null, keys, '2026-11-30T10:42:00.000Z')
    const opened = await cache.open('profile-a', null)
    await cache.write('profile-a', null, keys.slice(1), '2026-11-30T11:00:00.000Z')
    expect(opened?.next()).toBeNull()
    expect(log.lines).toEqual([])
    expect(filesUnder(dir)).toHaveLength(2)
    expect((await cache.read('profile-a', null))?.savedAt).toBe('2026-11-30T11:00:00.000Z')
  })

  it('a cache file that is not JSON at all is deleted, not shown and not a crash', async () => {
    const { cache, dir, log } = cacheIn()
    await cache.write('profile-a', null, [key('k1')], '2026-11-30T10:42:00.000Z')
    writeFileSync(filesUnder(dir)[0]!, '\u0000garbage{')
    expect(await cache.readLatest('profile-a')).toBeNull()
    expect(filesUnder(dir)).toEqual([])
    expect(log.lines).toHaveLength(1)
  })
})
