/**
 * What the chaos session asked for and what reached its "user" (the test client), and the checks of
 * that against the sandbox's own store and audit trail and the host's local audit log.
 */
import type { PendingRevocation } from '@shared/domain/key-lifecycle'
import type { StoredKey } from '@sandbox/keys/key-store'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import { isValueOf, type ServerAuditEntry } from './server-view'

export interface Delivery {
  name: string
  /** Every value received for this key (create answer, rotation answer, recovered secret). */
  values: Set<string>
  /** How many times the secret reached the user. */
  received: number
  /** Of those, how many were followed by a kill before the host heard "shown" (it shows it again, by design). */
  lostAcks: number
}

export class ChaosLedger {
  readonly counts: Record<string, number> = {}
  readonly deliveries = new Map<string, Delivery>()
  /** Keys reported as created without their secret seen. */
  readonly unseen = new Set<string>()
  /** Keys whose revocation was asked for (revoke, a rotation's old key, revoking an unseen key). */
  readonly revocationsAsked = new Set<string>()
  /** Rotations asked for, by the name of their lineage (the first key's name). */
  readonly rotationsByLineage = new Map<string, number>()
  /** Revocations a kill cut off: the host may have died before it got (and journaled) the call. */
  readonly revocationsCutOff = new Set<string>()
  /** Keys a bulk revoke was asked for (each must be revoked at most once, per the server and the local audit). */
  readonly bulkRevoked = new Set<string>()
  /** The last enabled/disabled state asked for (and not refused) per key. */
  readonly editsAsked = new Map<string, boolean>()
  /** What happened to each key, for the report of a violation. */
  readonly notes = new Map<string, string[]>()
  readonly violations: string[] = []
  /** Keys not in the state last asked for (reported; not one of the invariants). */
  readonly editFindings: string[] = []

  note(keyId: string, what: string): void {
    this.notes.set(keyId, [...(this.notes.get(keyId) ?? []), what])
  }

  /** A violation about a key, with its story. */
  violation(keyId: string, message: string): void {
    this.violations.push(`${message} [${(this.notes.get(keyId) ?? []).join('; ')}]`)
  }

  count(what: string, by = 1): void {
    this.counts[what] = (this.counts[what] ?? 0) + by
  }

  /** A secret reached the user; `stored` is the server's key now (undefined once deleted). */
  delivered(keyId: string, name: string, value: string, stored: StoredKey | undefined): void {
    const entry = this.deliveries.get(keyId) ?? { name, values: new Set<string>(), received: 0, lostAcks: 0 }
    entry.values.add(value)
    entry.received++
    this.deliveries.set(keyId, entry)
    if (entry.values.size > 1) this.violations.push(`key ${keyId} (${name}) was shown with two different values`)
    if (stored && !isValueOf(stored, value))
      this.violations.push(`key ${keyId} (${name}) was shown a value not its own`)
  }

  /** The host was killed before it heard that this key's secret was shown. */
  lostAck(keyId: string): void {
    const entry = this.deliveries.get(keyId)
    if (entry) entry.lostAcks++
  }

  rotationAsked(lineage: string): void {
    this.rotationsByLineage.set(lineage, (this.rotationsByLineage.get(lineage) ?? 0) + 1)
  }
}

/** The first name of a key's lineage: rotations add `-rotated-YYYYMMDD[-n]`. */
export const lineageOf = (name: string): string => name.replace(/-rotated-\d{8}(-\d+)?$/, '')

export interface Ground {
  prefix: string
  /** Keys on the server now. */
  keys: StoredKey[]
  serverAudit: ServerAuditEntry[]
  localAudit: LocalAuditEntry[]
  pending: PendingRevocation[]
  /** Keys the proxy saw a DELETE for (whether it reached the server or not). */
  deletesSent: Set<string>
}

/** Checks the invariants; fills `ledger.violations` and returns the table of counts. */
export function checkInvariants(ledger: ChaosLedger, ground: Ground): Record<string, number> {
  const mine = <T extends { keyName?: string; name?: string }>(items: T[]) =>
    items.filter((item) => (item.keyName ?? item.name ?? '').startsWith(ground.prefix))
  const createdOnServer = mine(ground.serverAudit).filter((e) => e.action === 'created')
  const deletedOnServer = new Set(
    mine(ground.serverAudit)
      .filter((e) => e.action === 'deleted')
      .map((e) => e.keyId),
  )
  const { violations } = ledger

  // Every key created on the server: its secret shown exactly once, or reported created without it.
  let shownOnce = 0
  let reshownAfterLostAck = 0
  for (const { keyId, keyName } of createdOnServer) {
    const delivery = ledger.deliveries.get(keyId)
    if (ledger.unseen.has(keyId)) {
      if (delivery?.received) violations.push(`key ${keyId} (${keyName}) was both shown and reported unseen`)
      continue
    }
    if (!delivery) {
      violations.push(`key ${keyId} (${keyName}) was created on the server, but never shown nor reported`)
    } else if (delivery.received - delivery.lostAcks > 1) {
      violations.push(`key ${keyId} (${keyName}) was shown ${delivery.received} times (${delivery.lostAcks} cut off)`)
    } else {
      shownOnce++
      if (delivery.received > 1) reshownAfterLostAck++
    }
  }

  // No operation made a second key: one key per create name; per lineage, no more successors than rotations.
  const byName = new Map<string, number>()
  for (const { keyName } of createdOnServer) byName.set(keyName, (byName.get(keyName) ?? 0) + 1)
  const successorsByLineage = new Map<string, number>()
  for (const [name, n] of byName) {
    if (lineageOf(name) === name) {
      if (n > 1) violations.push(`${n} keys were created on the server named "${name}" (one create)`)
    } else successorsByLineage.set(lineageOf(name), (successorsByLineage.get(lineageOf(name)) ?? 0) + n)
  }
  for (const [lineage, n] of successorsByLineage) {
    const asked = ledger.rotationsByLineage.get(lineage) ?? 0
    if (n > asked) violations.push(`${n} successors of "${lineage}" were created for ${asked} rotations`)
  }

  // Every revocation asked for is done, or pending (with its due time and last error).
  const present = new Set(ground.keys.map((k) => k.id))
  const pending = new Set(ground.pending.map((p) => p.keyId))
  let revokedDone = 0
  let revokedPending = 0
  let neverReachedHost = 0
  for (const keyId of ledger.revocationsAsked) {
    if (!present.has(keyId)) revokedDone++
    else if (pending.has(keyId)) revokedPending++
    else if (ledger.revocationsCutOff.has(keyId) && !ground.deletesSent.has(keyId)) neverReachedHost++
    else ledger.violation(keyId, `the revocation of ${keyId} was asked for, but the key is live and nothing is pending`)
  }

  // A bulk revoke acted on no key twice: one "deleted" on the server, one "revoked" in the local audit.
  const timesIn = (entries: Array<{ action: string; keyId: string }>, action: string, keyId: string) =>
    entries.filter((e) => e.action === action && e.keyId === keyId).length
  for (const keyId of ledger.bulkRevoked) {
    const server = timesIn(ground.serverAudit, 'deleted', keyId)
    const local = timesIn(ground.localAudit, 'revoked', keyId)
    if (server > 1) ledger.violation(keyId, `the server deleted ${keyId} ${server} times`)
    if (local > 1) ledger.violation(keyId, `the local audit log has ${keyId} revoked ${local} times`)
  }

  // Edits: a key still there is in the state last asked for (not one an older, stale edit put back).
  let editsDiffer = 0
  for (const [keyId, enabled] of ledger.editsAsked) {
    const key = ground.keys.find((k) => k.id === keyId)
    if (key && (key.status === 'active') !== enabled) {
      editsDiffer++
      ledger.editFindings.push(
        `${keyId}: asked ${enabled ? 'enabled' : 'disabled'}, server ${key.status} [${(ledger.notes.get(keyId) ?? []).join('; ')}]`,
      )
    }
  }

  // The local audit log agrees with the server about which keys were created and revoked.
  const localCreated = ground.localAudit.filter((e) => e.action === 'created').map((e) => e.keyId)
  const localRevoked = new Set(ground.localAudit.filter((e) => e.action === 'revoked').map((e) => e.keyId))
  const serverCreated = new Set(createdOnServer.map((e) => e.keyId))
  for (const keyId of serverCreated)
    if (!localCreated.includes(keyId)) violations.push(`the local audit log has no "created" for ${keyId}`)
  for (const keyId of new Set(localCreated)) {
    if (!serverCreated.has(keyId)) violations.push(`the local audit log says ${keyId} was created; the server does not`)
    if (localCreated.filter((id) => id === keyId).length > 1)
      ledger.violation(keyId, `the local audit log has ${keyId} created twice`)
  }
  for (const keyId of deletedOnServer)
    if (!localRevoked.has(keyId))
      ledger.violation(keyId, `the server deleted ${keyId}; the local audit log has no "revoked"`)
  for (const keyId of localRevoked)
    if (!deletedOnServer.has(keyId) && present.has(keyId))
      violations.push(`the local audit log says ${keyId} was revoked; the server still has it`)

  return {
    ...ledger.counts,
    'server: keys created': createdOnServer.length,
    'server: keys deleted': deletedOnServer.size,
    'shown exactly once': shownOnce,
    'reported created-without-secret': ledger.unseen.size,
    'shown again after a kill cut off its acknowledgement': reshownAfterLostAck,
    'revocations asked': ledger.revocationsAsked.size,
    'bulk: keys a bulk revoke was asked for': ledger.bulkRevoked.size,
    'revocations done': revokedDone,
    'revocations pending': revokedPending,
    'revocations cut off by a kill before any DELETE left the host': neverReachedHost,
    'edits: keys not in the state last asked for': editsDiffer,
    'local audit: created': localCreated.length,
    'local audit: revoked': localRevoked.size,
    violations: violations.length,
  }
}
