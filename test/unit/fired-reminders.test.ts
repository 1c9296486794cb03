import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, describe, expect, it } from 'vitest'
import { FiredReminders } from '@core/reminders/fired-reminders'

// The markers of reminders already shown, in a real settings file: what is dropped, and when.

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function firedIn(): { fired: FiredReminders; reopened: () => FiredReminders } {
  const cwd = mkdtempSync(join(tmpdir(), 'keywarden-fired-'))
  folders.push(cwd)
  const open = () => new FiredReminders(new Conf({ cwd, configName: 'settings', projectName: 'keywarden' }))
  return { fired: open(), reopened: open }
}

describe('fired reminders', () => {
  const markers = [
    'expiry:p1:k1:2027-01-01T00:00:00.000Z:7',
    'rotation:p1:k2:2026-01-01T00:00:00.000Z:90',
    'expiry:p2:k3:2027-01-01T00:00:00.000Z:30',
    'revocation:r-pending',
    'revocation:r-done',
  ]

  it("a removed profile's markers go with it; other profiles' and revocations' stay", () => {
    const { fired, reopened } = firedIn()
    fired.add(markers)
    fired.forgetProfile('p1')
    expect([...reopened().all()].sort()).toEqual(
      ['expiry:p2:k3:2027-01-01T00:00:00.000Z:30', 'revocation:r-done', 'revocation:r-pending'].sort(),
    )
  })

  it('a revocation no longer pending drops its marker; a pending one keeps it (it must not fire again)', () => {
    const { fired, reopened } = firedIn()
    fired.add(markers)
    fired.pruneRevocations(new Set(['r-pending']))
    const left = reopened().all()
    expect(left.has('revocation:r-pending')).toBe(true)
    expect(left.has('revocation:r-done')).toBe(false)
    expect(left.size).toBe(markers.length - 1)
  })

  it("prune keeps a profile's markers of keys still listed", () => {
    const { fired, reopened } = firedIn()
    fired.add(markers)
    fired.prune('p1', new Set(['k2']))
    expect(reopened().all().has('expiry:p1:k1:2027-01-01T00:00:00.000Z:7')).toBe(false)
    expect(reopened().all().has('rotation:p1:k2:2026-01-01T00:00:00.000Z:90')).toBe(true)
  })
})
