import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScanFinding, ScanProgress } from '@shared/contracts/identify'
import type { Clock } from '@core/clock'
import type { IdentifyDeps } from '@core/identify/identify-service'
import type { SecretCopies } from '@core/keys/secret-copies'
import type { PlatformPort } from '@core/platform'
import type { ProfileRepository } from '@core/settings/profiles'
import { ScanService } from '@core/scan/scan-service'
import { GATEWAY_KEY_FORMAT, newKeyValue } from '@sandbox/keys/key-format'

// A folder scan through the core's ScanService on a tree of 20,000 small files (every tenth holds a
// key): progress arrives while it runs, and cancel ends it at once with nothing reported after.
// Behaviour only; how fast is bench/scan-responsiveness.ts's question.

const FILES = 20_000
let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kw-scan-many-'))
  for (let dir = 0; dir < FILES / 500; dir++) {
    mkdirSync(join(root, `d${dir}`, 'src'), { recursive: true })
    for (let i = 0; i < 500; i++) {
      const key = i % 10 === 0 ? `\nconst KEY = "${newKeyValue(GATEWAY_KEY_FORMAT)}"\n` : '\n'
      writeFileSync(join(root, `d${dir}`, 'src', `f${i}.ts`), `export const n${i} = ${i}${key}`)
    }
  }
}, 120_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

/**
 * A clock a second further on at every reading: the 250 ms throttle lets every report through, so
 * the test sees what the threads report, whatever the machine's speed.
 */
function steppingClock(): Clock {
  let now = 0
  return { now: () => (now += 1000), setTimeout: () => undefined, clearTimeout: () => undefined }
}

function scanService(emit: IdentifyDeps['emit']): ScanService {
  return new ScanService({
    profiles: { list: () => [] } as unknown as ProfileRepository,
    copies: {} as SecretCopies,
    lists: { read: async () => ({ lists: [], profiles: 0, unreadable: [] }) },
    emit,
    clock: steppingClock(),
    platform: {} as PlatformPort,
  })
}

function recorder() {
  const progress: ScanProgress[] = []
  const findings: ScanFinding[] = []
  let ended: (last: ScanProgress) => void = () => undefined
  const end = new Promise<ScanProgress>((resolve) => (ended = resolve))
  let onProgress: (p: ScanProgress) => void = () => undefined
  const emit = ((name: string, payload: unknown) => {
    if (name === 'scanFinding') findings.push(payload as ScanFinding)
    if (name === 'scanProgress') {
      const p = payload as ScanProgress
      progress.push(p)
      onProgress(p)
      if (p.phase !== 'files' && p.phase !== 'history') ended(p)
    }
  }) as IdentifyDeps['emit']
  return { emit, progress, findings, end, setOnProgress: (f: typeof onProgress) => (onProgress = f) }
}

const scanOptions = (folder: string) => ({ root: folder, history: false, includeVendored: false, maxFileMegabytes: 10 })

describe('a folder scan of many files', () => {
  it('reports progress more than once before the end, with the file count rising', async () => {
    const r = recorder()
    await scanService(r.emit).start(scanOptions(root))
    const last = await r.end
    expect(last.phase).toBe('done')
    expect(last.files).toBe(FILES)
    expect(r.findings).toHaveLength(FILES / 10)
    const during = r.progress.filter((p) => p.phase === 'files' && p.files > 0 && p.files < FILES)
    expect(new Set(during.map((p) => p.files)).size).toBeGreaterThan(1)
    const counts = r.progress.map((p) => p.files)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
  }, 120_000)

  it('cancel ends the scan with fewer files done than the total, and no finding arrives after cancel returned', async () => {
    const r = recorder()
    const service = scanService(r.emit)
    let findingsAtCancel = -1
    let scanId = ''
    r.setOnProgress((p) => {
      if (findingsAtCancel === -1 && p.phase === 'files' && p.files > 0 && scanId !== '') {
        service.cancel(scanId)
        findingsAtCancel = r.findings.length
      }
    })
    ;({ scanId } = await service.start(scanOptions(root)))
    const last = await r.end
    expect(findingsAtCancel).toBeGreaterThanOrEqual(0)
    expect(last.phase).toBe('cancelled')
    expect(last.files).toBeLessThan(FILES)
    expect(r.findings).toHaveLength(findingsAtCancel)
    expect(r.progress.filter((p) => p.phase === 'cancelled')).toHaveLength(1)
  }, 120_000)
})
