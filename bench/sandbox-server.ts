// The sandbox under benchmark, in its own process so the load generator does not share its event
// loop (and its CPU) with the server it measures. In memory; prints one line `READY <url> <sandbox-cli secret>`.
import { startSandbox } from '@sandbox/server'

const sandbox = await startSandbox({ port: 0 })
process.stdout.write(`READY ${sandbox.url} ${sandbox.cliClientSecret}\n`)
const stop = (): void => {
  void sandbox.close().finally(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.on('disconnect', stop)
