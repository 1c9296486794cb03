import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'

/**
 * Bundles the scan worker as the Electron build does (one JavaScript file), so a benchmark's threads
 * start as the app's do, not through tsx compiling TypeScript in every new thread (about a second each
 * on a loaded machine). esbuild is the one tsx brings.
 */
export async function bundleScanWorker(): Promise<string> {
  const outDir = resolve('.tmp/bench')
  mkdirSync(outDir, { recursive: true })
  const outfile = join(outDir, 'scan-worker.mjs')
  await build({
    entryPoints: [resolve('electron/core/scan/scan-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: resolve('tsconfig.node.json'),
    outfile,
    logLevel: 'warning',
  })
  return outfile
}
