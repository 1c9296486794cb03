#!/usr/bin/env node
// `npm run dev:browser`: the sandbox, the browser test host, and the URL (with its token) to open.
import { build, openInSystemBrowser, startBrowserHost, startSandbox, stopAllOnExit } from './lib/processes.mjs'

export async function runInBrowser(sandboxUrl) {
  const hostUrl = await startBrowserHost(sandboxUrl)
  const opened = openInSystemBrowser(hostUrl)
  console.log(`\nKeywarden is running in your browser at ${hostUrl}${opened ? '' : '\n(no graphical browser found here: open that URL yourself)'}\nStop with Ctrl+C.`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  stopAllOnExit()
  build()
  await runInBrowser(await startSandbox())
}
