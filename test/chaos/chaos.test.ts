/**
 * The chaos test of issue 10: a seeded random session of ≥ 500 key operations against a host in a
 * child process, through the fault proxy with 20 % of API requests or answers dropped, reset or
 * delayed (or answered 429/503), with SIGKILLs of the host between and during operations. Then,
 * against the sandbox's own store and audit trail: every key created had its secret shown exactly
 * once or was reported created-without-secret, no operation created a second key, every revocation
 * asked for is done or pending, and the local audit log agrees with the server. Prints the counts.
 *
 * CHAOS_SEED and CHAOS_OPERATIONS replay or lengthen a run.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@sandbox/server'
import { explainViolation } from './chaos-diagnostics'
import { ChaosLedger, checkInvariants } from './chaos-ledger'
import { ChaosSession } from './chaos-session'
import { startProxiedHost, type ProxiedHost } from './proxied-host'
import { gatewayKeys, localAudit, serverAudit } from './server-view'

const SEED = Number(process.env.CHAOS_SEED ?? 20261130)
const OPERATIONS = Number(process.env.CHAOS_OPERATIONS ?? 500)
const FAULT_RATE = 0.2

let sandbox: Sandbox
let harness: ProxiedHost | undefined

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
})
afterAll(async () => {
  await harness?.dispose()
  await sandbox.close()
})

it(`survives ${OPERATIONS} operations with ${FAULT_RATE * 100} % faults and kills (seed ${SEED})`, async () => {
  // Answer bodies are kept so a violation can name the request that created its key.
  harness = await startProxiedHost(sandbox, { recordBodies: true })
  const ledger = new ChaosLedger()
  const prefix = `chaos-${SEED}-`
  harness.proxy.setRandom({
    seed: SEED + 1,
    rate: FAULT_RATE,
    faults: [
      { kind: 'drop-request' },
      { kind: 'drop-response' },
      { kind: 'reset-body' },
      { kind: 'delay', ms: 50 },
      { kind: 'delay', ms: 400 },
      { kind: 'status', status: 429, retryAfterSeconds: 1 },
      { kind: 'status', status: 503 },
    ],
    // The key API only; sign-in goes to the sandbox itself.
    applies: (_method, path) => path.startsWith('/gateway/'),
  })
  const session = new ChaosSession(sandbox, harness, ledger, {
    seed: SEED,
    operations: OPERATIONS,
    prefix,
    killRate: 0.03,
  })
  await session.run()
  const faults = harness.proxy.counts()
  await session.settle()

  const pending = await harness.client.call('listPendingRevocations')
  const table = checkInvariants(ledger, {
    prefix,
    keys: await gatewayKeys(sandbox),
    serverAudit: await serverAudit(sandbox),
    localAudit: localAudit(harness.dataDir),
    pending,
    deletesSent: new Set(
      harness.proxy.exchanges.filter((e) => e.method === 'DELETE').map((e) => e.path.split('/').pop()!),
    ),
  })
  const proxied = Object.values(faults).reduce((a, b) => a + b, 0)
  const rows: Record<string, number> = {
    'proxy: requests': proxied,
    ...Object.fromEntries(Object.entries(faults).map(([kind, n]) => [`proxy: ${kind}`, n])),
    ...table,
  }
  console.log(`chaos seed ${SEED}, ${OPERATIONS} operations, ${FAULT_RATE * 100} % faults`)
  console.table(rows)
  for (const finding of ledger.editFindings.slice(0, 10)) console.log(`edit finding: ${finding}`)
  const sources = {
    ledger,
    exchanges: harness.proxy.exchanges,
    dataDir: harness.dataDir,
    hostOutput: harness.output,
  }
  for (const violation of ledger.violations.slice(0, 20)) console.log(explainViolation(violation, sources))

  expect(OPERATIONS).toBeGreaterThanOrEqual(500)
  expect(faults.forwarded / proxied).toBeLessThan(0.9)
  // A count that never happened is absent from the table: a seed may kill only between, or only during, operations.
  const kills =
    (table['kills between operations'] ?? 0) +
    (table['kills during an operation'] ?? 0) +
    (table['kills during a bulk run'] ?? 0)
  expect(kills).toBeGreaterThan(0)
  expect(ledger.violations).toEqual([])
}, 600_000)
