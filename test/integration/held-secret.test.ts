import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '@core/app-core'
import { silentLogger } from '@core/log'
import { keytarBackend } from '@core/vault/keytar-backend'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { ADMIN, browserPlatform, loginAs, testKeychain } from '../support/signed-in-session'

// The value main holds for a one-time secret dialog a lock closed: there while the dialog may come
// back, gone once the user closed it. Real sandbox over HTTP, real keychain.

let sandbox: Sandbox
const keychain = testKeychain()
const dirs: string[] = []
const cores: AppCore[] = []
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  for (const core of cores) await core.dispose()
  await sandbox?.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(() => keychain.clear())

it('holds a new key’s value for the lock’s re-show, and forgets it when the user closed the dialog', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-held-'))
  dirs.push(dataDir)
  const core = createAppCore({
    settings: new Conf({ cwd: dataDir, configName: 'settings', projectName: 'keywarden' }),
    keychain: keytarBackend,
    keychainService: keychain.service,
    dataDir,
    platform: browserPlatform(loginAs(ADMIN)),
    emit: () => {},
    log: silentLogger,
    sandboxUrl: sandbox.url,
  })
  cores.push(core)
  const { handlers } = core
  const gateway = (await handlers.listProfiles(undefined)).profiles.find((p) => p.profile.dialect === 'gateway')!
  await handlers.selectProfile({ profileId: gateway.profile.id })
  await handlers.signIn(undefined)
  const created = await handlers.createKey({
    draft: { name: 'held-once', permissions: { sale: 'view' }, expiresAt: null, notes: null },
  })
  await handlers.secretShown({ keyId: created.key.id })

  // A lock closed the dialog: after the unlock the same value comes back.
  expect(await handlers.heldSecret({ keyId: created.key.id })).toEqual({ value: created.value, secret: null })

  // The user closed it: nothing in memory can show it again.
  await handlers.secretDismissed({ keyId: created.key.id })
  await expect(handlers.heldSecret({ keyId: created.key.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  // Nor can it be kept in the keychain afterwards, as the value is no longer known to be the issued one.
  await expect(
    handlers.keepSecretCopy({ keyId: created.key.id, value: created.value, secret: null }),
  ).rejects.toMatchObject({ code: 'VALIDATION' })
})
