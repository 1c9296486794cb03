import { describe, expect, it } from 'vitest'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { fittingChipCount } from '@renderer/features/keys/permission-chips'
import { rowActions } from '@renderer/features/keys/menu/row-action-list'
import { apiKey, capabilities } from './renderer-fixtures'

const admin: KeyAccess = {
  resources: [],
  grantLimits: {},
  canCreate: true,
  canEdit: true,
  canDelete: true,
  canRevealFromServer: true,
}
const base = {
  apiKey: apiKey(),
  status: 'active' as const,
  capabilities: capabilities({ canReveal: true, canDisable: true }),
  access: admin,
  hasLocalCopy: false,
  updating: false,
  readOnlyReason: null,
}
const labels = (input: Parameters<typeof rowActions>[0]) => rowActions(input).map((a) => a.label)

describe('row actions', () => {
  it('lead with Reveal where keys can be shown again, with Edit where they cannot', () => {
    expect(labels(base)).toEqual(['Reveal', 'Edit', 'Disable', 'Rotate', 'Try key', 'Revoke'])
    expect(labels({ ...base, capabilities: capabilities({ canReveal: false, canDisable: false }) })).toEqual([
      'Edit',
      'Reveal',
      'Rotate',
      'Try key',
      'Revoke',
    ])
  })

  it('offer only Reveal and Try key to a viewer, and nothing of Reveal on an expired key', () => {
    const viewer = { ...admin, canCreate: false, canEdit: false, canDelete: false }
    expect(labels({ ...base, access: viewer })).toEqual(['Reveal', 'Try key'])
    expect(labels({ ...base, access: viewer, status: 'expired' })).toEqual(['Try key'])
  })

  it('disable what needs the server with the read-only reason, but not a reveal from the keychain copy', () => {
    const reason = 'Offline: showing the list as of 10:42.'
    const offline = rowActions({ ...base, hasLocalCopy: true, readOnlyReason: reason })
    const off = Object.fromEntries(offline.map((a) => [a.label, a.disabledReason]))
    expect(off).toEqual({
      Reveal: null,
      Edit: reason,
      Disable: reason,
      Rotate: reason,
      'Try key': null,
      Revoke: reason,
    })
    expect(rowActions({ ...base, readOnlyReason: reason })[0]!.disabledReason).toBe(reason)
  })

  it('say why Disable waits while the key is being updated', () => {
    expect(rowActions({ ...base, updating: true }).find((a) => a.kind === 'toggle')!.disabledReason).toBe(
      'Updating this key…',
    )
  })
})

describe('fitting permission chips', () => {
  const chip = (text: string) => ({ key: text, text, title: text })
  it('keeps room for the "+N" and always shows at least one chip', () => {
    const chips = [chip('Sales · Change'), chip('Transactions · View'), chip('Refunds · View')]
    expect(fittingChipCount(chips, 34)).toBe(1)
    expect(fittingChipCount(chips, 1000)).toBe(3)
    expect(fittingChipCount(chips, 1)).toBe(1)
    expect(fittingChipCount([chip('Sales · Change')], 17)).toBe(1)
    expect(fittingChipCount([], 10)).toBe(0)
  })
})
