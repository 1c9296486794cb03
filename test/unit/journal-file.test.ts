import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '@core/clock'
import { JOURNAL_FILE, OperationJournal } from '@core/journal/operation-journal'
import type { NewJournalEntry } from '@core/journal/journal-entry'
import type { Logger } from '@core/log'

// The operation journal on a real folder: durable entries, nothing secret in them, and a bad file
// moved aside with a message instead of a crash.

const folder = () => mkdtempSync(join(tmpdir(), 'kw-journal-'))
const quiet = (): Logger & { warnings: string[] } => {
  const warnings: string[] = []
  return { info: () => {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m), warnings }
}
const open = (dataDir: string, log: Logger = quiet()) =>
  new OperationJournal({ dataDir, clock: new ManualClock(Date.parse('2026-05-01T10:00:00Z')), log })

const createEntry = (name: string): NewJournalEntry => ({
  kind: 'create',
  profileId: 'p1',
  accountId: null,
  keyId: null,
  keyName: name,
  idempotencyKey: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  draft: { name, permissions: { sale: 'view' }, expiresAt: null, notes: 'for the shop' },
  changes: null,
  grace: null,
})

describe('operation journal', () => {
  it('keeps entries and their steps across a restart, and removes them', () => {
    const dir = folder()
    const first = open(dir)
    const entry = first.begin(createEntry('shop'))
    first.advance(entry.id, 'created', { keyId: 'apiKey-1' })
    const rotation = first.begin({ ...createEntry('old'), kind: 'rotate', keyId: 'apiKey-0', grace: '1h', draft: null })

    const second = open(dir)
    expect(second.list().map((e) => [e.kind, e.step, e.keyId])).toEqual([
      ['create', 'created', 'apiKey-1'],
      ['rotate', 'sending', 'apiKey-0'],
    ])
    expect(second.get(rotation.id)?.grace).toBe('1h')
    second.remove(entry.id)
    expect(
      open(dir)
        .list()
        .map((e) => e.id),
    ).toEqual([rotation.id])
    expect(readdirSync(dir)).toEqual([JOURNAL_FILE])
  })

  it('refuses to write a field it does not know, so a key value can never reach the file', () => {
    const dir = folder()
    const journal = open(dir)
    journal.begin(createEntry('kept'))
    const value = 'apk_1234567890abcdefghijklmnopqrstuvwxyzAB'
    const smuggled = { ...createEntry('leak'), value } as NewJournalEntry
    expect(() => journal.begin(smuggled)).toThrow()
    expect(() => journal.advance(journal.list()[0]!.id, 'created', { value } as never)).toThrow()
    const text = readFileSync(join(dir, JOURNAL_FILE), 'utf8')
    expect(text).not.toContain(value)
    expect(text).toContain('kept')
    expect(open(dir).list()).toHaveLength(1)
  })

  it.each([
    ['corrupt', '{"version":1,"data":{"entries":[', /not valid JSON/],
    ['from a newer Keywarden', JSON.stringify({ version: 7, data: { entries: [] } }), /newer Keywarden \(format 7/],
    ['of a wrong shape', JSON.stringify({ version: 1, data: { entries: [{ kind: 'create' }] } }), /damaged/],
  ])('moves a %s journal aside with a message and starts empty', (_, text, message) => {
    const dir = folder()
    writeFileSync(join(dir, JOURNAL_FILE), text)
    const log = quiet()
    const journal = open(dir, log)
    expect(journal.movedAside).toMatch(message)
    expect(journal.movedAside).toMatch(/moved aside to .*operation-journal\.json\.unreadable-/)
    expect(log.warnings).toEqual([journal.movedAside])
    expect(journal.list()).toEqual([])
    const aside = readdirSync(dir).find((f) => f.includes('.unreadable-'))!
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(text)
    journal.begin(createEntry('after'))
    expect(open(dir).list()).toHaveLength(1)
  })
})
