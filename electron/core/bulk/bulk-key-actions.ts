import type { ApiKey } from '@shared/domain/api-key'
import type { CreatedKeyView, LocalAuditEntry } from '@shared/domain/key-lifecycle'
import type { LocalAuditLog } from '../audit/local-audit-log'
import type { Clock } from '../clock'
import type { ActiveScope, ConnectionRegistry } from '../connections/connection-registry'
import { isAppError } from '../errors'
import type { JournaledOperations } from '../journal/journaled-operations'
import { surelyNotDone } from '../journal/outcome'
import type { SecretCopies } from '../keys/secret-copies'
import type { StoredBulkKey, StoredBulkRun } from './bulk-run-store'

export type KeyOutcome =
  | {
      state: 'done'
      reason: string | null
      successor?: CreatedKeyView
      replacedName?: string
      /** Resolves once the local audit log holds the action: the key counts as done on disk only then. */
      recorded?: Promise<void>
    }
  | { state: 'skipped'; reason: string }

export interface BulkKeyActionDeps {
  connections: Pick<ConnectionRegistry, 'track'>
  /** A rotation goes through the journal as a single one does (idempotency key, draft, step on disk first). */
  rotations: Pick<JournaledOperations, 'rotate'>
  copies: SecretCopies
  audit: LocalAuditLog
  clock: Clock
}

const GONE = 'it no longer exists on the server'

/**
 * One key's request of a bulk run, on the run's own scope (captured when it started): the same
 * requests a single revoke, disable, enable or rotation sends, with its audit entry and keychain copy.
 * A rotation is journaled as a single one is, and what it learns (the idempotency key sent, the
 * successor's id) is written to the run at once (`record`) before the next request.
 */
export class BulkKeyActions {
  constructor(private readonly deps: BulkKeyActionDeps) {}

  async act(
    scope: ActiveScope,
    run: StoredBulkRun,
    key: StoredBulkKey,
    copyIds: ReadonlySet<string>,
    record: () => void,
  ): Promise<KeyOutcome> {
    const { connection } = scope
    const context = scope.context()
    try {
      switch (run.action) {
        case 'revoke': {
          try {
            await this.deps.connections.track(connection, connection.adapter.deleteKey(context, key.keyId))
          } catch (error) {
            // The DELETE may have reached the server though its answer was lost: gone now means revoked by it.
            if (surelyNotDone(error) || !(await this.goneNow(scope, key.keyId))) throw error
          }
          if (copyIds.has(key.keyId)) await this.deps.copies.forget(connection.profile.id, key.keyId)
          return { state: 'done', reason: null, recorded: this.audit(scope, 'revoked', key, 'bulk revoke') }
        }
        case 'disable':
        case 'enable': {
          const enabled = run.action === 'enable'
          await this.deps.connections.track(connection, connection.adapter.updateKey(context, key.keyId, { enabled }))
          const recorded = this.audit(scope, enabled ? 'enabled' : 'disabled', key, `bulk ${run.action}`)
          return { state: 'done', reason: null, recorded }
        }
        case 'rotate': {
          // Its successor exists already (recovery found it): rotating again would make a second one.
          if (key.successorId) return { state: 'done', reason: key.reason }
          const rotated = await this.deps.rotations.rotate(key.keyId, run.grace ?? 'now', {
            idempotencyKey: key.idempotencyKey,
            journaled: (idempotencyKey) => {
              if (key.idempotencyKey === idempotencyKey) return
              key.idempotencyKey = idempotencyKey // An unfinished earlier try of this rotation, replayed.
              record()
            },
            created: (successor) => {
              key.successorId = successor.id
              record()
            },
          })
          return { state: 'done', reason: null, successor: rotated.successor, replacedName: key.keyName }
        }
      }
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return { state: 'skipped', reason: GONE }
      throw error
    }
  }

  /**
   * After a restart, what the server says of keys that may have been sent (revoke, disable,
   * enable): those already as asked are not sent again. A rotation is the journal's (see bulk-rotation-keys.ts).
   */
  async settledOnServer(
    scope: ActiveScope,
    run: StoredBulkRun,
    keys: StoredBulkKey[],
  ): Promise<Map<string, KeyOutcome>> {
    const settled = new Map<string, KeyOutcome>()
    if (run.action === 'rotate' || keys.length === 0) return settled
    const listed = new Map<string, ApiKey>()
    const now = await this.deps.connections.track(scope.connection, scope.connection.adapter.listKeys(scope.context()))
    for (const key of now) listed.set(key.id, key)
    const audited = new Set(
      run.action === 'revoke'
        ? (await this.deps.audit.list()).filter((e) => e.action === 'revoked').map((e) => e.keyId)
        : [],
    )
    for (const key of keys) {
      const onServer = listed.get(key.keyId)
      const wasSent = key.state === 'sending'
      if (!onServer && wasSent && run.action === 'revoke') {
        // Its DELETE left before the crash and its answer was lost: done, and logged once (not again
        // if the entry was written before the crash).
        if (!audited.has(key.keyId)) {
          await this.deps.copies.forget(scope.connection.profile.id, key.keyId)
          await this.audit(scope, 'revoked', key, 'bulk revoke (confirmed after a restart)')
        }
        settled.set(key.keyId, { state: 'done', reason: null })
      } else if (!onServer) {
        settled.set(key.keyId, { state: 'skipped', reason: GONE })
      } else if (run.action !== 'revoke' && (onServer.status === 'disabled') === (run.action === 'disable')) {
        settled.set(
          key.keyId,
          wasSent ? { state: 'done', reason: null } : { state: 'skipped', reason: `it is already ${run.action}d` },
        )
      }
    }
    return settled
  }

  /** Whether the server says the key is no longer there (false when it cannot tell). */
  private async goneNow({ connection, context }: ActiveScope, keyId: string): Promise<boolean> {
    try {
      await connection.adapter.getKey(context(), keyId)
      return false
    } catch (error) {
      return isAppError(error) && error.code === 'NOT_FOUND'
    }
  }

  private async audit(
    { connection }: ActiveScope,
    action: LocalAuditEntry['action'],
    key: StoredBulkKey,
    detail: string,
  ): Promise<void> {
    const session = connection.session.current()
    await this.deps.audit.record({
      at: new Date(this.deps.clock.now()).toISOString(),
      actor: session.status === 'signed-in' ? session.user.name : 'unknown',
      profileName: connection.profile.name,
      action,
      keyId: key.keyId,
      keyName: key.keyName,
      detail,
    })
  }
}
