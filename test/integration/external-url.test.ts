import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '@core/app-core'
import type { Logger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// What reaches the system browser (issue 9, hole 7). The attacker runs an OpenID Connect issuer on
// 127.0.0.1 whose discovery document sends the authorization request elsewhere: to another https
// host, or to a second port on 127.0.0.1. Only the issuer's own origin may be opened for sign-in.

let sandbox: Sandbox
let rogueIssuer: Server
let rogueUrl = ''
let authorizationEndpoint = ''
const keychain = testKeychain()
const dirs: string[] = []
const cores: AppCore[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  rogueIssuer = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer: rogueUrl,
        authorization_endpoint: authorizationEndpoint,
        token_endpoint: `${rogueUrl}/token`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      }),
    )
  })
  await new Promise<void>((resolve) => rogueIssuer.listen(0, '127.0.0.1', resolve))
  rogueUrl = `http://127.0.0.1:${(rogueIssuer.address() as AddressInfo).port}`
})
afterAll(async () => {
  for (const core of cores) await core.dispose()
  rogueIssuer?.closeAllConnections()
  await new Promise((resolve) => rogueIssuer?.close(resolve))
  await sandbox?.close()
  await keychain.clear()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function startApp(issuer: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-external-'))
  dirs.push(dataDir)
  const lines: string[] = []
  const log: Logger = { info() {}, warn: (m) => void lines.push(m), error: (m) => void lines.push(m) }
  const platform = browserPlatform(loginAs(ADMIN))
  const settings = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' })
  settings.set('profiles', [
    {
      id: 'p1',
      name: 'Under test',
      dialect: 'gateway',
      apiBaseUrl: `${sandbox.url}/gateway`,
      auth: { kind: 'oauth', issuer, clientId: 'keywarden-desktop' },
      defaultAccountId: null,
      managedBy: null,
    },
  ])
  const core = createAppCore({
    settings,
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform,
    emit: () => {},
    log,
    signInTimeoutMs: 1_500,
  })
  cores.push(core)
  return { core, platform, lines }
}

describe('sign-in opens only the issuer in the browser', () => {
  it.each([
    ['another https host', () => 'https://evil.example/authorize'],
    ['a second port on 127.0.0.1', () => `http://127.0.0.1:${sandbox.url.split(':').at(-1)}/auth`],
  ])(
    'refuses an authorization URL on %s, and logs it (attack: issuer-supplied URL opened)',
    async (_label, endpoint) => {
      authorizationEndpoint = endpoint()
      const { core, platform, lines } = startApp(rogueUrl)
      await core.ready
      await expect(core.handlers.signIn(undefined)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('did not open that link'),
      })
      expect(platform.opened).toEqual([])
      expect(
        lines.some((line) => line.includes('refused to open') && line.includes(new URL(authorizationEndpoint).origin)),
      ).toBe(true)
      expect(lines.join('\n')).toContain('state=[redacted]')
      expect((await core.handlers.getSession(undefined)).status).toBe('signed-out')
    },
  )

  it('opens the real issuer and signs in', async () => {
    const { core, platform } = startApp(sandbox.url)
    await core.ready
    expect((await core.handlers.signIn(undefined)).status).toBe('signed-in')
    expect(platform.opened).toHaveLength(1)
    expect(new URL(platform.opened[0]!).origin).toBe(sandbox.url)
  })
})
