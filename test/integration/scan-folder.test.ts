import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ScanSkipReason } from '@shared/contracts/identify'
import { compileRecognizers, type RawFind } from '@core/identify/find-candidates'
import { allRecognizers } from '@core/identify/recognizers'
import { scanGitHistory } from '@core/scan/git-history'
import { readScannable } from '@core/scan/read-file'
import { startFolderScan } from '@core/scan/folder-scan'
import {
  GATEWAY_KEY_FORMAT,
  maskKey,
  newKeyValue,
  PULSE_SECRET_FORMAT,
  WALLET_KEY_FORMAT,
} from '@sandbox/keys/key-format'

// The folder scan's worker thread on real folders: the walk (fdir + nested .gitignore), the reads and
// their faults, and git history through the real git.

interface Collected {
  finds: Array<{ path: string; find: RawFind }>
  files: number
  skipped: Map<ScanSkipReason, number>
}

async function scanFolder(root: string, options: { maxBytes?: number; includeVendored?: boolean } = {}) {
  const collected: Collected = { finds: [], files: 0, skipped: new Map() }
  const run = startFolderScan(
    {
      root,
      recognizers: allRecognizers(),
      includeVendored: options.includeVendored ?? false,
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      readers: 1,
    },
    (message) => {
      if (message.type === 'file-finds')
        collected.finds.push(...message.finds.map((find) => ({ path: message.path, find })))
      if (message.type === 'stats') {
        collected.files = message.files
        collected.skipped = new Map(message.skipped)
      }
    },
  )
  expect(await run.finished).toBe('done')
  return collected
}

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kw-scan-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const write = (path: string, text: string | Buffer) => {
  mkdirSync(join(root, path, '..'), { recursive: true })
  writeFileSync(join(root, path), text)
}

describe('folder scan', () => {
  it('finds exactly the nested key: not the .gitignored copies (top or nested rules), not node_modules, not a binary', async () => {
    const key = newKeyValue(GATEWAY_KEY_FORMAT)
    write('.gitignore', 'secrets.env\nbuild/\n')
    write('secrets.env', `KEY=${key}\n`)
    write('build/out.js', `const k = "${key}"\n`)
    write('services/api/.gitignore', '*.local\n')
    write('services/api/dev.local', `${key}\n`)
    write('node_modules/lib/index.js', `module.exports = '${key}'\n`)
    write('assets/logo.bin', Buffer.concat([Buffer.from([0x89, 0x50, 0x00, 0x01]), Buffer.from(` ${key} `)]))
    write('services/api/config/app.yaml', `name: api\nauth:\n  gateway_key: "${key}"\n`)
    const scan = await scanFolder(root)
    expect(
      scan.finds.map(({ path, find }) => ({ path, line: find.line, column: find.column, masked: find.masked })),
    ).toEqual([{ path: 'services/api/config/app.yaml', line: 3, column: 17, masked: maskKey(key, GATEWAY_KEY_FORMAT) }])
    expect(scan.skipped.get('binary')).toBe(1)
    expect(JSON.stringify(scan.finds)).not.toContain(key)
  })

  it('reads node_modules and .git only when asked', async () => {
    const key = newKeyValue(WALLET_KEY_FORMAT)
    write('node_modules/lib/index.js', `module.exports = '${key}'\n`)
    expect((await scanFolder(root)).finds).toEqual([])
    expect((await scanFolder(root, { includeVendored: true })).finds.map((f) => f.path)).toEqual([
      'node_modules/lib/index.js',
    ])
  })

  it('skips and counts broken symlinks, symlink loops, links to folders, FIFOs and files over the limit; the scan finishes', async () => {
    const key = newKeyValue(GATEWAY_KEY_FORMAT)
    write('ok/keys.txt', `${key}\n`)
    write('big/huge.log', `${'x'.repeat(5000)}\n${key}\n`)
    symlinkSync(join(root, 'nowhere.txt'), join(root, 'broken-link'))
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'))
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'))
    symlinkSync(root, join(root, 'ok', 'back-to-root'))
    // As root, chmod 000 does not stop a read; a FIFO is what cannot be read as a file (and would block an open).
    execFileSync('mkfifo', [join(root, 'ok', 'pipe')])
    expect(readScannable(join(root, 'ok', 'pipe'), 4096)).toEqual({ kind: 'skipped', reason: 'unreadable' })
    const scan = await scanFolder(root, { maxBytes: 4096 })
    expect(scan.finds.map((f) => f.path)).toEqual(['ok/keys.txt'])
    expect(Object.fromEntries(scan.skipped)).toEqual({
      'broken symlink': 1,
      'symlink loop': 2,
      'symlink to folder': 1,
      'too large': 1,
    })
  })

  it('says a file vanished between the walk and the read, and a vanished folder scans as empty', async () => {
    expect(readScannable(join(root, 'gone.txt'), 1024)).toEqual({ kind: 'skipped', reason: 'vanished' })
    write('sub/a.txt', 'nothing here\n')
    rmSync(root, { recursive: true, force: true })
    const scan = await scanFolder(root)
    expect(scan.finds).toEqual([])
  })

  it('is cancelled at once, mid-scan', async () => {
    for (let i = 0; i < 400; i++) write(`many/${i % 20}/file-${i}.txt`, `${'lorem ipsum '.repeat(2000)}\n`)
    const run = startFolderScan(
      { root, recognizers: allRecognizers(), includeVendored: false, maxBytes: 1024 * 1024, readers: 2 },
      () => undefined,
    )
    run.cancel()
    // The timeout only bounds the wait; terminate() ends the thread without waiting for it.
    const outcome = await Promise.race([
      run.finished,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 1000)),
    ])
    expect(outcome).toBe('cancelled')
  })
})

describe('git history', () => {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { stdio: 'pipe' })

  it('finds a key committed and deleted since, with its commit, path and line', async () => {
    const secret = newKeyValue(PULSE_SECRET_FORMAT)
    git('init', '-q')
    write('deploy/env.sh', `#!/bin/sh\nexport PULSE_SECRET=${secret}\n`)
    git('add', '.')
    git('commit', '-qm', 'add deploy')
    const commit = git('rev-parse', 'HEAD').toString().trim()
    write('deploy/env.sh', '#!/bin/sh\n')
    git('commit', '-qam', 'remove the secret')
    const finds: Array<{ commit: string; path: string; line: number }> = []
    const outcome = await scanGitHistory(
      root,
      compileRecognizers(allRecognizers()),
      ({ commit: c, path, find }) => finds.push({ commit: c, path, line: find.line }),
      () => undefined,
    )
    expect(outcome).toEqual({ kind: 'done', commits: 2 })
    expect(finds).toEqual([{ commit, path: 'deploy/env.sh', line: 2 }])
    expect((await scanFolder(root)).finds).toEqual([])
  })

  it('says clearly when git is missing, and when the folder is no repository', async () => {
    const compiled = compileRecognizers(allRecognizers())
    expect(
      await scanGitHistory(
        root,
        compiled,
        () => undefined,
        () => undefined,
      ),
    ).toEqual({
      kind: 'unavailable',
      note: 'This folder is not a git repository: no history to scan.',
    })
    const path = process.env.PATH
    process.env.PATH = join(root, 'no-bin-here')
    try {
      expect(
        await scanGitHistory(
          root,
          compiled,
          () => undefined,
          () => undefined,
        ),
      ).toEqual({
        kind: 'unavailable',
        note: 'git is not installed: the history was not scanned.',
      })
    } finally {
      process.env.PATH = path
    }
  })
})
