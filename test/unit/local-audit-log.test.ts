import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import { LocalAuditLog } from '@core/audit/local-audit-log'
import { silentLogger } from '@core/log'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function entry(n: number): LocalAuditEntry {
  return {
    at: new Date(Date.UTC(2026, 11, 4, 12, 0, n)).toISOString(),
    actor: 'Ada Admin',
    profileName: 'Production gateway',
    action: 'revoked',
    keyId: `apk_${n}`,
    keyName: `key-${n}`,
    detail: 'bulk revoke',
  }
}

it('writes many entries recorded at once as whole lines, each on disk when its promise resolves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keywarden-audit-'))
  folders.push(dir)
  // The log's folder does not exist yet: the first append makes it.
  const file = join(dir, 'data', 'audit-log.jsonl')
  const log = new LocalAuditLog(file, silentLogger)
  const onDisk: boolean[] = []
  await Promise.all(
    Array.from({ length: 200 }, (_, n) =>
      log.record(entry(n)).then(() => {
        onDisk[n] = readFileSync(file, 'utf8').includes(`"keyId":"apk_${n}"`)
      }),
    ),
  )
  expect(onDisk.filter(Boolean)).toHaveLength(200)
  const lines = readFileSync(file, 'utf8').split('\n')
  expect(lines.pop()).toBe('')
  expect(lines.map((line) => (JSON.parse(line) as LocalAuditEntry).keyId)).toEqual(
    Array.from({ length: 200 }, (_, n) => `apk_${n}`),
  )
  const listed = await log.list()
  expect(listed[0]!.keyId).toBe('apk_199')
  expect(listed).toHaveLength(200)
})
