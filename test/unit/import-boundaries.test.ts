import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The layering rules of ARCHITECTURE.md, checked on the import specifiers of every source file
// (type-only imports included: "no `import 'electron'` here" means none at all).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function sourceFilesUnder(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ts|tsx|mts|cts|js|mjs|jsx)$/.test(entry.name))
      out.push(join(entry.parentPath, entry.name))
  }
  return out
}

/** Every module specifier a file imports: static, side-effect, type-only, re-export, dynamic import() and require(). */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName)
}

const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/')
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))
const isNodeBuiltin = (spec: string) =>
  spec.startsWith('node:') || nodeBuiltins.has(spec) || nodeBuiltins.has(spec.split('/')[0]!)
const isReact = (spec: string) =>
  spec === 'react' || spec.startsWith('react/') || spec === 'react-dom' || spec.startsWith('react-dom/')

/** "file: specifier" for every import of the files under `dir` that `forbidden` names. */
function violations(dir: string, forbidden: (spec: string, file: string) => boolean): string[] {
  const files = sourceFilesUnder(dir)
  // An empty scan would pass vacuously: the folder must hold code.
  expect(files.length, `no source files found under ${dir}`).toBeGreaterThan(0)
  return files.flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => forbidden(spec, file))
      .map((spec) => `${relative(root, file)}: ${spec}`),
  )
}

describe('the import scanner itself', () => {
  it('sees every form of import', () => {
    const source = [
      "import { app } from 'electron'",
      "import type { IpcMain } from 'electron/main'",
      "import 'node:fs'",
      "export { x } from './x'",
      "import {\n  a,\n  b,\n} from 'react'",
      "const later = await import('node:path')",
      "const old = require('os')",
      "// import 'commented-out' is not an import",
    ].join('\n')
    expect(importsOf(source)).toEqual(['electron', 'electron/main', 'node:fs', './x', 'react', 'node:path', 'os'])
  })

  it('classifies specifiers', () => {
    expect(['electron', 'electron/main', 'electron-store'].filter(isElectron)).toEqual(['electron', 'electron/main'])
    expect(['node:fs', 'fs', 'fs/promises', 'path', 'zod', './crypto'].filter(isNodeBuiltin)).toEqual([
      'node:fs',
      'fs',
      'fs/promises',
      'path',
    ])
    expect(['react', 'react/jsx-runtime', 'react-dom/client', 'zustand'].filter(isReact)).toEqual([
      'react',
      'react/jsx-runtime',
      'react-dom/client',
    ])
  })
})

describe('import boundaries', () => {
  it.each(['electron/core', 'shared', 'renderer/src', 'sandbox', 'browser-host'])(
    'nothing under %s imports electron',
    (dir) => {
      expect(violations(dir, isElectron)).toEqual([])
    },
  )

  it('shared/ imports no Node module, no electron and no React', () => {
    expect(violations('shared', (spec) => isNodeBuiltin(spec) || isElectron(spec) || isReact(spec))).toEqual([])
  })

  it('shared/ imports only from inside shared/ (and zod)', () => {
    const sharedDir = join(root, 'shared')
    const outside = (spec: string, file: string) =>
      spec.startsWith('.') ? !resolve(dirname(file), spec).startsWith(sharedDir + sep) : spec !== 'zod'
    expect(violations('shared', outside)).toEqual([])
  })

  it('the sandboxed renderer imports no Node module', () => {
    expect(violations('renderer/src', isNodeBuiltin)).toEqual([])
  })
})
