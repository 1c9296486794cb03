import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { findInText, type CompiledRecognizers, type RawFind } from '../identify/find-candidates'

export interface HistoryFind {
  commit: string
  path: string
  find: RawFind
}

export type HistoryOutcome = { kind: 'done'; commits: number } | { kind: 'unavailable'; note: string }

/** Runs git and collects its stdout, or says it is missing. */
function gitOutput(root: string, args: string[]): Promise<{ code: number; missing: boolean }> {
  return new Promise((resolve) => {
    const child = spawn('git', ['-C', root, ...args], { stdio: 'ignore' })
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: -1, missing: error.code === 'ENOENT' }))
    child.on('close', (code) => resolve({ code: code ?? -1, missing: false }))
  })
}

/**
 * Streams `git log -p` of every branch and scans the lines each commit added, with the line number
 * in the file it added them to. Says so, rather than failing, when git is missing or `root` is no repository.
 */
export async function scanGitHistory(
  root: string,
  compiled: CompiledRecognizers,
  onFind: (find: HistoryFind) => void,
  onCommit: (commits: number) => void,
): Promise<HistoryOutcome> {
  const probe = await gitOutput(root, ['rev-parse', '--is-inside-work-tree'])
  if (probe.missing) return { kind: 'unavailable', note: 'git is not installed: the history was not scanned.' }
  if (probe.code !== 0) return { kind: 'unavailable', note: 'This folder is not a git repository: no history to scan.' }
  const child = spawn(
    'git',
    ['-C', root, 'log', '-p', '--all', '--no-color', '--no-ext-diff', '--no-textconv', '--format=commit %H'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  )
  let commit = ''
  let path = ''
  let line = 0
  let commits = 0
  for await (const text of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (text.startsWith('commit ')) {
      commit = text.slice(7)
      onCommit(++commits)
    } else if (text.startsWith('+++ ')) {
      path = text.startsWith('+++ b/') ? text.slice(6) : text.slice(4)
    } else if (text.startsWith('@@')) {
      line = Number(/\+(\d+)/.exec(text)?.[1] ?? '1')
    } else if (text.startsWith('+')) {
      for (const find of findInText(text.slice(1), compiled)) onFind({ commit, path, find: { ...find, line } })
      line++
    } else if (text.startsWith(' ')) {
      line++
    }
  }
  return { kind: 'done', commits }
}
