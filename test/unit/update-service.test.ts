import { describe, expect, it } from 'vitest'
import { ManualClock } from '@core/clock'
import { silentLogger, type Logger } from '@core/log'
import type { AppSettings } from '@shared/domain/key-lifecycle'
import type { UpdateChannel } from '@shared/domain/updates'
import { CHECK_INTERVAL_MS, RETRY_AFTER_ERROR_MS, updatesSupported } from '@core/updates/update-policy'
import { UpdateService } from '@core/updates/update-service'
import type { UpdaterEvent, UpdaterPort } from '@core/updates/updater-port'

/** What the release feed answers to the next check, as electron-updater would report it. */
type FeedAnswer =
  | { kind: 'up-to-date' }
  | { kind: 'unreachable' }
  | { kind: 'release'; version: string; download: 'verified' | 'bad-signature' | 'bad-checksum' | 'pending' }

/** The updater port the way electron-updater behaves: events first, download in the background. */
class ScriptedUpdater implements UpdaterPort {
  feed: FeedAnswer = { kind: 'up-to-date' }
  channel: UpdateChannel | undefined
  checks: Array<{ at: number; channel: UpdateChannel | undefined }> = []
  installs = 0
  questions: string[] = []
  answer = false
  pendingDownload: ((result: 'verified' | 'bad-signature') => void) | undefined
  private listener: (event: UpdaterEvent) => void = () => {}

  constructor(private readonly clock: ManualClock) {}

  setChannel(channel: UpdateChannel) {
    this.channel = channel
  }
  onEvent(listener: (event: UpdaterEvent) => void) {
    this.listener = listener
  }
  async askToRestart(version: string) {
    this.questions.push(version)
    return this.answer
  }
  quitAndInstall() {
    this.installs += 1
  }

  async check(): Promise<void> {
    this.checks.push({ at: this.clock.now(), channel: this.channel })
    this.listener({ kind: 'checking' })
    const feed = this.feed
    if (feed.kind === 'unreachable') {
      const message = 'net::ERR_CONNECTION_REFUSED'
      this.listener({ kind: 'error', message })
      throw new Error(message)
    }
    if (feed.kind === 'up-to-date') return this.listener({ kind: 'not-available' })
    this.listener({ kind: 'available', version: feed.version })
    const finish = (result: 'verified' | 'bad-signature' | 'bad-checksum') => {
      if (result === 'verified') this.listener({ kind: 'downloaded', version: feed.version })
      else if (result === 'bad-signature')
        this.listener({
          kind: 'error',
          code: 'ERR_UPDATER_INVALID_SIGNATURE',
          message: `New version ${feed.version} is not signed by the application owner: publisherNames: Keywarden`,
        })
      else
        this.listener({
          kind: 'error',
          code: 'ERR_CHECKSUM_MISMATCH',
          message: 'sha512 checksum mismatch, expected abc, got def',
        })
    }
    if (feed.download === 'pending') this.pendingDownload = finish
    else queueMicrotask(() => finish(feed.download as 'verified'))
  }
}

function setup(initial: Partial<AppSettings> = {}, log: Logger = silentLogger) {
  const clock = new ManualClock(Date.parse('2026-03-01T08:00:00Z'))
  const updater = new ScriptedUpdater(clock)
  let settings: Pick<AppSettings, 'autoUpdate' | 'updateChannel'> = {
    autoUpdate: true,
    updateChannel: 'stable',
    ...initial,
  }
  const service = new UpdateService({ updater, settings: () => settings, clock, log })
  const change = (next: Partial<AppSettings>) => {
    const before = settings
    settings = { ...settings, ...next }
    service.settingsChanged(before)
  }
  return { clock, updater, service, change, start: clock.now() }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('when Keywarden checks for updates', () => {
  it('checks at start and then every 6 hours, not in between', async () => {
    const { clock, updater, service, start } = setup()
    service.start()
    await settle()
    expect(updater.checks.map((c) => c.at)).toEqual([start])
    expect(service.status()).toMatchObject({
      state: 'idle',
      nextCheckAt: new Date(start + CHECK_INTERVAL_MS).toISOString(),
    })

    clock.advance(CHECK_INTERVAL_MS - 1)
    await settle()
    expect(updater.checks).toHaveLength(1)
    clock.advance(1)
    await settle()
    clock.advance(CHECK_INTERVAL_MS)
    await settle()
    expect(updater.checks.map((c) => c.at - start)).toEqual([0, CHECK_INTERVAL_MS, 2 * CHECK_INTERVAL_MS])
  })

  it('never checks when the setting is off, and starts again at once when it is turned back on', async () => {
    const { clock, updater, service, change } = setup({ autoUpdate: false })
    service.start()
    clock.advance(3 * CHECK_INTERVAL_MS)
    await settle()
    expect(updater.checks).toEqual([])
    expect(service.status()).toMatchObject({ state: 'off', message: 'Automatic updates are off.' })

    change({ autoUpdate: true })
    await settle()
    expect(updater.checks).toHaveLength(1)
    change({ autoUpdate: false })
    clock.advance(2 * CHECK_INTERVAL_MS)
    await settle()
    expect(updater.checks).toHaveLength(1)
    expect(service.status().state).toBe('off')
  })

  it('follows the chosen channel, and switching channel checks again on the new one', async () => {
    const { updater, service, change } = setup({ updateChannel: 'beta' })
    service.start()
    await settle()
    expect(updater.checks.map((c) => c.channel)).toEqual(['beta'])
    change({ updateChannel: 'stable' })
    await settle()
    expect(updater.checks.map((c) => c.channel)).toEqual(['beta', 'stable'])
  })

  it('development runs and the browser host have no updater: nothing is checked, and Settings says why', async () => {
    expect(updatesSupported('electron', false)).toBe(false)
    expect(updatesSupported('browser-host', true)).toBe(false)
    expect(updatesSupported('browser-host', false)).toBe(false)
    expect(updatesSupported('electron', true)).toBe(true)
    const clock = new ManualClock()
    const service = new UpdateService({
      updater: undefined,
      settings: () => ({ autoUpdate: true, updateChannel: 'stable' }),
      clock,
      log: silentLogger,
    })
    service.start()
    clock.advance(CHECK_INTERVAL_MS)
    expect(service.status()).toMatchObject({ state: 'unsupported', nextCheckAt: null })
    expect(service.status().message).toContain('does not update itself')
    expect(() => service.install()).toThrow('There is no downloaded, verified update to install yet.')
  })
})

describe('what the user is told, and asked', () => {
  it('downloads in the background, then asks before restarting; "Later" keeps it ready for Settings', async () => {
    const { updater, service } = setup()
    updater.feed = { kind: 'release', version: '1.4.0', download: 'pending' }
    service.start()
    await settle()
    expect(service.status()).toMatchObject({ state: 'downloading', version: '1.4.0' })
    expect(service.status().message).toBe('Downloading Keywarden 1.4.0 in the background…')

    updater.answer = false
    updater.pendingDownload!('verified')
    await settle()
    expect(updater.questions).toEqual(['1.4.0'])
    expect(updater.installs).toBe(0)
    expect(service.status()).toMatchObject({ state: 'downloaded', version: '1.4.0' })
    expect(service.status().message).toContain('Restart Keywarden to install it')

    service.install()
    expect(updater.installs).toBe(1)
  })

  it('"Restart now" installs the verified update', async () => {
    const { updater, service } = setup()
    updater.feed = { kind: 'release', version: '1.4.0', download: 'verified' }
    updater.answer = true
    service.start()
    await settle()
    await settle()
    expect(updater.questions).toEqual(['1.4.0'])
    expect(updater.installs).toBe(1)
  })

  it('an unreachable feed: the app keeps running, Settings says so, and it tries again in an hour', async () => {
    const { clock, updater, service, start } = setup()
    updater.feed = { kind: 'unreachable' }
    service.start()
    await settle()
    expect(service.status()).toMatchObject({
      state: 'error',
      nextCheckAt: new Date(start + RETRY_AFTER_ERROR_MS).toISOString(),
    })
    expect(service.status().message).toBe(
      'The update server could not be reached. Keywarden keeps running and tries again later.',
    )

    updater.feed = { kind: 'up-to-date' }
    clock.advance(RETRY_AFTER_ERROR_MS)
    await settle()
    expect(updater.checks.map((c) => c.at - start)).toEqual([0, RETRY_AFTER_ERROR_MS])
    expect(service.status().state).toBe('idle')
  })

  for (const bad of ['bad-signature', 'bad-checksum'] as const) {
    it(`an update that fails verification (${bad}) is never installed, not even on request, and is retried later`, async () => {
      const warnings: string[] = []
      const log: Logger = { ...silentLogger, warn: (m) => void warnings.push(m) }
      const { clock, updater, service, start } = setup({}, log)
      updater.answer = true
      updater.feed = { kind: 'release', version: '1.5.0', download: bad }
      service.start()
      await settle()
      await settle()
      expect(updater.questions).toEqual([])
      expect(updater.installs).toBe(0)
      expect(service.status().state).toBe('error')
      expect(service.status().message).toContain(
        'failed its signature or checksum check and was discarded; nothing was installed',
      )
      expect(() => service.install()).toThrow('There is no downloaded, verified update to install yet.')
      expect(updater.installs).toBe(0)
      expect(warnings.join('\n')).toContain('failed verification')

      clock.advance(RETRY_AFTER_ERROR_MS)
      await settle()
      expect(updater.checks.map((c) => c.at - start)).toEqual([0, RETRY_AFTER_ERROR_MS])
    })
  }

  it('a failure while the restart question is open wins: the answer "yes" then installs nothing', async () => {
    const { updater, service } = setup()
    updater.feed = { kind: 'release', version: '2.0.0', download: 'pending' }
    let answer: (yes: boolean) => void = () => {}
    updater.askToRestart = (version) => {
      updater.questions.push(version)
      return new Promise<boolean>((resolve) => (answer = resolve))
    }
    service.start()
    await settle()
    updater.pendingDownload!('verified')
    await settle()
    expect(updater.questions).toEqual(['2.0.0'])
    updater.pendingDownload!('bad-signature')
    answer(true)
    await settle()
    expect(updater.installs).toBe(0)
    expect(service.status().state).toBe('error')
  })

  it('stops checking once stopped (the app quits)', async () => {
    const { clock, updater, service } = setup()
    service.start()
    await settle()
    service.stop()
    clock.advance(5 * CHECK_INTERVAL_MS)
    await settle()
    expect(updater.checks).toHaveLength(1)
  })
})
