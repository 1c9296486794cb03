import type { KeyCache } from '../cache/key-cache'
import type { Clock } from '../clock'
import type { ConnectionRegistry } from '../connections/connection-registry'
import { AppError } from '../errors'
import type { RevocationScheduler } from '../keys/revocation-scheduler'
import type { Logger } from '../log'
import type { EventSink, PlatformPort } from '../platform'
import type { ProfileRepository } from '../settings/profiles'
import { RotationPolicies } from '../settings/rotation-policy'
import type { SettingsStore } from '../settings/settings-store'
import { overviewHandlers } from './overview-handlers'
import { ProfileKeysReader } from './profile-keys'
import { ReminderService } from './reminder-service'
import { ReminderSettingsRepository } from './reminder-settings'

export interface OverviewServiceDeps {
  settings: SettingsStore
  clock: Clock
  platform: PlatformPort
  emit: EventSink
  log: Logger
  connections: ConnectionRegistry
  profiles: ProfileRepository
  revocations: Pick<RevocationScheduler, 'list'>
  unlocked: <T>(run: () => Promise<T>) => Promise<T>
  /** The offline key cache: a profile whose server cannot be read shows its cached figures. */
  cache?: Pick<KeyCache, 'readLatest'>
}

/** Builds the overview area (rotation policies, the profiles' figures, reminders) and its handlers. */
export function overviewServices(deps: OverviewServiceDeps) {
  const policies = new RotationPolicies(deps.settings)
  const reader = new ProfileKeysReader(
    deps.connections,
    () => deps.profiles.list(),
    () => deps.clock.now(),
    deps.cache,
  )
  const pending = () => deps.revocations.list()
  const reminders = new ReminderService({
    clock: deps.clock,
    store: deps.settings,
    settings: new ReminderSettingsRepository(deps.settings),
    reader,
    policies,
    pending,
    platform: deps.platform,
    emit: deps.emit,
    log: deps.log,
  })
  const handlers = overviewHandlers({
    policies,
    pending,
    reader,
    reminders,
    unlocked: deps.unlocked,
    requireProfile: (profileId) => {
      if (!deps.profiles.get(profileId)) throw new AppError('NOT_FOUND', 'That profile no longer exists.')
    },
  })
  return { reminders, handlers, policies }
}
