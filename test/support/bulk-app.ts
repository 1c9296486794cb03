/**
 * An AppCore as the desktop app builds it (real settings, keychain, data folder) on a sandbox,
 * recording the events it emits, for the bulk tests.
 *
 *   const app = startBulkApp(sandbox.url, keychain)
 *   await app.signIn('gateway')
 *   const run = await app.handlers.startBulkRun({ action: 'revoke', keyIds })
 *   const done = await app.runEnded(run.id)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import type { BulkProgress, BulkRunStatus, BulkRunView } from '@shared/contracts/bulk'
import { createAppCore, type AppCore } from '@core/app-core'
import type { PlatformPort } from '@core/platform'
import type { CallHandlers } from '@core/ipc/dispatch'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { ADMIN, browserPlatform, loginAs, type TestKeychain } from './signed-in-session'

export interface BulkApp {
  core: AppCore
  handlers: CallHandlers
  dataDir: string
  progress: BulkProgress[]
  signIn(dialect?: 'gateway' | 'wallet' | 'pulse', profileName?: string): Promise<void>
  /** The run once it reached one of `statuses` (default: finished or cancelled); bounded by `timeoutMs`. */
  runEnded(runId: string, statuses?: readonly BulkRunStatus[], timeoutMs?: number): Promise<BulkRunView>
}

const folders: string[] = []
const cores: AppCore[] = []

export async function disposeBulkApps(): Promise<void> {
  for (const core of cores.splice(0)) await core.dispose()
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
}

/** `notify`: the system notifications of this app (a test that needs reminders records them). */
export function startBulkApp(
  sandboxUrl: string,
  keychain: TestKeychain,
  dataDir?: string,
  notify?: PlatformPort['notify'],
): BulkApp {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'keywarden-bulk-'))
  if (!dataDir) folders.push(dir)
  const progress: BulkProgress[] = []
  const core = createAppCore({
    settings: new Conf({ cwd: dir, configName: 'settings', projectName: 'keywarden' }),
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir: dir,
    platform: { ...browserPlatform(loginAs(ADMIN)), ...(notify ? { notify } : {}) },
    emit: (name, payload) => {
      if (name === 'bulkProgress') progress.push(payload as BulkProgress)
    },
    log: silentLogger,
    sandboxUrl,
  })
  cores.push(core)
  const { handlers } = core
  return {
    core,
    handlers,
    dataDir: dir,
    progress,
    async signIn(dialect = 'gateway', profileName) {
      const overview = await handlers.listProfiles(undefined)
      const profile = overview.profiles.find((p) =>
        profileName
          ? p.profile.name === profileName
          : p.profile.dialect === dialect && p.profile.managedBy === 'sandbox',
      )!.profile
      await handlers.selectProfile({ profileId: profile.id })
      if ((await handlers.getSession(undefined)).status !== 'signed-in') await handlers.signIn(undefined)
    },
    async runEnded(runId, statuses = ['finished', 'cancelled'], timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        const run = (await handlers.listBulkRuns(undefined)).find((r) => r.id === runId)
        if (run && statuses.includes(run.status)) return run
        if (Date.now() > until)
          throw new Error(`bulk run ${runId} still ${run?.status ?? 'absent'} after ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
  }
}
