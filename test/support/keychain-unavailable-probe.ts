/**
 * Run as a child process with no reachable keychain (e.g. DBUS_SESSION_BUS_ADDRESS pointing nowhere):
 * tries every vault operation against the real keytar backend and prints one JSON line per
 * operation, `{"op", "ok"}` or `{"op", "code", "message"}`.
 *
 *   npx tsx test/support/keychain-unavailable-probe.ts <service> <secret>
 */
import { refreshTokenAccount, KeychainVault } from '@core/vault/keychain-vault'
import { keytarBackend } from '@core/vault/keytar-backend'

const [service = 'Keywarden-probe', secret = 'probe-secret'] = process.argv.slice(2)
const vault = new KeychainVault(keytarBackend, service)
const account = refreshTokenAccount('probe')

const operations: Array<[string, () => Promise<unknown>]> = [
  ['read', () => vault.read(account)],
  ['write', () => vault.write(account, secret)],
  ['remove', () => vault.remove(account)],
]

for (const [op, run] of operations) {
  try {
    await run()
    console.log(JSON.stringify({ op, ok: true }))
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown }
    console.log(JSON.stringify({ op, code, message }))
  }
}
