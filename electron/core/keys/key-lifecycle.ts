import type { ApiKey, KeyList } from '@shared/domain/api-key'
import {
  graceMs,
  type CreatedKeyView,
  type GraceOption,
  type KeyAccess,
  type KeyChangesInput,
  type KeyDraftInput,
  type LocalAuditEntry,
  type RevealedKey,
  type RotationResult,
  type TryKeyResult,
} from '@shared/domain/key-lifecycle'
import type { LocalAuditLog } from '../audit/local-audit-log'
import type { Clock } from '../clock'
import type { ActiveScope, ConnectionRegistry } from '../connections/connection-registry'
import type { KeyDraft } from '../dialects/dialect-adapter'
import { AppError, isAppError } from '../errors'
import { auditKeyAction } from './audit-key-action'
import { IssuedSecrets } from './issued-secrets'
import type { RevocationScheduler } from './revocation-scheduler'
import type { SecretCopies } from './secret-copies'
import { successorDraft } from './successor'

const REVEAL_SECONDS = 30

/** What a journal learns while a rotation runs, and the successor draft of an earlier try to send again. */
export interface RotationSteps {
  /** An unfinished try's draft: a replay must send the same body, not one made from the clock now. */
  draft?: KeyDraft | null
  /** The old key was read and the successor drafted; nothing was created yet. */
  drafted?(old: ApiKey, draft: KeyDraft): void
  /** The server created the successor; the old key's revocation is not scheduled yet. */
  created?(successor: ApiKey): void
}

/** Key operations on the active profile and account, whatever its dialect, with a local audit trail. */
export class KeyLifecycle {
  /** What the server returned from create/rotate this session: the only values keepCopy accepts. */
  private readonly issued: IssuedSecrets

  constructor(
    private readonly deps: {
      connections: Pick<ConnectionRegistry, 'activeScope' | 'track'>
      copies: SecretCopies
      audit: LocalAuditLog
      revocations: RevocationScheduler
      clock: Clock
      /** Shared with crash recovery, which remembers the keys it recovered too. */
      issued?: IssuedSecrets
    },
  ) {
    this.issued = deps.issued ?? new IssuedSecrets()
  }

  /** The active account's keys, and which of them this computer's keychain holds a copy of. */
  async list(): Promise<KeyList> {
    const { connection, accountId, context } = await this.active()
    const keys = await this.deps.connections.track(connection, connection.adapter.listKeys(context()))
    const localCopyKeyIds = await this.deps.copies.keyIds(connection.profile.id)
    return {
      profileId: connection.profile.id,
      accountId,
      keys,
      localCopyKeyIds,
      fetchedAt: new Date(this.deps.clock.now()).toISOString(),
    }
  }

  async access(): Promise<KeyAccess> {
    const { connection, context } = await this.active()
    return connection.adapter.access(context())
  }

  async create(draft: KeyDraftInput, idempotencyKey: string): Promise<CreatedKeyView> {
    const active = await this.active()
    const { connection, context } = active
    const created = await connection.adapter.createKey(
      context(),
      { ...draft, notes: draft.notes ?? null },
      idempotencyKey,
    )
    this.issued.remember(connection.profile.id, created.key.id, { value: created.value, secret: created.secret })
    await this.audit(active, 'created', created.key, null)
    return { key: created.key, value: created.value, secret: created.secret }
  }

  async update(keyId: string, changes: KeyChangesInput): Promise<ApiKey> {
    const active = await this.active()
    const { connection, context } = active
    const updated = await connection.adapter.updateKey(context(), keyId, changes)
    const action = changes.enabled === true ? 'enabled' : changes.enabled === false ? 'disabled' : 'updated'
    const fields = Object.keys(changes).filter((f) => f !== 'enabled')
    await this.audit(active, action, updated, fields.length > 0 ? `changed ${fields.join(', ')}` : null)
    return updated
  }

  /**
   * Revokes a key. `named` learns the key's name before the DELETE leaves (the journal keeps it); with
   * `goneMeansDone`, a key the server no longer has counts as revoked by the earlier request whose
   * answer was lost (the journal knows one was sent), and is recorded as such.
   */
  async revoke(keyId: string, steps: { named?: (name: string) => void; earlierName?: string } = {}): Promise<void> {
    const active = await this.active()
    const { connection } = active
    const context = active.context()
    let key: ApiKey
    try {
      key = await connection.adapter.getKey(context, keyId)
    } catch (error) {
      if (steps.earlierName === undefined || !isAppError(error) || error.code !== 'NOT_FOUND') throw error
      await this.deps.copies.forget(connection.profile.id, keyId)
      this.issued.forget(connection.profile.id, keyId)
      await this.audit(
        active,
        'revoked',
        { id: keyId, name: steps.earlierName },
        'revoked by an earlier request whose answer was lost',
      )
      return
    }
    steps.named?.(key.name)
    await connection.adapter.deleteKey(context, keyId)
    await this.deps.copies.forget(connection.profile.id, keyId)
    this.issued.forget(connection.profile.id, keyId)
    await this.audit(active, 'revoked', key, null)
  }

  async reveal(keyId: string): Promise<RevealedKey> {
    const active = await this.active()
    const { connection } = active
    const context = active.context()
    const key = await connection.adapter.getKey(context, keyId)
    const copy = await this.deps.copies.read(connection.profile.id, keyId)
    let revealed: RevealedKey
    if (copy) {
      revealed = { keyId, value: copy.value, secret: copy.secret, source: 'keychain', hideAfterSeconds: REVEAL_SECONDS }
    } else if (connection.adapter.capabilities.canReveal) {
      const value = await connection.adapter.revealKey(context, keyId)
      revealed = { keyId, value, secret: null, source: 'server', hideAfterSeconds: REVEAL_SECONDS }
    } else {
      throw new AppError(
        'FORBIDDEN',
        `${connection.profile.name} never shows a key again after it was created, and this computer's keychain holds no copy of “${key.name}”.`,
      )
    }
    await this.audit(
      active,
      'revealed',
      key,
      revealed.source === 'server' ? 'from the server' : "from this computer's keychain",
    )
    return revealed
  }

  async rotate(
    keyId: string,
    grace: GraceOption,
    idempotencyKey: string,
    steps: RotationSteps = {},
  ): Promise<RotationResult> {
    const active = await this.active()
    const { connection, accountId } = active
    const context = active.context()
    const old = await connection.adapter.getKey(context, keyId)
    const now = this.deps.clock.now()
    const draft = steps.draft ?? (await this.successorOf(active, old, now))
    steps.drafted?.(old, draft)
    const created = await connection.adapter.createKey(context, draft, idempotencyKey)
    steps.created?.(created.key)
    this.issued.remember(connection.profile.id, created.key.id, { value: created.value, secret: created.secret })
    await this.audit(
      active,
      'rotated',
      old,
      `successor “${created.key.name}” (${created.key.id}); old key revoked ${grace === 'now' ? 'now' : `after ${grace}`}`,
    )
    await this.audit(active, 'created', created.key, `successor of “${old.name}”`)
    const successor = { key: created.key, value: created.value, secret: created.secret }
    // Even "now" goes through the scheduler, so a failure is retried and reported, never lost.
    const pending = this.deps.revocations.schedule({
      profileId: connection.profile.id,
      profileName: connection.profile.name,
      accountId,
      keyId: old.id,
      keyName: old.name,
      dueAt: new Date(now + graceMs[grace]).toISOString(),
    })
    if (grace === 'now') {
      await this.deps.revocations.runDue()
      const stillPending = this.deps.revocations.list().find((p) => p.id === pending.id)
      return { successor, pending: stillPending ?? null }
    }
    this.deps.revocations.start()
    return { successor, pending }
  }

  private async successorOf({ connection, context }: ActiveScope, old: ApiKey, now: number): Promise<KeyDraft> {
    const names = connection.adapter.capabilities.nameUnique
      ? new Set((await connection.adapter.listKeys(context())).map((k) => k.name))
      : new Set<string>()
    return successorDraft(old, connection.adapter.capabilities, new Date(now), names)
  }

  async tryKey(keyId: string, value?: string, secret?: string): Promise<TryKeyResult> {
    const active = await this.active()
    const { connection } = active
    const context = active.context()
    const key = await connection.adapter.getKey(context, keyId)
    let credential = value
      ? { value, secret: secret ?? null }
      : await this.deps.copies.read(connection.profile.id, keyId)
    if (!credential && connection.adapter.capabilities.canReveal && !value) {
      credential = { value: await connection.adapter.revealKey(context, keyId), secret: null }
    }
    if (!credential)
      throw new AppError(
        'NOT_FOUND',
        `Keywarden has no copy of “${key.name}” to try. Keep a copy in the keychain when you create a key to try it later.`,
      )
    return connection.adapter.tryKey(context, key, credential)
  }

  async keepCopy(keyId: string, value: string, secret: string | null): Promise<void> {
    const active = await this.active()
    const { connection, context } = active
    // Only what the server issued for this very key in this session: a copy is never mislabelled,
    // and nobody can plant a value of their own in the keychain under a real key's name.
    if (!this.issued.matches(connection.profile.id, keyId, { value, secret })) {
      throw new AppError(
        'VALIDATION',
        'Keywarden keeps a copy only of the value the server returned for this key when it was created or rotated, in this session. That value does not match it.',
      )
    }
    const key = await connection.adapter.getKey(context(), keyId)
    await this.deps.copies.keep(connection.profile.id, keyId, { value, secret })
    this.issued.forget(connection.profile.id, keyId)
    await this.audit(active, 'kept-in-keychain', key, null)
  }

  /**
   * The value (and secret) the server issued for a key created or rotated in this run, while no copy
   * was kept: a one-time secret dialog that a lock closed shows it again after the unlock.
   */
  async heldSecret(keyId: string): Promise<{ value: string; secret: string | null }> {
    const { connection } = await this.active()
    const held = this.issued.get(connection.profile.id, keyId)
    if (!held) {
      throw new AppError(
        'NOT_FOUND',
        'Keywarden no longer holds the value of this key: it was kept in the keychain, or Keywarden restarted since it was created.',
      )
    }
    return { value: held.value, secret: held.secret }
  }

  /** The one-time dialog of this key was closed by the user: its value is not held any longer. */
  async forgetHeld(keyId: string): Promise<void> {
    const { connection } = await this.active()
    this.issued.forget(connection.profile.id, keyId)
  }

  auditLog(): Promise<LocalAuditEntry[]> {
    return this.deps.audit.list()
  }

  /** The active, signed-in profile and the account every key call is about. */
  private active(): Promise<ActiveScope> {
    return this.deps.connections.activeScope()
  }

  private async audit(
    { connection }: ActiveScope,
    action: LocalAuditEntry['action'],
    key: Pick<ApiKey, 'id' | 'name'>,
    detail: string | null,
  ): Promise<void> {
    await auditKeyAction(this.deps, connection, action, key, detail)
  }
}
