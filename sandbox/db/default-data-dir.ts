import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where `npm run sandbox` keeps its data without --data: the platform's per-user app-data folder. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Keywarden Sandbox')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Keywarden Sandbox')
  const xdg = env.XDG_DATA_HOME
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'keywarden-sandbox')
}
