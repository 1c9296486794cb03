import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export type ElectronRuntime = { available: true; executablePath: string } | { available: false; reason: string }

/**
 * Finds Electron's runtime binary the way `require('electron')` does, without its side effect (that
 * require tries to download the binary when it is missing). Where `npm ci` ran with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on this project's own machines, the specs are skipped with
 * the reason; on the CI runners Electron downloads normally and they run.
 */
export function findElectronRuntime(root = resolve('.')): ElectronRuntime {
  const packageDir = join(root, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (!relative && !override) {
    return {
      available: false,
      reason: `Electron's runtime is not installed (no ${pathFile}; installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?)`,
    }
  }
  const executablePath = override ? join(override, relative ?? 'electron') : join(packageDir, 'dist', relative!)
  if (!existsSync(executablePath))
    return { available: false, reason: `Electron's runtime is not installed (${executablePath} is missing)` }
  return { available: true, executablePath }
}
