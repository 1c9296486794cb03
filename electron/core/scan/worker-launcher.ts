import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { WorkerJob, WorkerMessage } from './worker-protocol'

/** A running worker: settles when it posts `done` or fails, or is cancelled. */
export interface WorkerRun {
  finished: Promise<'done' | 'cancelled'>
  cancel(): void
}

/**
 * Starts a scan worker. The Electron build bundles it as `scan-worker.js` next to the main bundle;
 * the browser host and the tests run the TypeScript source, loaded through tsx.
 */
export function runWorker(job: WorkerJob, onMessage: (message: WorkerMessage) => void): WorkerRun {
  const here = dirname(fileURLToPath(import.meta.url))
  const bundled = join(here, 'scan-worker.js')
  const worker = existsSync(bundled)
    ? new Worker(bundled)
    : new Worker(join(here, 'scan-worker.ts'), { execArgv: ['--import', 'tsx'] })
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
  worker.postMessage(job)
  return {
    finished,
    cancel: () => {
      cancelled = true
      void worker.terminate()
    },
  }
}
