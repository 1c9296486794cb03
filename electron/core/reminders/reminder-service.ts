import { randomUUID } from 'node:crypto'
import type {
  NotificationAvailability,
  ReminderOpened,
  ReminderSettings,
  ReminderStatus,
} from '@shared/contracts/overview'
import { keyAttention } from '@shared/domain/attention'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { EventSink, NotificationResult, PlatformPort } from '../platform'
import type { SettingsStore } from '../settings/settings-store'
import { FiredReminders } from './fired-reminders'
import { attentionContextOf, type AttentionInputs } from './profile-attention'
import type { ProfileKeysReader } from './profile-keys'
import { dueReminders, reminderTarget, reminderText, type ProfileInput } from './reminder-rules'
import type { ReminderSettingsRepository } from './reminder-settings'

export const CHECK_EVERY_MS = 60 * 60 * 1000

export interface ReminderDeps extends AttentionInputs {
  clock: Clock
  store: SettingsStore
  settings: ReminderSettingsRepository
  reader: ProfileKeysReader
  platform: PlatformPort
  emit: EventSink
  log: Logger
}

const why: Record<Exclude<NotificationResult, 'shown'>, string> = {
  denied: 'Notifications are turned off for Keywarden in the system (or browser) settings.',
  unsupported: 'This system cannot show notifications.',
}

/**
 * Reminders as system notifications: checked at start and every hour (on the injectable clock) and
 * when a scheduled revocation fails; each fires once per key and threshold (markers in the settings
 * store); many at once are grouped per profile; a click opens the table filtered to those keys.
 */
export class ReminderService {
  private timer: unknown
  private running: Promise<void> | undefined
  private again = false
  /** Reminders were due while quiet in the background: the window's return to the front checks again. */
  private held = false
  private availability: NotificationAvailability = { state: 'unknown', reason: null }
  private readonly fired: FiredReminders
  /** Notification id → what its click opens; only this run's notifications can be clicked. */
  private readonly targets = new Map<string, ReminderOpened>()

  constructor(private readonly deps: ReminderDeps) {
    this.fired = new FiredReminders(deps.store)
    if (!deps.platform.notify) this.availability = { state: 'unsupported', reason: why.unsupported }
    deps.platform.onNotificationClick?.((id) => {
      const target = this.targets.get(id)
      if (target) deps.emit('reminderOpened', target)
    })
    deps.platform.onForeground?.(() => {
      if (this.held) void this.check()
    })
  }

  start(): void {
    this.stop()
    void this.check()
    this.arm()
  }

  stop(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Resolves once a check under way has ended (closing down). */
  async settled(): Promise<void> {
    await this.running
  }

  status(): ReminderStatus {
    return { settings: this.deps.settings.get(), notifications: this.availability }
  }

  /** A removed profile's reminders are forgotten with it. */
  forgetProfile(profileId: string): void {
    this.fired.forgetProfile(profileId)
  }

  updateSettings(settings: ReminderSettings): ReminderStatus {
    this.deps.settings.update(settings)
    void this.check()
    return this.status()
  }

  /** Runs a check; one at a time, and a check asked for meanwhile runs once after it. */
  check(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.runOnce()
      .catch((error: unknown) => this.deps.log.warn(`reminders: check failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined
        if (this.again) {
          this.again = false
          void this.check()
        }
      })
    return this.running
  }

  private arm(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      void this.check()
      this.arm()
    }, CHECK_EVERY_MS)
  }

  private async runOnce(): Promise<void> {
    const reads = await this.deps.reader.all()
    const now = this.deps.clock.now()
    const inputs: ProfileInput[] = []
    let badge = 0
    for (const read of reads) {
      if (read.state !== 'live') continue
      const context = attentionContextOf(read.profile, now, this.deps)
      inputs.push({ profileId: read.profile.id, profileName: read.profile.name, keys: read.keys, context })
      this.fired.prune(read.profile.id, new Set(read.keys.map((key) => key.id)))
      for (const key of read.keys) {
        const { buckets } = keyAttention(key, context)
        if (buckets.has('expired') || buckets.has('expiring-7') || buckets.has('rotation-due')) badge += 1
      }
    }
    this.deps.platform.setBadgeCount?.(badge)
    const settings = this.deps.settings.get()
    const pending = this.deps.pending()
    this.fired.pruneRevocations(new Set(pending.map((entry) => entry.id)))
    const groups = dueReminders(inputs, pending, settings, this.fired.all())
    // Quiet in the background: nothing is marked, so the reminders come when the window is in front.
    this.held = groups.length > 0 && settings.quietInBackground && this.deps.platform.isInBackground?.() === true
    if (groups.length === 0 || this.held) return
    for (const group of groups) {
      const shown = await this.show(group)
      if (shown) this.fired.add(group.markers)
    }
  }

  private async show(group: Parameters<typeof reminderText>[0]): Promise<boolean> {
    if (!this.deps.platform.notify) return false
    const id = randomUUID()
    this.targets.set(id, reminderTarget(group))
    const result = await this.deps.platform.notify({ id, ...reminderText(group) }).catch((error: unknown) => {
      this.deps.log.warn(`reminders: the notification failed: ${String(error)}`)
      return 'unsupported' as const
    })
    this.setAvailability(result === 'shown' ? { state: 'shown', reason: null } : { state: result, reason: why[result] })
    if (result !== 'shown') this.targets.delete(id)
    return result === 'shown'
  }

  private setAvailability(next: NotificationAvailability): void {
    if (next.state === this.availability.state) return
    this.availability = next
    this.deps.emit('remindersChanged', this.status())
  }
}
