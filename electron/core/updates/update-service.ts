import type { AppSettings } from '@shared/domain/key-lifecycle'
import type { UpdateStatus } from '@shared/domain/updates'
import type { Clock } from '../clock'
import { AppError, describeError } from '../errors'
import type { Logger } from '../log'
import { describeUpdateStatus, classifyUpdateError, type StatusFacts } from './update-messages'
import { nextCheckDelay } from './update-policy'
import type { UpdaterEvent, UpdaterPort } from './updater-port'

export interface UpdateServiceDeps {
  /** Absent in development runs and the browser host: they never update. */
  updater: UpdaterPort | undefined
  settings: () => Pick<AppSettings, 'autoUpdate' | 'updateChannel'>
  clock: Clock
  log: Logger
}

/**
 * Keeps an installed Keywarden up to date: checks at start and every 6 hours while the setting is on,
 * lets the updater download in the background, asks before restarting, and after a failure keeps
 * running and retries sooner. It installs only an update the updater reported as downloaded
 * (verified), and only when nothing failed since.
 */
export class UpdateService {
  private facts: StatusFacts
  private timer: unknown = undefined
  private checking = false
  private asked = new Set<string>()
  private stopped = false

  constructor(private readonly deps: UpdateServiceDeps) {
    this.facts = { state: deps.updater ? 'idle' : 'unsupported' }
    deps.updater?.onEvent((event) => this.onEvent(event))
  }

  /** Call once at start. */
  start(): void {
    const { updater } = this.deps
    if (!updater) return
    const settings = this.deps.settings()
    updater.setChannel(settings.updateChannel)
    if (!settings.autoUpdate) {
      this.facts = { state: 'off' }
      return
    }
    void this.checkNow()
  }

  status(): UpdateStatus {
    return describeUpdateStatus(this.facts)
  }

  /** The user changed Settings: turning updates off stops the checks; on, or a new channel, checks now. */
  settingsChanged(before: Pick<AppSettings, 'autoUpdate' | 'updateChannel'>): void {
    const { updater } = this.deps
    if (!updater || this.stopped) return
    const after = this.deps.settings()
    if (after.updateChannel !== before.updateChannel) updater.setChannel(after.updateChannel)
    if (!after.autoUpdate) {
      this.clearTimer()
      // A verified download stays ready to install; only the checks stop.
      if (this.facts.state !== 'downloaded') this.facts = { state: 'off' }
      return
    }
    const changed = !before.autoUpdate || after.updateChannel !== before.updateChannel
    if (changed && this.facts.state !== 'downloaded') void this.checkNow()
  }

  /** "Restart to install" in Settings. Refuses unless a verified update is ready. */
  install(): void {
    if (this.facts.state !== 'downloaded' || !this.deps.updater) {
      throw new AppError('CONFLICT', 'There is no downloaded, verified update to install yet.')
    }
    this.deps.log.info(`updates: restarting to install ${this.facts.version ?? 'the update'}`)
    this.deps.updater.quitAndInstall()
  }

  stop(): void {
    this.stopped = true
    this.clearTimer()
  }

  private async checkNow(): Promise<void> {
    const { updater } = this.deps
    if (!updater || this.checking || this.stopped) return
    this.checking = true
    this.clearTimer()
    this.facts = { state: 'checking' }
    try {
      await updater.check()
    } catch (error) {
      this.onEvent({ kind: 'error', message: describeError(error) })
    } finally {
      this.checking = false
    }
    // A download still running reschedules when it ends; otherwise plan the next check now.
    if (this.facts.state === 'checking') this.facts = { state: 'idle' }
    if (this.facts.state === 'idle') this.schedule('ok')
  }

  private onEvent(event: UpdaterEvent): void {
    if (this.stopped) return
    switch (event.kind) {
      case 'checking':
        if (this.facts.state !== 'downloaded') this.facts = { state: 'checking' }
        return
      case 'available':
        this.facts = { state: 'downloading', version: event.version }
        return
      case 'not-available':
        this.facts = { state: 'idle' }
        return
      case 'downloaded':
        this.clearTimer()
        this.facts = { state: 'downloaded', version: event.version }
        void this.ask(event.version)
        return
      case 'error': {
        const failure = classifyUpdateError(event.message, event.code)
        this.deps.log.warn(
          `updates: ${failure === 'verification' ? 'an update failed verification' : 'the check failed'}: ${event.message}`,
        )
        this.facts = { state: 'error', failure }
        this.schedule('error')
        return
      }
    }
  }

  private async ask(version: string): Promise<void> {
    if (this.asked.has(version)) return
    this.asked.add(version)
    let yes = false
    try {
      yes = await this.deps.updater!.askToRestart(version)
    } catch (error) {
      this.deps.log.warn(`updates: could not ask about restarting: ${describeError(error)}`)
    }
    // Something may have failed while the question was open: install only what is still verified and ready.
    if (yes && this.facts.state === 'downloaded' && this.facts.version === version) this.install()
  }

  private schedule(outcome: 'ok' | 'error'): void {
    this.clearTimer()
    if (this.stopped || !this.deps.settings().autoUpdate) return
    const delay = nextCheckDelay(outcome)
    const at = this.deps.clock.now() + delay
    this.facts = { ...this.facts, nextCheckAt: at }
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined
      void this.checkNow()
    }, delay)
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer)
    this.timer = undefined
  }
}
