import { readFileSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { fdir } from 'fdir'
import ignore, { type Ignore } from 'ignore'

const VENDORED = new Set(['node_modules', '.git'])

interface Rules {
  /** The folder the `.gitignore` is in, with a trailing separator. */
  base: string
  rules: Ignore
}

/**
 * Calls `onFile` with every file under `root` that git would not ignore, as the walk meets it (the
 * list is never held whole): `.gitignore` files are honoured at every level (each applies below its
 * own folder), `node_modules` and `.git` are left out unless asked for. Symlinks are listed, not
 * followed (reading one tells a broken link or a loop).
 */
export function walkFiles(root: string, options: { includeVendored: boolean }, onFile: (path: string) => void): void {
  const top = root.endsWith(sep) && root.length > 1 ? root.slice(0, -1) : root
  // The `.gitignore` rules that apply in a folder, outermost first, worked out once per folder.
  const chains = new Map<string, Rules[]>()
  const chainOf = (dir: string): Rules[] => {
    let chain = chains.get(dir)
    if (chain) return chain
    const parent = dir === top || dir === dirname(dir) || !dir.startsWith(top) ? [] : chainOf(dirname(dir))
    let own: Ignore | null
    try {
      own = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'))
    } catch {
      own = null
    }
    chain = own ? [...parent, { base: dir.endsWith(sep) ? dir : dir + sep, rules: own }] : parent
    chains.set(dir, chain)
    return chain
  }
  const ignored = (path: string, isDirectory: boolean): boolean => {
    for (const { base, rules } of chainOf(dirname(path))) {
      let rel = path.slice(base.length)
      if (sep !== '/') rel = rel.split(sep).join('/')
      if (rules.ignores(isDirectory ? `${rel}/` : rel)) return true
    }
    return false
  }
  new fdir()
    .withFullPaths()
    .exclude((name, dirPath) => {
      if (!options.includeVendored && VENDORED.has(name)) return true
      return ignored(dirPath.endsWith(sep) ? dirPath.slice(0, -1) : dirPath, true)
    })
    .filter((path, isDirectory) => {
      if (!isDirectory && !ignored(path, false)) onFile(path)
      return false
    })
    .crawl(top)
    .sync()
}
