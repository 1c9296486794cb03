import { describe, expect, it } from 'vitest'
import {
  checkChanges,
  checkDraft,
  checkExpiryDate,
  dateOfExpiresAt,
  expiresAtOf,
  initialEditValues,
  keyFormFieldsOf,
  type KeyFormValues,
} from '@renderer/features/keys/form/key-form'
import { apiKey, capabilities } from './renderer-fixtures'

const now = new Date(2026, 5, 1, 12, 0, 0)
const values = (overrides: Partial<KeyFormValues> = {}): KeyFormValues => ({
  name: 'deploy bot',
  expiryDate: '',
  notes: '',
  permissions: { payments: 'view' },
  ...overrides,
})

describe('expiry dates', () => {
  it('end at the last moment of the chosen day on the local calendar', () => {
    const iso = expiresAtOf('2026-07-15')
    expect(iso).not.toBeNull()
    const end = new Date(iso!)
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([
      2026, 6, 15, 23, 59,
    ])
    expect(dateOfExpiresAt(iso)).toBe('2026-07-15')
    expect(dateOfExpiresAt(null)).toBe('')
  })

  it('refuse days that do not exist and text that is no date', () => {
    expect(expiresAtOf('2026-02-30')).toBeNull()
    expect(expiresAtOf('2026-13-01')).toBeNull()
    expect(expiresAtOf('15.07.2026')).toBeNull()
  })

  it('say what is wrong: missing where required, invalid, or not in the future', () => {
    expect(checkExpiryDate('', true, now)).toBe('Choose an expiry date.')
    expect(checkExpiryDate('', false, now)).toBeUndefined()
    expect(checkExpiryDate('2026-02-30', false, now)).toBe('Enter a valid date.')
    expect(checkExpiryDate('2026-05-31', false, now)).toBe('Choose a date in the future.')
    // Today still counts: the key works through the end of the day.
    expect(checkExpiryDate('2026-06-01', false, now)).toBeUndefined()
  })
})

describe('the Add form', () => {
  it('builds the draft the contract accepts, leaving out what the dialect lacks', () => {
    const checked = checkDraft(
      values({ notes: 'ci', expiryDate: '2026-07-01' }),
      capabilities({ hasExpiry: false, hasNotes: false }),
      now,
    )
    expect(checked.errors).toEqual({})
    expect(checked.draft).toEqual({
      name: 'deploy bot',
      permissions: { payments: 'view' },
      expiresAt: null,
      notes: null,
    })
  })

  it('trims the name, and keeps blank notes as none', () => {
    const checked = checkDraft(values({ name: '  bot  ', notes: '   ' }), capabilities({ hasExpiry: false }), now)
    expect(checked.draft).toMatchObject({ name: 'bot', notes: null })
  })

  it("names each field's first problem and gives no draft", () => {
    const checked = checkDraft(
      values({ name: ' ', permissions: {}, expiryDate: '' }),
      capabilities({ expiryRequired: true }),
      now,
    )
    expect(checked.errors).toEqual({
      name: 'Give the key a name.',
      permissions: 'Tick at least one permission.',
      expiresAt: 'Choose an expiry date.',
    })
    expect(checked.draft).toBeNull()
    expect(checkDraft(values({ name: 'x'.repeat(101) }), capabilities({ hasExpiry: false }), now).errors.name).toBe(
      'Keep the name under 100 characters.',
    )
  })
})

describe('the Edit form', () => {
  const key = apiKey({
    name: 'bot',
    notes: 'old',
    permissions: { payments: 'view' },
    expiresAt: expiresAtOf('2026-12-31'),
  })

  it('sends nothing when nothing changed', () => {
    expect(checkChanges(key, initialEditValues(key), capabilities(), now)).toEqual({ errors: {}, changes: {} })
  })

  it('sends only what changed and the dialect lets change', () => {
    const edited = values({ name: 'renamed', notes: '', expiryDate: '2027-01-31', permissions: { payments: 'change' } })
    const all = checkChanges(key, edited, capabilities(), now)
    expect(all.changes).toEqual({
      name: 'renamed',
      notes: null,
      expiresAt: expiresAtOf('2027-01-31'),
      permissions: { payments: 'change' },
    })
    const fixed = checkChanges(
      key,
      edited,
      capabilities({ canRename: false, expiryEditable: false, permissionsEditable: false, hasNotes: false }),
      now,
    )
    expect(fixed.changes).toEqual({})
  })

  it('refuses an emptied grid and a past date', () => {
    const checked = checkChanges(
      key,
      values({ name: 'bot', notes: 'old', permissions: {}, expiryDate: '2026-01-01' }),
      capabilities(),
      now,
    )
    expect(checked.errors).toEqual({
      permissions: 'Tick at least one permission.',
      expiresAt: 'Choose a date in the future.',
    })
    expect(checked.changes).toBeNull()
  })

  it('checks the date picker as expiresAt', () => {
    expect(keyFormFieldsOf('expiryDate')).toEqual(['expiresAt'])
    expect(keyFormFieldsOf('name')).toEqual(['name'])
  })
})
