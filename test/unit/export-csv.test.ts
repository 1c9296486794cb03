import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BOM, csvField, toCsv } from '@core/export/csv'
import { auditExport, inventoryExport } from '@core/export/inventory-export'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import type { ApiKey } from '@shared/domain/api-key'

function apiKey(overrides: Partial<ApiKey>): ApiKey {
  return {
    id: 'k1',
    name: 'key',
    maskedKey: 'apk_abc***xyz',
    status: 'active',
    permissions: {},
    nativePermissions: [],
    expiresAt: null,
    notes: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
    accountId: null,
    ...overrides,
  }
}

/** An RFC 4180 reader, as a spreadsheet reads the file: quoted fields, doubled quotes, CRLF rows. */
function readCsv(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const body = text.slice(BOM.length)
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  expect(field).toBe('')
  expect(row).toEqual([])
  return rows
}

const FORMULA = /^[=+\-@\t\r]/
const escaped = (cell: string) => (FORMULA.test(cell) ? `'${cell}` : cell)

describe('CSV writer', () => {
  it('starts with a BOM, ends every line in CRLF and quotes fields with commas, quotes or line breaks', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['line\nbreak', 'plain'],
      ],
    )
    expect(text).toBe(`${BOM}a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",plain\r\n`)
  })

  it('escapes cells a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`)
    expect(csvField('+1+1')).toBe("'+1+1")
    expect(csvField('-2+3')).toBe("'-2+3")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('\t=1')).toBe("'\t=1")
    expect(csvField('\r=1')).toBe(`"'\r=1"`)
    expect(csvField('safe = text')).toBe('safe = text')
  })

  it('refuses a row whose field count differs from the header, naming it', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow('CSV row 1 has 1 fields; the header has 2.')
  })

  it('round-trips any text through a spreadsheet reader, and no cell read back starts a formula', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'Z', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', "'", ' ', 'é', '🔑'),
    })
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.tuple(
              fc.array(cell, { minLength: width, maxLength: width }),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
            ),
          ),
        ([header, rows]) => {
          const read = readCsv(toCsv(header, rows))
          expect(read).toEqual([header, ...rows].map((r) => r.map(escaped)))
          for (const r of read) for (const c of r) expect(FORMULA.test(c)).toBe(false)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('inventory and audit export', () => {
  const keys = [
    apiKey({
      id: 'k1',
      name: '=cmd|calc',
      notes: 'first, "quoted"\nsecond line',
      permissions: { sales: 'change' },
      nativePermissions: ['sale:read', 'sale:write'],
    }),
    apiKey({ id: 'k2', name: 'reports', expiresAt: '2027-01-01T00:00:00.000Z', accountId: 'acc_1' }),
    apiKey({ id: 'k3', name: 'hidden by the filter' }),
  ]

  it('writes the keys asked for, in that order, with every metadata column and never a value or secret', () => {
    // A list entry carrying a value and a secret (as a bug upstream might) does not leak them.
    const leaky = keys.map((key) => ({ ...key, value: 'apk_FULLVALUE123', secret: 'sec_SECRET456' }))
    const csv = inventoryExport(leaky, ['k2', 'k1'], 'csv', 'keys')
    expect(csv.suggestedName).toBe('keys.csv')
    const rows = readCsv(csv.content)
    expect(rows[0]).toEqual([
      'id',
      'name',
      'masked_key',
      'status',
      'permissions',
      'native_permissions',
      'created_at',
      'expires_at',
      'last_used_at',
      'notes',
      'account_id',
    ])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['k2', 'k1'])
    expect(rows[2]![1]).toBe("'=cmd|calc")
    expect(rows[2]![9]).toBe('first, "quoted"\nsecond line')
    expect(rows[2]![4]).toBe('sales:change')
    expect(rows[1]![10]).toBe('acc_1')
    const json = inventoryExport(leaky, ['k2', 'k1'], 'json', 'keys')
    expect(JSON.parse(json.content)).toHaveLength(2)
    for (const file of [csv, json]) {
      expect(file.content).not.toContain('apk_FULLVALUE123')
      expect(file.content).not.toContain('sec_SECRET456')
      expect(file.content).not.toContain('hidden by the filter')
    }
  })

  it('refuses an id the list does not hold, saying so', () => {
    expect(() => inventoryExport(keys, ['k1', 'nope'], 'csv', 'keys')).toThrow(
      'Key nope is not in the list on screen; refresh the list and export again.',
    )
  })

  it('writes the audit log newest first', () => {
    const entry = (at: string, keyName: string): LocalAuditEntry =>
      ({ at, actor: 'admin', profileName: 'Local', action: 'created', keyId: 'k', keyName }) as LocalAuditEntry
    const file = auditExport(
      [entry('2026-01-01T00:00:00Z', 'old'), entry('2026-02-01T00:00:00Z', '@new')],
      'csv',
      'audit',
    )
    const rows = readCsv(file.content)
    expect(rows.map((r) => r[5])).toEqual(['key_name', "'@new", 'old'])
  })
})
