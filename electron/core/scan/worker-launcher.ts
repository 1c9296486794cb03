import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker, type Transferable } from 'node:worker_threads'
import type { WorkerJob, WorkerMessage } from './worker-protocol'

/**
 * The bundled worker where there is one (or `entry`, a bundle the caller built); else the TypeScript
 * source, with tsx's loader registered first.
 */
function startScanWorker(entry?: string): Worker {
  if (entry) return new Worker(entry)
  const here = dirname(fileURLToPath(import.meta.url))
  const bundled = join(here, 'scan-worker.js')
  if (existsSync(bundled)) return new Worker(bundled)
  // tsx's ESM API: register() adds its loader to this thread, then the source loads through it.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  const api = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href
  const source = pathToFileURL(join(here, 'scan-worker.ts')).href
  const boot = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}) })`
  return new Worker(boot, { eval: true })
}

/** A running worker: settles when it posts `done` or fails, or is cancelled. */
export interface WorkerRun {
  finished: Promise<'done' | 'cancelled'>
  cancel(): void
}

/**
 * Starts a scan worker. The Electron build bundles it as `scan-worker.js` next to the main bundle;
 * the browser host and the tests run the TypeScript source, loaded through tsx.
 */
export function runWorker(
  job: WorkerJob,
  onMessage: (message: WorkerMessage) => void,
  transfer: readonly Transferable[] = [],
  entry?: string,
): WorkerRun {
  const worker = startScanWorker(entry)
  let cancelled = false
  const finished = new Promise<'done' | 'cancelled'>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'failed') reject(new Error(message.message))
      else onMessage(message)
      if (message.type === 'done') resolve('done')
    })
    worker.on('error', reject)
    worker.on('exit', () => resolve(cancelled ? 'cancelled' : 'done'))
  }).finally(() => void worker.terminate())
  worker.postMessage(job, transfer)
  return {
    finished,
    cancel: () => {
      cancelled = true
      void worker.terminate()
    },
  }
}
