/**
 * A browser host in a child process whose API requests go through the fault proxy, signed in as the
 * sandbox admin, on its own data folder and keychain service; it can be SIGKILLed and started again
 * on the same folder and keychain (the session comes back from the keychain, as after a crash).
 *
 * Only the API goes through the proxy: the host gets a profile of its own whose API base URL is the
 * proxy's and whose issuer is the sandbox itself (the sign-in server checks its own issuer URL).
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import type { Sandbox } from '@sandbox/server'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy'
import { HostClient } from '../support/host-contract-client'
import { startHostProcess, standInRenderer, type HostProcess } from '../support/host-process'
import { signInThroughLoginPage } from '../support/login-page-client'
import { ADMIN } from '../support/signed-in-session'

export interface ProxiedHost {
  proxy: FaultProxy
  dataDir: string
  keychainService: string
  host: HostProcess
  /** What every host process started so far printed (its own log, redacted by the app), oldest first. */
  readonly output: string[]
  client: HostClient
  profileId: string
  /** SIGKILL the host (the client's pending calls fail with HostGoneError). */
  crash(): Promise<void>
  /** Starts the host again on the same folder and keychain, and connects a new client. */
  restart(): Promise<void>
  dispose(): Promise<void>
}

export const PROXIED_PROFILE_NAME = 'Gateway through the fault proxy'

const browser = (url: string) => signInThroughLoginPage(url, ADMIN)

export async function startProxiedHost(
  sandbox: Sandbox,
  options: { recordBodies?: boolean; rendererDir?: string } = {},
): Promise<ProxiedHost> {
  const proxy = await startFaultProxy(sandbox.url, { recordBodies: options.recordBodies ?? false })
  const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-crash-'))
  const keychainService = `Keywarden-test-${randomUUID()}`
  const rendererDir = options.rendererDir ?? standInRenderer()
  const start = () => startHostProcess({ sandboxUrl: sandbox.url, dataDir, keychainService, rendererDir })

  let host = await start()
  let client = await HostClient.connect(await host.newLink(), browser)
  const profile = await client.call('saveProfile', {
    name: PROXIED_PROFILE_NAME,
    dialect: 'gateway',
    apiBaseUrl: `${proxy.url}/gateway`,
    auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
    defaultAccountId: null,
  })
  await client.call('selectProfile', { profileId: profile.id })
  // Neither the idle lock nor sudo mode is what these tests are about.
  await client.call('updateSettings', { clipboardClearSeconds: 30, sudoWindowMinutes: 0, lockIdleMinutes: 0 })
  const state = await client.call('signIn')
  if (state.status !== 'signed-in') throw new Error(`sign-in ended ${state.status}`)

  const earlier: string[] = []
  const harness: ProxiedHost = {
    proxy,
    dataDir,
    keychainService,
    get host() {
      return host
    },
    get output() {
      return [...earlier, ...host.output]
    },
    get client() {
      return client
    },
    profileId: profile.id,
    async crash() {
      await host.kill()
      client.close()
    },
    async restart() {
      earlier.push(...host.output, '--- restart ---')
      host = await start()
      client = await HostClient.connect(await host.newLink(), browser)
    },
    async dispose() {
      client.close()
      await host.stop()
      await proxy.close()
      for (const { account } of await keytar.findCredentials(keychainService))
        await keytar.deletePassword(keychainService, account)
      rmSync(dataDir, { recursive: true, force: true })
      if (!options.rendererDir) rmSync(rendererDir, { recursive: true, force: true })
    },
  }
  return harness
}
