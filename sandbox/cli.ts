// `npm run sandbox`: the sandbox as its own process, for `npm start` and for people poking at it.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from './db/default-data-dir'
import { isLoopbackHost } from './loopback'
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, DEFAULT_HOST, DEFAULT_PORT, startSandbox } from './server'
import { demoUsers, DEMO_PASSWORD } from './users'

const USAGE = `Usage: npm run sandbox -- [--port N] [--host 127.0.0.1] [--access-token-ttl SECONDS] [--data DIR] [--reset] [--seed-keys N]
  --port N                    port to listen on, 0 for any free port (default ${DEFAULT_PORT})
  --host ADDRESS              loopback address to bind (default ${DEFAULT_HOST})
  --access-token-ttl SECONDS  access token lifetime (default ${DEFAULT_ACCESS_TOKEN_TTL_SECONDS})
  --data DIR                  data folder: sandbox.sqlite + secret.key (default ${defaultDataDir()})
  --reset                     wipe the data folder's sandbox files and seed the demo data again
  --seed-keys N               add N gateway keys for scale tests`

class UsageError extends Error {}

function parseWholeNumber(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}".`)
  }
  return value
}

interface CommandLine {
  port: number
  host: string
  accessTokenTtlSeconds: number
  dataDir: string
  reset: boolean
  seedKeys: number
}

function parseCommandLine(argv: string[]): CommandLine {
  let values: {
    port?: string
    host?: string
    'access-token-ttl'?: string
    data?: string
    reset?: boolean
    'seed-keys'?: string
    help?: boolean
  }
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'access-token-ttl': { type: 'string' },
        data: { type: 'string' },
        reset: { type: 'boolean' },
        'seed-keys': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const host = values.host ?? DEFAULT_HOST
  if (!isLoopbackHost(host)) {
    throw new UsageError(
      `--host must be a loopback address (127.0.0.1, ::1 or localhost); the sandbox never listens on "${host}".`,
    )
  }
  return {
    host,
    port: parseWholeNumber('--port', values.port, DEFAULT_PORT, 0, 65535),
    accessTokenTtlSeconds: parseWholeNumber(
      '--access-token-ttl',
      values['access-token-ttl'],
      DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
      1,
      365 * 24 * 3600,
    ),
    dataDir: resolve(values.data ?? defaultDataDir()),
    reset: values.reset ?? false,
    seedKeys: parseWholeNumber('--seed-keys', values['seed-keys'], 0, 0, 10_000_000),
  }
}

async function main(): Promise<void> {
  let options: CommandLine
  try {
    options = parseCommandLine(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`keywarden sandbox: ${error.message}\n\n${USAGE}`)
    process.exit(2)
  }

  const started = performance.now()
  const sandbox = await startSandbox({ ...options, log: (line) => console.log(line) })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `Data folder: ${options.dataDir}${options.reset ? ' (reset)' : ''}${options.seedKeys ? `, ${options.seedKeys} gateway keys added` : ''}; ready in ${seconds}s`,
  )
  // Scripts wait for this line (scripts/lib/processes.mjs): keep "listening on <url>".
  console.log(`Keywarden sandbox listening on ${sandbox.url}`)
  // The machine client's secret is this data folder's own (cli-client.secret, mode 0600).
  console.log(`Machine client: sandbox-cli, secret ${sandbox.cliClientSecret} (client_credentials, acts as admin)`)
  console.log(`Demo users (password "${DEMO_PASSWORD}"):`)
  for (const user of demoUsers) console.log(`  ${user.username.padEnd(8)} ${user.name} (${user.role})`)

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    console.log(`Received ${signal}, stopping the sandbox.`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`keywarden sandbox: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
