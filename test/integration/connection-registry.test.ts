import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { connectionServices } from '../support/connection-services'
import { testKeychain } from '../support/signed-in-session'

// The connection registry (one runtime connection per profile, the active one, offline status) with
// real settings, the real keychain and the sandbox over HTTP.

let sandbox: Sandbox
const keychain = testKeychain()

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await sandbox?.close()
})
afterEach(() => keychain.clear())

describe('ConnectionRegistry', () => {
  it('marks a profile whose server is down as offline, with the error, while the others keep working', async () => {
    const gone = await startSandbox({ port: 0 })
    const { connections, profileService, keys } = connectionServices(gone.url, keychain)
    await connections.ready
    await connections.active().session.signIn()
    await gone.close()

    await expect(keys.list()).rejects.toMatchObject({ code: 'NETWORK' })
    const entry = connections.overview().profiles.find((p) => p.profile.id === connections.active().profile.id)!
    expect(entry.status).toBe('offline')
    expect(entry.error).toMatch(/cannot reach/)

    const added = await profileService.save({
      name: 'Live sandbox',
      dialect: 'gateway',
      apiBaseUrl: `${sandbox.url}/gateway`,
      auth: { kind: 'oauth', issuer: sandbox.url, clientId: 'keywarden-desktop' },
    })
    await connections.select(added.id)
    await connections.active().session.signIn()
    const listed = await keys.list()
    expect(listed.keys.length).toBeGreaterThan(0)
  })

  it('switching profiles cancels the previous profile’s requests', async () => {
    const { connections } = connectionServices(sandbox.url, keychain)
    await connections.ready
    const gateway = connections.active()
    await gateway.session.signIn()
    const signal = gateway.signal
    const wallet = connections.overview().profiles.find((p) => p.profile.dialect === 'wallet')!
    await connections.select(wallet.profile.id)
    expect(signal.aborted).toBe(true)
    expect(connections.active().profile.id).toBe(wallet.profile.id)
  })
})
