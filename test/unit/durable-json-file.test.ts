import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { readDurableJson, writeDurableJson } from '@core/storage/durable-json-file'

const schema = z.object({ entries: z.array(z.string()) })
const folder = () => mkdtempSync(join(tmpdir(), 'kw-durable-'))

describe('durable JSON file', () => {
  it('reads back what was written, and leaves no temporary file', () => {
    const dir = folder()
    const path = join(dir, 'journal.json')
    writeDurableJson(path, 1, { entries: ['a'] })
    writeDurableJson(path, 1, { entries: ['a', 'b'] })
    expect(readDurableJson(path, 1, schema, 'The journal')).toEqual({ status: 'ok', data: { entries: ['a', 'b'] } })
    expect(readdirSync(dir)).toEqual(['journal.json'])
  })

  it('says a missing file is absent', () => {
    expect(readDurableJson(join(folder(), 'none.json'), 1, schema, 'The journal')).toEqual({ status: 'absent' })
  })

  it.each([
    ['not JSON', '{"version":1,"data":', /not valid JSON/],
    ['from a newer version', JSON.stringify({ version: 9, data: { entries: [] } }), /newer Keywarden \(format 9/],
    ['of the wrong shape', JSON.stringify({ version: 1, data: { entries: [3] } }), /damaged/],
    ['without a version', JSON.stringify({ entries: [] }), /no format version/],
  ])('moves a file %s aside, keeping its bytes, with a message', (_, text, message) => {
    const dir = folder()
    const path = join(dir, 'journal.json')
    writeFileSync(path, text)
    const read = readDurableJson(path, 1, schema, 'The journal')
    expect(read.status).toBe('moved-aside')
    if (read.status !== 'moved-aside') return
    expect(read.message).toMatch(message)
    expect(readFileSync(read.movedTo, 'utf8')).toBe(text)
    expect(readDurableJson(path, 1, schema, 'The journal')).toEqual({ status: 'absent' })
  })
})
