import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as client from 'openid-client'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '@sandbox/db/database'
import { SqliteKeyStore } from '@sandbox/db/sqlite-key-store'
import { type KeyCipher } from '@sandbox/keys/key-cipher'
import { maskKey, newKeyId, newKeyValue, secretSha256, WALLET_KEY_FORMAT } from '@sandbox/keys/key-format'
import { DuplicateKeyNameError, type StoredKey } from '@sandbox/keys/key-store'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { signInThroughLoginPage } from '../support/login-page-client'

const insecure = { execute: [client.allowInsecureRequests] }
const dirs: string[] = []
const running: Sandbox[] = []

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-sandbox-'))
  dirs.push(dir)
  return dir
}

async function start(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
  const sandbox = await startSandbox(options)
  running.push(sandbox)
  return sandbox
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function walletKey(name: string, tenantId = 'wal_main'): StoredKey {
  const value = newKeyValue(WALLET_KEY_FORMAT)
  return {
    id: newKeyId(WALLET_KEY_FORMAT.prefix),
    dialect: 'wallet',
    tenantId,
    name,
    permissions: ['balances:view'],
    status: 'active',
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
    lastUsedAt: null,
    notes: null,
    masked: maskKey(value, WALLET_KEY_FORMAT),
    publicId: null,
    secretSha256: secretSha256(value),
    encryptedSecret: null,
    createdBy: 'admin',
  }
}

describe('SqliteKeyStore name uniqueness', () => {
  it('lets exactly one of 20 concurrent inserts with the same name win; the rest get DuplicateKeyNameError', async () => {
    const db = openDatabase(undefined)
    try {
      const store = new SqliteKeyStore(db)
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => store.insert(walletKey('payments-bot'), { uniqueName: true })),
      )
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
      const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      expect(failures).toHaveLength(19)
      for (const failure of failures) expect(failure.reason).toBeInstanceOf(DuplicateKeyNameError)

      // Per tenant: the same name in another wallet is fine; non-unique inserts are not affected.
      await store.insert(walletKey('payments-bot', 'wal_payroll'), { uniqueName: true })
      await store.insert({ ...walletKey('payments-bot'), dialect: 'gateway', tenantId: '' })
      await store.insert({ ...walletKey('payments-bot'), dialect: 'gateway', tenantId: '' })
      expect((await store.list({ dialect: 'wallet', tenantId: 'wal_main', offset: 0, limit: 50 })).total).toBe(1)

      // A rename onto a taken name is refused the same way; deleting frees the name.
      const other = walletKey('other-bot')
      await store.insert(other, { uniqueName: true })
      await expect(store.update('wallet', other.id, { name: 'payments-bot' })).rejects.toBeInstanceOf(
        DuplicateKeyNameError,
      )
      const taken = (await store.list({ dialect: 'wallet', tenantId: 'wal_main', offset: 0, limit: 50 })).items.find(
        (k) => k.name === 'payments-bot',
      )
      expect(await store.delete('wallet', taken?.id ?? '')).toBe(true)
      await store.insert(walletKey('payments-bot'), { uniqueName: true })
    } finally {
      db.close()
    }
  })
})

/** Authorization code + PKCE as the app does it, keeping the refresh token. */
async function signInForRefreshToken(
  sandboxUrl: string,
): Promise<{ config: client.Configuration; refreshToken: string; accessToken: string }> {
  const config = await client.discovery(new URL(sandboxUrl), 'keywarden-desktop', undefined, client.None(), insecure)
  const server = createServer((_req, res) => res.writeHead(200).end('ok'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    })
    const { callbackUrl } = await signInThroughLoginPage(url.href, { username: 'admin', password: 'keywarden' })
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    })
    return { config, refreshToken: tokens.refresh_token ?? '', accessToken: tokens.access_token }
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

describe('a sandbox with a data folder', () => {
  it('keeps keys, refresh tokens, idempotent answers and the audit log across a restart', async () => {
    const dataDir = tempDataDir()
    const first = await start({ port: 0, dataDir })
    const port = Number(new URL(first.url).port)
    const { refreshToken, accessToken } = await signInForRefreshToken(first.url)
    expect(refreshToken).not.toBe('')
    const idempotency = { 'idempotency-key': 'survives-restart' }
    const createBody = JSON.stringify({ name: 'survivor', scopes: 'sale:read' })
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...idempotency }
    const createdResponse = await fetch(`${first.url}/gateway/v1/apikeys`, {
      method: 'POST',
      headers,
      body: createBody,
    })
    expect(createdResponse.status).toBe(201)
    const created = (await createdResponse.json()) as { id: string; key: string }
    await first.close()
    // fetch pools keep-alive sockets per origin; give it a moment to see the old server hang up
    // before the same origin answers again, or it may reuse a dead socket ("other side closed").
    await new Promise((resolve) => setTimeout(resolve, 200))

    // Same port: the issuer (and so every token's iss) includes it.
    const second = await start({ port, dataDir })
    expect(second.url).toBe(first.url)
    const config = await client.discovery(new URL(second.url), 'keywarden-desktop', undefined, client.None(), insecure)
    const refreshed = await client.refreshTokenGrant(config, refreshToken)
    const auth = { authorization: `Bearer ${refreshed.access_token}` }

    const list = (await (await fetch(`${second.url}/gateway/v1/apikeys?size=200`, { headers: auth })).json()) as {
      _embedded: { apikeys: Array<{ id: string; name: string }> }
    }
    expect(list._embedded.apikeys.filter((key) => key.name === 'survivor').map((key) => key.id)).toEqual([created.id])
    // Seed data is written once: still eight demo keys, not sixteen.
    expect(list._embedded.apikeys.filter((key) => key.name === 'checkout-service')).toHaveLength(1)

    expect((await fetch(`${second.url}/gateway/v1/sales`, { headers: { 'x-api-key': created.key } })).status).toBe(200)
    const revealed = await fetch(`${second.url}/gateway/v1/apikeys/${created.id}/decrypt`, {
      method: 'PATCH',
      headers: auth,
    })
    expect(await revealed.json()).toEqual({ id: created.id, key: created.key })

    const replay = await fetch(`${second.url}/gateway/v1/apikeys`, {
      method: 'POST',
      headers: { ...headers, ...auth },
      body: createBody,
    })
    expect(replay.status).toBe(201)
    expect(((await replay.json()) as { key: string }).key).toBe(created.key)

    const audit = await second.deps.audit.list({ keyId: created.id, limit: 10 })
    expect(audit.map((entry) => entry.action)).toEqual(['revealed', 'created'])
  })

  it('keeps the encryption key outside the database, readable by its owner only', async () => {
    const dataDir = tempDataDir()
    const sandbox = await start({ port: 0, dataDir })
    await sandbox.close()
    const secretKey = statSync(join(dataDir, 'secret.key'))
    expect(statSync(join(dataDir, 'sandbox.sqlite')).isFile()).toBe(true)
    if (process.platform !== 'win32') {
      expect(secretKey.mode & 0o777).toBe(0o600)
      expect(statSync(join(dataDir, 'sandbox.sqlite')).mode & 0o777).toBe(0o600)
    }

    // No key values, and not the encryption key, in the database file.
    const db = openDatabase(join(dataDir, 'sandbox.sqlite'))
    try {
      const rows = db.prepare('SELECT * FROM api_keys').all()
      expect(rows.length).toBeGreaterThan(0)
      expect(JSON.stringify(rows)).not.toMatch(/apk_[A-Za-z0-9]{40}/)
    } finally {
      db.close()
    }
  })

  it('upgrades a data folder of schema 1 (no stored passwords, per-caller replays): users get scrypt hashes and sign in', async () => {
    const dataDir = tempDataDir()
    await (await start({ port: 0, dataDir })).close()
    // Back to what a sandbox before issue 9 left: schema 1, no user_credentials, old replay rows.
    const old = openDatabase(join(dataDir, 'sandbox.sqlite'))
    try {
      old.exec(`DROP TABLE user_credentials; DROP INDEX idempotent_responses_by_key;
        ALTER TABLE idempotent_responses DROP COLUMN owner; ALTER TABLE idempotent_responses DROP COLUMN key_id;
        INSERT INTO idempotent_responses (scope, key, request_sha256, status, encrypted_body, created_at) VALUES ('gateway::admin', 'k', 'x', 201, '{}', 0);
        PRAGMA user_version = 1;`)
    } finally {
      old.close()
    }
    const upgraded = await start({ port: 0, dataDir })
    const login = await fetch(`${upgraded.url}/pulse/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'keywarden' }),
    })
    expect(login.status).toBe(200)
    await upgraded.close()
    const db = openDatabase(join(dataDir, 'sandbox.sqlite'))
    try {
      const hashes = db.prepare('SELECT password_hash FROM user_credentials').all() as Array<{ password_hash: string }>
      expect(hashes).toHaveLength(3)
      for (const { password_hash: hash } of hashes) expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/)
      expect(db.prepare('SELECT COUNT(*) AS n FROM idempotent_responses').get()).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })

  it('refuses to start when secret.key is lost, and --reset starts over with fresh demo data', async () => {
    const dataDir = tempDataDir()
    const first = await start({ port: 0, dataDir, seedKeys: 25 })
    expect((await first.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 1 })).total).toBe(33)
    await first.close()
    rmSync(join(dataDir, 'secret.key'))
    await expect(startSandbox({ port: 0, dataDir })).rejects.toThrow(/secret\.key is missing/)

    const reset = await start({ port: 0, dataDir, reset: true })
    expect((await reset.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 1 })).total).toBe(8)
  })

  it('stores bulk-seeded keys as real keys: each one decrypts to a value whose hash is stored', async () => {
    const sandbox = await start({ port: 0, seedKeys: 50 })
    const { items } = await sandbox.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 100 })
    const scale = items.filter((key) => key.createdBy === 'seed')
    expect(scale).toHaveLength(50)
    const cipher: KeyCipher = sandbox.deps.cipher
    for (const key of scale.slice(0, 5)) {
      const value = cipher.decrypt(key.encryptedSecret!, key.id)
      expect(secretSha256(value)).toBe(key.secretSha256)
      expect(
        (
          await fetch(`${sandbox.url}/gateway/v1/${key.permissions[0]?.split(':')[0]}s`, {
            headers: { 'x-api-key': value },
          })
        ).status,
      ).toBe(200)
    }
  })
})
