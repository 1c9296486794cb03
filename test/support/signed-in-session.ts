/**
 * Builds the real core session stack (SessionService + OidcConnector + KeychainVault over keytar)
 * against a running sandbox, with a "browser" that is a plain function: the PlatformPort's
 * openExternal hands it the authorization URL and returns at once, like a real browser launch.
 *
 *   const keychain = testKeychain()                     // one unique keychain service per test file
 *   afterEach(() => keychain.clear())
 *   const { session } = await signedInSession(sandbox, keychain, { username: 'admin', password: 'keywarden' })
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import keytar from 'keytar'
import type { SessionState } from '@shared/domain/session'
import { LastSubjects } from '@core/auth/last-subjects'
import { OidcConnector, type IssuedTokens } from '@core/auth/oidc-connector'
import { SessionService } from '@core/auth/session-service'
import type { Logger } from '@core/log'
import type { PlatformPort } from '@core/platform'
import type { Profile } from '@core/settings/profiles'
import { KeychainVault } from '@core/vault/keychain-vault'
import { keytarBackend } from '@core/vault/keytar-backend'
import type { Sandbox } from '@sandbox/server'
import { signInThroughLoginPage, type Credentials } from './login-page-client'

export const DEMO_PASSWORD = 'keywarden'
export const ADMIN: Credentials = { username: 'admin', password: DEMO_PASSWORD }

export interface TestKeychain {
  service: string
  vault: KeychainVault
  /** Deletes every secret stored under this service. */
  clear(): Promise<void>
  accounts(): Promise<string[]>
}

/** A keychain service of its own, so a test never touches another test's (or a user's) secrets. */
export function testKeychain(): TestKeychain {
  const service = `Keywarden-test-${randomUUID()}`
  return {
    service,
    vault: new KeychainVault(keytarBackend, service),
    async clear() {
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
    },
    async accounts() {
      return (await keytar.findCredentials(service)).map((c) => c.account)
    },
  }
}

export function sandboxProfile(sandbox: Sandbox, overrides: Partial<Profile> = {}): Profile {
  return {
    id: randomUUID(),
    name: 'Sandbox under test',
    dialect: 'gateway',
    apiBaseUrl: `${sandbox.url}/gateway`,
    auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
    defaultAccountId: null,
    managedBy: null,
    ...overrides,
  }
}

/** The real connector, counting refresh-token grants. */
export class CountingConnector extends OidcConnector {
  refreshes = 0
  override async refresh(refreshToken: string): Promise<IssuedTokens> {
    this.refreshes++
    return super.refresh(refreshToken)
  }
}

/** What the "browser" does with the authorization URL. */
export type Browser = (authorizationUrl: string) => Promise<unknown>

export const loginAs =
  (credentials: Credentials | readonly Credentials[]): Browser =>
  (url) =>
    signInThroughLoginPage(url, credentials)

export interface RecordingPlatform extends PlatformPort {
  opened: string[]
  /** What each browser visit ended with (rejections included). */
  visits: Array<Promise<unknown>>
  /** Resolves with the URL of the first openExternal call. */
  firstOpened: Promise<string>
}

export function browserPlatform(browser: Browser): RecordingPlatform {
  let announce: (url: string) => void = () => {}
  const firstOpened = new Promise<string>((resolve) => (announce = resolve))
  const platform: RecordingPlatform = {
    opened: [],
    visits: [],
    firstOpened,
    async openExternal(url) {
      platform.opened.push(url)
      announce(url)
      // A real browser launch returns before the user signs in; the app then waits on its loopback port.
      const visit = browser(url)
      visit.catch(() => {})
      platform.visits.push(visit)
    },
    // These tests are about sign-in and keys; the clipboard is exercised through the browser host.
    clipboard: {
      writeSecret: async () => {
        throw new Error('no clipboard in this test')
      },
      readText: async () => '',
      clear: async () => {},
    },
    setContentProtection() {},
  }
  return platform
}

/** A clock the test can move forward; Date.now plus an offset. */
export function testClock() {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms
    },
  }
}

export interface SessionHarness {
  session: SessionService
  connector: CountingConnector
  platform: RecordingPlatform
  profile: Profile
  /** Every sessionChanged payload, in order. */
  events: SessionState[]
  logLines: string[]
}

export interface HarnessOptions {
  browser?: Browser
  profile?: Profile
  /** The session's clock. */
  now?: () => number
  /** The connector's clock (token expiry); defaults to the session's. */
  connectorNow?: () => number
  signInTimeoutMs?: number
  /** Who the profile was last signed in as; by default a fresh settings file of its own (real conf). */
  lastSubjects?: LastSubjects
  /** Builds the connector (a subclass of CountingConnector) instead of the plain one. */
  connector?: (issuer: string, clientId: string, now: () => number) => CountingConnector
}

const neverOpened: Browser = async (url) => {
  throw new Error(`the browser was not expected to open (${url})`)
}

export function sessionHarness(sandbox: Sandbox, keychain: TestKeychain, options: HarnessOptions = {}): SessionHarness {
  const profile = options.profile ?? sandboxProfile(sandbox)
  const events: SessionState[] = []
  const logLines: string[] = []
  const log: Logger = {
    info: (m) => logLines.push(`info ${m}`),
    warn: (m) => logLines.push(`warn ${m}`),
    error: (m) => logLines.push(`error ${m}`),
  }
  const onChange = (state: SessionState) => events.push(state)
  if (profile.auth.kind !== 'oauth') throw new Error('sessionHarness needs an OAuth profile')
  const connectorNow = options.connectorNow ?? options.now
  const connector = (options.connector ?? ((...args) => new CountingConnector(...args)))(
    profile.auth.issuer,
    profile.auth.clientId,
    connectorNow ?? Date.now,
  )
  const platform = browserPlatform(options.browser ?? neverOpened)
  const session = new SessionService({
    profile,
    connector,
    vault: keychain.vault,
    lastSubjects: options.lastSubjects ?? testLastSubjects(log),
    platform,
    onChange,
    log,
    signInTimeoutMs: options.signInTimeoutMs ?? 30_000,
    ...(options.now ? { now: options.now } : {}),
  })
  return { session, connector, platform, profile, events, logLines }
}

let settingsDir: string | undefined

/** The last-subject memory over a real settings file (conf) of its own; the folder goes when the process ends. */
export function testLastSubjects(log: Logger): LastSubjects {
  if (!settingsDir) {
    const dir = mkdtempSync(join(tmpdir(), 'keywarden-subjects-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    settingsDir = dir
  }
  return new LastSubjects(
    new Conf({ cwd: settingsDir, configName: `settings-${randomUUID()}`, projectName: 'keywarden' }),
    log,
  )
}

/** A session signed in through the sandbox's real login page. */
export async function signedInSession(
  sandbox: Sandbox,
  keychain: TestKeychain,
  user: Credentials = ADMIN,
  options: Omit<HarnessOptions, 'browser'> = {},
): Promise<SessionHarness> {
  const harness = sessionHarness(sandbox, keychain, { ...options, browser: loginAs(user) })
  await harness.session.restored
  const state = await harness.session.signIn()
  if (state.status !== 'signed-in') throw new Error(`sign-in ended ${state.status}`)
  return harness
}

/** The token values (of those given) that occur in `text`. */
export function tokensIn(text: string, tokens: readonly string[]): string[] {
  return tokens.filter((token) => token.length > 0 && text.includes(token))
}
