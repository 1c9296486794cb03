#!/usr/bin/env node
// `npm run dev:browser`: the sandbox, the browser test host, and a link to open (single use, about a minute).
import { build, openInSystemBrowser, startBrowserHost, startSandbox, stopAllOnExit } from './lib/processes.mjs'

export async function runInBrowser(sandboxUrl) {
  const hostUrl = await startBrowserHost(sandboxUrl, (newLink) => openInSystemBrowser(newLink))
  const opened = openInSystemBrowser(hostUrl)
  console.log(
    `\n${opened ? 'Keywarden opened in your browser.' : 'No graphical browser found here: open the link above yourself, within a minute.'}` +
      '\nEach link works once; press Enter for a new one. Stop with Ctrl+C.',
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  stopAllOnExit()
  build()
  await runInBrowser(await startSandbox())
}
