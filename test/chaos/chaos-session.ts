/**
 * A seeded random session of key operations against a proxied host, as a hurried user would run it:
 * creates, rotations, edits (enable/disable), revocations and listings; a failed operation is tried
 * again a few times; the host is SIGKILLed between operations and in the middle of them, started
 * again, and whatever recovery found is dealt with (secrets shown, unseen keys revoked or noted).
 * Bulk runs (see chaos-bulk.ts) are one operation each; the kills come during them too.
 * Everything that reached the "user" is written into the ledger.
 */
import type { GraceOption, CreatedKeyView } from '@shared/domain/key-lifecycle'
import type { Sandbox } from '@sandbox/server'
import { mulberry32 } from '../support/fault-proxy'
import { HostCallError, HostGoneError } from '../support/host-contract-client'
import { BulkChaos } from './chaos-bulk'
import { lineageOf, type ChaosLedger } from './chaos-ledger'
import type { ProxiedHost } from './proxied-host'

export interface ChaosOptions {
  seed: number
  operations: number
  /** Names of the keys this session creates start with this. */
  prefix: string
  /** Chance, before each operation, of a SIGKILL (half between operations, half in the middle of the next one). */
  killRate: number
}

interface LiveKey {
  name: string
  enabled: boolean
}

type Op = 'create' | 'rotate' | 'toggle' | 'revoke' | 'bulk' | 'list'

const RETRIED_CODES = new Set(['NETWORK', 'TIMEOUT', 'SERVER', 'BAD_RESPONSE', 'CANCELLED', 'INTERNAL'])
const ATTEMPTS = 3
/** Chance of a SIGKILL in the middle of a bulk run (besides the kills of `killRate`). */
const BULK_KILL_RATE = 0.25

export class ChaosSession {
  private readonly random: () => number
  private readonly live = new Map<string, LiveKey>()
  /** Keys being rotated whose outcome is not known yet, by name (recovery names the replaced key). */
  private readonly rotating = new Map<string, string>()
  /** Revocations refused every time so far; asked again at the end. */
  private readonly revokeLater = new Set<string>()
  private created = 0
  private readonly bulk: BulkChaos

  constructor(
    private readonly sandbox: Sandbox,
    private readonly h: ProxiedHost,
    private readonly ledger: ChaosLedger,
    private readonly options: ChaosOptions,
  ) {
    this.random = mulberry32(options.seed)
    this.bulk = new BulkChaos({
      sandbox,
      h: () => h,
      ledger,
      random: this.random,
      live: this.live,
      revokeLater: this.revokeLater,
    })
  }

  async run(): Promise<void> {
    for (let n = 0; n < this.options.operations; n++) {
      const kill = this.random() < this.options.killRate ? (this.random() < 0.5 ? 'between' : 'during') : null
      if (kill === 'between') await this.crashAndRestart('kills between operations')
      const op = this.pick()
      if (op !== 'bulk') this.ledger.count(`op: ${op}`)
      const running = this.perform(op)
      if (kill === 'during') {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(this.random() * 40)))
        await this.crashAndRestart('kills during an operation', running)
      } else if (op === 'bulk' && this.random() < BULK_KILL_RATE) {
        // A bulk run is longer: the kill comes while its keys are being sent, and the restart resumes it.
        await new Promise((resolve) => setTimeout(resolve, 30 + Math.floor(this.random() * 300)))
        await this.crashAndRestart('kills during a bulk run', running)
      } else await running
      if ((n + 1) % 100 === 0) console.log(`chaos: ${n + 1} of ${this.options.operations} operations`)
    }
  }

  /** The end of the session: faults off, one more restart (recovery of what is left), refused revocations again. */
  async settle(): Promise<void> {
    this.h.proxy.setRandom(null)
    await this.crashAndRestart('final restart')
    for (const runId of this.bulk.unfinished())
      this.ledger.violation(runId, `bulk run ${runId} never ended, even after the final restart`)
    for (const keyId of [...this.revokeLater]) {
      try {
        await this.revoke(keyId)
      } catch (error) {
        if (!(error instanceof HostCallError)) throw error
        this.ledger.count(`final revocations refused (${error.data.code})`)
      }
    }
  }

  private pick(): Op {
    const r = this.random()
    if (this.live.size === 0 || r < 0.35) return 'create'
    if (r < 0.48) return 'rotate'
    if (r < 0.65) return 'toggle'
    if (r < 0.82) return 'revoke'
    if (r < 0.92) return 'bulk'
    return 'list'
  }

  private anyLive(): [string, LiveKey] {
    const keys = [...this.live]
    return keys[Math.floor(this.random() * keys.length)]!
  }

  private async perform(op: Op): Promise<void> {
    try {
      if (op === 'create') await this.create()
      else if (op === 'list') await this.h.client.call('listKeys')
      else if (op === 'bulk') await this.bulk.run()
      else {
        const [keyId, key] = this.anyLive()
        if (op === 'rotate') await this.rotate(keyId, key, this.random() < 0.5 ? 'now' : '1h')
        else if (op === 'toggle') await this.toggle(keyId, key)
        else await this.revoke(keyId)
      }
    } catch (error) {
      if (error instanceof HostGoneError) this.ledger.count('operations cut off by a kill')
      else if (error instanceof HostCallError) this.ledger.count(`gave up after ${ATTEMPTS} tries (${error.data.code})`)
      else throw error
    }
  }

  /** Tries `work` again (as the user would press the button again) while it fails in a way worth retrying. */
  private async retried<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work()
      } catch (error) {
        if (!(error instanceof HostCallError) || !RETRIED_CODES.has(error.data.code) || attempt >= ATTEMPTS) throw error
        this.ledger.count('retries after a failure')
      }
    }
  }

  private async create(): Promise<void> {
    const name = `${this.options.prefix}${++this.created}`
    const draft = { name, permissions: { sale: 'view' as const }, expiresAt: null, notes: null }
    const created = await this.retried(() => this.h.client.call('createKey', { draft }))
    await this.shown(created)
  }

  private async rotate(keyId: string, key: LiveKey, grace: GraceOption): Promise<void> {
    this.ledger.rotationAsked(lineageOf(key.name))
    this.live.delete(keyId)
    this.rotating.set(key.name, keyId)
    try {
      const result = await this.retried(() => this.h.client.call('rotateKey', { keyId, grace }))
      this.rotating.delete(key.name)
      this.ledger.revocationsAsked.add(keyId)
      this.ledger.note(
        keyId,
        `rotated (${grace}) to ${result.successor.key.id}, pending: ${result.pending?.dueAt ?? 'none'}`,
      )
      await this.shown(result.successor)
    } catch (error) {
      this.ledger.note(keyId, `rotate (${grace}) failed: ${String(error)}`)
      // Refused for sure: the key is unchanged and still ours to use.
      if (error instanceof HostCallError && !RETRIED_CODES.has(error.data.code)) {
        this.rotating.delete(key.name)
        this.live.set(keyId, key)
      }
      throw error
    }
  }

  private async toggle(keyId: string, key: LiveKey): Promise<void> {
    const enabled = !key.enabled
    try {
      await this.retried(() => this.h.client.call('updateKey', { keyId, changes: { enabled } }))
      this.ledger.editsAsked.set(keyId, enabled)
    } catch (error) {
      // A refusal changed nothing; any other failure may have, and the journal carries it on.
      const refused = error instanceof HostCallError && !RETRIED_CODES.has(error.data.code)
      if (!refused) this.ledger.editsAsked.set(keyId, enabled)
      this.ledger.note(keyId, `${enabled ? 'enable' : 'disable'} failed: ${String(error)}`)
      throw error
    }
    this.ledger.note(keyId, enabled ? 'enabled' : 'disabled')
    key.enabled = enabled
  }

  private async revoke(keyId: string): Promise<void> {
    this.live.delete(keyId)
    try {
      await this.retried(() => this.h.client.call('revokeKey', { keyId }))
      this.ledger.note(keyId, 'revoked')
      this.ledger.revocationsAsked.add(keyId)
      this.revokeLater.delete(keyId)
    } catch (error) {
      if (error instanceof HostCallError && error.data.code === 'NOT_FOUND') {
        this.ledger.revocationsAsked.add(keyId)
        this.revokeLater.delete(keyId)
      } else if (error instanceof HostGoneError) {
        // Journaled before it was sent (if the host got the call before it died): recovery sends it again.
        this.ledger.revocationsAsked.add(keyId)
        this.ledger.revocationsCutOff.add(keyId)
      } else this.revokeLater.add(keyId)
      this.ledger.note(keyId, `revoke failed: ${String(error)}`)
      throw error
    }
  }

  /** The secret reached the user; the host is told it was shown. */
  private async shown(view: CreatedKeyView): Promise<void> {
    const stored = await this.sandbox.deps.keys.get('gateway', view.key.id)
    this.ledger.delivered(view.key.id, view.key.name, view.value, stored)
    this.ledger.note(view.key.id, 'created and shown')
    this.live.set(view.key.id, { name: view.key.name, enabled: view.key.status === 'active' })
    try {
      await this.h.client.call('secretShown', { keyId: view.key.id })
    } catch (error) {
      if (error instanceof HostGoneError) this.ledger.lostAck(view.key.id)
      throw error
    }
  }

  private async crashAndRestart(why: string, running?: Promise<void>): Promise<void> {
    this.ledger.count(why)
    await this.h.crash()
    await running
    await this.h.restart()
    await this.dealWithRecoveries()
    try {
      await this.bulk.afterRestart()
    } catch (error) {
      if (!(error instanceof HostCallError)) throw error
      this.ledger.count(`bulk calls after a restart failed (${error.data.code})`)
    }
  }

  /** What the restart's recovery found: secrets shown once, unseen keys revoked or noted, notices read. */
  private async dealWithRecoveries(): Promise<void> {
    const { client } = this.h
    for (const found of await client.call('listRecoveries')) {
      try {
        if (found.kind === 'secret') {
          const view = await client.call('recoveredSecret', { recoveryId: found.id })
          const stored = await this.sandbox.deps.keys.get('gateway', view.key.id)
          this.ledger.delivered(view.key.id, view.key.name, view.value, stored)
          this.ledger.count(`recovered secrets (${found.operation})`)
          this.live.set(view.key.id, { name: view.key.name, enabled: view.key.status === 'active' })
          const old = found.replaced ? this.rotating.get(found.replaced.name) : undefined
          this.ledger.note(view.key.id, `recovered secret (${found.operation})`)
          if (old) {
            this.ledger.note(old, `rotation recovered, successor ${view.key.id}`)
            this.ledger.revocationsAsked.add(old)
            this.rotating.delete(found.replaced!.name)
          }
          await client.call('acknowledgeRecovery', { recoveryId: found.id })
        } else if (found.kind === 'unseen') {
          this.ledger.unseen.add(found.keyId)
          if (this.random() < 0.5) {
            await client.call('revokeUnseenKey', { recoveryId: found.id })
            this.ledger.revocationsAsked.add(found.keyId)
            this.ledger.count('unseen keys revoked')
          } else await client.call('acknowledgeRecovery', { recoveryId: found.id })
        } else {
          this.ledger.count(`notice: ${found.message.replace(/“[^”]*”/g, '“…”').slice(0, 70)}`)
          await client.call('acknowledgeRecovery', { recoveryId: found.id })
        }
      } catch (error) {
        if (!(error instanceof HostCallError)) throw error
        this.ledger.count(`recovery calls failed (${error.data.code})`)
      }
    }
  }
}
