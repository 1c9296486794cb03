import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from '@sandbox/server'
import {
  disposeCachingApps,
  signedInWithCachedKey,
  startCachingApp,
  type RecordedEvents,
} from '../support/cached-gateway-app'
import { testKeychain } from '../support/signed-in-session'

// The offline cache feeds Identify and "All profiles" when the server cannot be reached: a full
// load writes it; the sandbox is then stopped for good and a restarted core still names the key
// (marked cached) and shows the profile's figures (marked cached). Real sandbox, real keychain.

const keychain = testKeychain()
const dirs: string[] = []
afterAll(async () => {
  await disposeCachingApps()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
afterEach(() => keychain.clear())

describe('with the server gone, the cached list still answers', () => {
  it('Identify names the key from the cache and All profiles shows cached figures', async () => {
    const sandbox = await startSandbox({ port: 0 })
    const dataDir = mkdtempSync(join(tmpdir(), 'keywarden-cache-use-'))
    dirs.push(dataDir)
    const events: RecordedEvents = []
    const first = startCachingApp(dataDir, sandbox.url, keychain, { events })
    const { created, gateway } = await signedInWithCachedKey(first, events, 'cached-one')
    await first.dispose()
    await sandbox.close()

    const second = startCachingApp(dataDir, sandbox.url, keychain)
    await second.ready
    const found = await second.handlers.identifyText({ text: `ticket: customer pasted ${created.value} in chat` })
    const candidate = found.candidates.find((c) => c.matches.some((m) => m.keyId === created.key.id))
    expect(candidate?.verdict).toBe('match')
    expect(candidate?.matches[0]).toMatchObject({
      keyName: 'cached-one',
      cached: true,
      profileName: gateway.name,
    })
    expect(JSON.stringify(found)).not.toContain(created.value)

    const figures = await second.handlers.attentionOfProfiles(undefined)
    const gatewayFigures = figures.find((f) => f.profileId === gateway.id)!
    expect(gatewayFigures.state).toBe('cached')
    expect(gatewayFigures.total).toBeGreaterThan(0)
  }, 60_000)
})
