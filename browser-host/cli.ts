import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { consoleLogger } from '@core/log'
import { KEYCHAIN_SERVICE, keytarBackend } from '@core/vault/keytar-backend'
import { startBrowserHost } from './host-server'

/**
 * `tsx browser-host/cli.ts --sandbox URL`: runs the host and prints a link to open. Each link works
 * once, for about a minute; press Enter (a line on stdin) for a new one.
 */
const { values } = parseArgs({
  options: {
    sandbox: { type: 'string', default: process.env.KEYWARDEN_SANDBOX_URL ?? 'http://127.0.0.1:4010' },
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: process.env.KEYWARDEN_DATA_DIR ?? join(homedir(), '.keywarden-browser-host') },
    renderer: { type: 'string', default: resolve('out/renderer') },
  },
})
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not "${values.port}"`)
  process.exit(2)
}
mkdirSync(values.data, { recursive: true })
const host = await startBrowserHost({
  rendererDir: values.renderer,
  dataDir: values.data,
  sandboxUrl: values.sandbox,
  keychain: keytarBackend,
  keychainService: process.env.KEYWARDEN_KEYCHAIN_SERVICE ?? KEYCHAIN_SERVICE,
  log: consoleLogger('host'),
  port,
})
// The link's code works once and expires: printing it leaves nothing reusable behind.
console.log(`Keywarden browser host: open ${host.url}`)
console.log('(The link works once, for about a minute. Press Enter here for a new one.)')
createInterface({ input: process.stdin }).on('line', () =>
  console.log(`Keywarden browser host: open ${host.newLink()}`),
)
const stop = () => void host.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
