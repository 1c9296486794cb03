import { readFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fdir } from 'fdir'
import ignore, { type Ignore } from 'ignore'

const VENDORED = new Set(['node_modules', '.git'])

/**
 * Every file under `root` that git would not ignore: `.gitignore` files are honoured at every level
 * (each applies below its own folder), `node_modules` and `.git` are left out unless asked for.
 * Symlinks are listed, not followed (reading one tells a broken link or a loop).
 */
export function walkFiles(root: string, options: { includeVendored: boolean }): string[] {
  const rules = new Map<string, Ignore | null>()
  const rulesOf = (dir: string): Ignore | null => {
    let found = rules.get(dir)
    if (found !== undefined) return found
    try {
      found = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'))
    } catch {
      found = null
    }
    rules.set(dir, found)
    return found
  }
  const ignored = (path: string, isDirectory: boolean): boolean => {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const rel = relative(dir, path).split(sep).join('/')
      if (rel !== '' && rulesOf(dir)?.ignores(isDirectory ? `${rel}/` : rel)) return true
      if (dir === root || dir === dirname(dir) || !dir.startsWith(root)) return false
    }
  }
  return new fdir()
    .withFullPaths()
    .exclude((name, dirPath) => {
      if (!options.includeVendored && VENDORED.has(name)) return true
      return ignored(dirPath.endsWith(sep) ? dirPath.slice(0, -1) : dirPath, true)
    })
    .filter((path, isDirectory) => isDirectory || !ignored(path, false))
    .crawl(root)
    .sync()
}
