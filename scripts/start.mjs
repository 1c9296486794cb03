#!/usr/bin/env node
// `npm start`: build, start the local sandbox, and launch Keywarden connected to it. Without
// Electron's runtime (it cannot be downloaded everywhere), run the browser host instead.
import { runInBrowser } from './dev-browser.mjs'
import { build, electronBinary, spawnTracked, startSandbox, stopAllOnExit } from './lib/processes.mjs'

stopAllOnExit()
build()
const sandboxUrl = await startSandbox()
const electron = electronBinary()
if (electron) {
  const app = spawnTracked(electron, ['.'], { KEYWARDEN_SANDBOX_URL: sandboxUrl })
  app.once('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(
    "keywarden: Electron's runtime is not installed (node_modules/electron/dist is missing), so Keywarden runs in your browser instead.",
  )
  await runInBrowser(sandboxUrl)
}
