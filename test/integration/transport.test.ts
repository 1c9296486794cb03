import { randomUUID } from 'node:crypto'
import dns from 'node:dns'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createAppCore, type AppCore } from '@core/app-core'
import { ApiClient } from '@core/http/api-client'
import { dispatchCall } from '@core/ipc/dispatch'
import { silentLogger } from '@core/log'
import { apiSecretAccount } from '@core/vault/keychain-vault'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// Tokens, keys and secrets never go over plain http to another machine (issue 9, hole 6). The
// attacker's side is a real plain-HTTP server; the name `api.example.com` is made to resolve to it
// (a hosts-file entry for this process only: the real resolver answers every other name), so on a
// tree without the rule the bearer token really arrives there, and with it nothing connects at all.

const NAME = 'api.example.com'
let sandbox: Sandbox
let eavesdropper: Server
let eavesdropperPort = 0
const connections: Socket[] = []
const heard: Array<{ url: string; authorization?: string; apiKey?: string; apiSecret?: string }> = []
const keychain = testKeychain()
const dirs: string[] = []
const cores: AppCore[] = []
const realLookup = dns.lookup

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  eavesdropper = createServer((req, res) => {
    heard.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
      apiKey: req.headers['x-api-key'] as string | undefined,
      apiSecret: req.headers['x-api-secret'] as string | undefined,
    })
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"items":[]}')
  })
  eavesdropper.on('connection', (socket) => connections.push(socket))
  await new Promise<void>((resolve) => eavesdropper.listen(0, '127.0.0.1', resolve))
  eavesdropperPort = (eavesdropper.address() as AddressInfo).port
  // The hosts entry: api.example.com → 127.0.0.1, for this test process only.
  const mapped = ((hostname: string, options: unknown, callback: unknown) => {
    const target = hostname === NAME ? '127.0.0.1' : hostname
    return (realLookup as (...args: unknown[]) => void).call(dns, target, options, callback)
  }) as typeof dns.lookup
  dns.lookup = mapped
})
afterAll(async () => {
  dns.lookup = realLookup
  for (const core of cores) await core.dispose()
  eavesdropper?.closeAllConnections()
  await new Promise((resolve) => eavesdropper?.close(resolve))
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(async () => {
  heard.length = 0
  connections.length = 0
  await keychain.clear()
})

function startApp(storedProfiles: unknown[] = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-transport-'))
  dirs.push(dataDir)
  const settings = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' })
  if (storedProfiles.length > 0) settings.set('profiles', storedProfiles)
  const core = createAppCore({
    settings,
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: browserPlatform(loginAs(ADMIN)),
    emit: () => {},
    log: silentLogger,
  })
  cores.push(core)
  return core
}

const insecureUrl = () => `http://${NAME}:${eavesdropperPort}/gateway`

describe('a profile with a plain-http API base URL', () => {
  it('the hosts entry really leads to the eavesdropper (so the tests below can fail)', async () => {
    const response = await fetch(`http://${NAME}:${eavesdropperPort}/probe`, {
      headers: { authorization: 'Bearer not-a-secret' },
    })
    expect(response.status).toBe(200)
    expect(heard).toEqual([{ url: '/probe', authorization: 'Bearer not-a-secret' }])
  })

  it('is refused when saved, with a field error that says why (OAuth profile)', async () => {
    const core = startApp()
    const result = await dispatchCall(
      core.handlers,
      'saveProfile',
      {
        name: 'Cleartext API',
        dialect: 'gateway',
        apiBaseUrl: 'http://api.example.com',
        auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
      },
      silentLogger,
    )
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { apiBaseUrl: expect.stringContaining('must use https') } },
    })
    expect((await core.handlers.listProfiles(undefined)).profiles).toEqual([])
  })

  it('is refused when saved, before the key and secret are sent (pulse API-key profile)', async () => {
    const core = startApp()
    const result = await dispatchCall(
      core.handlers,
      'saveProfile',
      {
        name: 'Cleartext pulse',
        dialect: 'pulse',
        apiBaseUrl: `http://${NAME}:${eavesdropperPort}/pulse`,
        auth: { kind: 'api-key', apiKeyId: 'apiKey-AbCdEfGhIjKlMnOpQrStUvWx' },
        apiSecret: 'a-secret-that-must-not-travel',
      },
      silentLogger,
    )
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { apiBaseUrl: expect.stringContaining('loopback') } },
    })
    expect(connections).toHaveLength(0)
  })

  it('accepts https and loopback http', async () => {
    const core = startApp()
    const saved = await core.handlers.saveProfile({
      name: 'Local',
      dialect: 'gateway',
      apiBaseUrl: `${sandbox.url}/gateway`,
      auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
      defaultAccountId: null,
    })
    expect(saved.apiBaseUrl).toBe(`${sandbox.url}/gateway`)
  })

  it('stored before the rule, it keeps loading but never gets the bearer token (attack: token in clear text)', async () => {
    const profileId = randomUUID()
    const core = startApp([
      {
        id: profileId,
        name: 'Old cleartext profile',
        dialect: 'gateway',
        apiBaseUrl: insecureUrl(),
        auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
        defaultAccountId: null,
        managedBy: null,
      },
    ])
    await core.ready
    expect((await core.handlers.listProfiles(undefined)).profiles.map((p) => p.profile.id)).toEqual([profileId])
    expect((await core.handlers.signIn(undefined)).status).toBe('signed-in')
    await expect(core.handlers.listKeys(undefined)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('refusing to list keys over plain http'),
    })
    expect(heard).toEqual([])
    expect(connections).toHaveLength(0)
  })
})

describe('a pulse API-key profile stored with a plain-http URL before the rule', () => {
  it('never sends its key and secret to log in (attack: credentials in clear text)', async () => {
    const profileId = randomUUID()
    await keychain.vault.write(apiSecretAccount(profileId), 'a-secret-that-must-not-travel')
    const core = startApp([
      {
        id: profileId,
        name: 'Old cleartext pulse',
        dialect: 'pulse',
        apiBaseUrl: `http://${NAME}:${eavesdropperPort}/pulse`,
        auth: { kind: 'api-key', apiKeyId: 'apiKey-AbCdEfGhIjKlMnOpQrStUvWx' },
        defaultAccountId: null,
        managedBy: null,
      },
    ])
    await core.ready
    const session = await core.handlers.signIn(undefined).catch((error: unknown) => error)
    expect(JSON.stringify(session)).toContain('must use https')
    expect(heard).toEqual([])
    expect(connections).toHaveLength(0)
  })
})

describe('the request layer', () => {
  const tokens = {
    asked: 0,
    async accessToken() {
      this.asked++
      return 'a-bearer-token-that-must-not-travel'
    },
    async renewAfterRejection() {
      return 'a-bearer-token-that-must-not-travel'
    },
  }

  it('refuses a bearer request to a plain-http host before it even asks for the token', async () => {
    const client = new ApiClient(insecureUrl(), 'Cleartext API', tokens, 2_000)
    await expect(
      client.request({ method: 'GET', path: 'apikeys', schema: z.unknown(), call: 'list keys' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', fields: { apiBaseUrl: expect.any(String) } })
    expect(tokens.asked).toBe(0)
    expect(connections).toHaveLength(0)
  })

  it('refuses to try a key (x-api-key / x-api-secret) against a plain-http host', async () => {
    const client = new ApiClient(insecureUrl(), 'Cleartext API', tokens, 2_000)
    await expect(
      client.probe('demo', { 'x-api-key': 'apiKey-x', 'x-api-secret': 'the-secret' }, ['the-secret']),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(heard).toEqual([])
    expect(connections).toHaveLength(0)
  })

  it('still talks to plain http on the loopback address', async () => {
    const client = new ApiClient(`http://127.0.0.1:${eavesdropperPort}/gateway`, 'Local API', tokens, 2_000)
    await expect(
      client.request({ method: 'GET', path: 'apikeys', schema: z.unknown(), call: 'list keys' }),
    ).resolves.toEqual({ data: [], items: [] })
    expect(heard).toHaveLength(1)
  })
})
