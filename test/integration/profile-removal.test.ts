import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { disposeBulkApps, startBulkApp } from '../support/bulk-app'
import { testKeychain } from '../support/signed-in-session'

// What the app keeps per profile goes with the profile: the app core as the desktop builds it, real
// settings file, real keychain, the sandbox over HTTP.

let sandbox: Sandbox
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(async () => {
  await disposeBulkApps()
  await keychain.clear()
})

function storedPolicies(dataDir: string): Record<string, number> {
  const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>
  return (settings.rotationPolicies ?? {}) as Record<string, number>
}

it("removing a profile forgets its rotation policy and leaves the other profiles' policies alone", async () => {
  const app = startBulkApp(sandbox.url, keychain)
  const { profiles } = await app.handlers.listProfiles(undefined)
  const [gateway, wallet] = [profiles[0]!.profile.id, profiles[1]!.profile.id]
  await app.handlers.setRotationPolicy({ profileId: gateway, maxAgeDays: 90 })
  await app.handlers.setRotationPolicy({ profileId: wallet, maxAgeDays: 30 })
  expect(storedPolicies(app.dataDir)).toEqual({ [gateway]: 90, [wallet]: 30 })

  await app.handlers.removeProfile({ profileId: wallet })

  expect(storedPolicies(app.dataDir)).toEqual({ [gateway]: 90 })
  expect(await app.handlers.getRotationPolicy({ profileId: gateway })).toEqual({ profileId: gateway, maxAgeDays: 90 })
  await expect(app.handlers.getRotationPolicy({ profileId: wallet })).rejects.toMatchObject({ code: 'NOT_FOUND' })
})

function storedReminderMarkers(dataDir: string): string[] {
  const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>
  return (settings.remindersFired ?? []) as string[]
}

it('removing a profile forgets the reminders it raised', async () => {
  const shown: string[] = []
  const app = startBulkApp(sandbox.url, keychain, undefined, async ({ body }) => {
    shown.push(body)
    return 'shown'
  })
  await app.signIn('gateway')
  const { profiles } = await app.handlers.listProfiles(undefined)
  const gateway = profiles.find((p) => p.profile.dialect === 'gateway' && p.profile.managedBy === 'sandbox')!.profile
  // Saving the reminder settings checks at once: the seeded "crm-sync" expires within 7 days.
  await app.handlers.setReminderSettings((await app.handlers.getReminders(undefined)).settings)
  await expect.poll(() => shown.some((body) => body.includes('crm-sync'))).toBe(true)
  expect(storedReminderMarkers(app.dataDir).filter((marker) => marker.includes(gateway.id)).length).toBeGreaterThan(0)

  await app.handlers.removeProfile({ profileId: gateway.id })

  expect(storedReminderMarkers(app.dataDir).filter((marker) => marker.includes(gateway.id))).toEqual([])
})
