import { resolve } from 'node:path'

/** The path aliases of tsconfig.base.json, for the bundlers and test runners that do not read tsconfig paths. */
export const aliases: Record<string, string> = {
  '@shared': resolve('shared'),
  '@core': resolve('electron/core'),
  '@main': resolve('electron/main'),
  '@renderer': resolve('renderer/src'),
  '@host': resolve('browser-host'),
  '@sandbox': resolve('sandbox'),
  '@test': resolve('test'),
}
