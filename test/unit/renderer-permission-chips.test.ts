import { describe, expect, it } from 'vitest'
import { indexKeys } from '@renderer/features/keys/key-filter'
import { permissionChips, resourceLabelsOf } from '@renderer/features/keys/permission-chips'
import { apiKey, capabilities } from './renderer-fixtures'

describe('permission chips', () => {
  const labels = resourceLabelsOf(
    capabilities({
      resources: [
        { id: 'payments', label: 'Payments' },
        { id: 'reports', label: 'Reports' },
      ],
    }).resources,
  )

  it('name each resource by the label its capabilities give, with the access', () => {
    const key = apiKey({
      permissions: { payments: 'change', reports: 'view' },
      nativePermissions: ['payments:write', 'reports:read'],
    })
    expect(permissionChips(key, labels)).toEqual([
      { key: 'payments', text: 'Payments · Change', title: 'payments:write' },
      { key: 'reports', text: 'Reports · View', title: 'reports:read' },
    ])
  })

  it('fall back to the resource id where the capabilities carry no label', () => {
    const key = apiKey({ permissions: { refunds: 'view' }, nativePermissions: ['Refunds Viewer'] })
    expect(permissionChips(key, labels)).toEqual([{ key: 'refunds', text: 'refunds · View', title: 'Refunds Viewer' }])
    expect(permissionChips(key, resourceLabelsOf(undefined))[0]?.text).toBe('refunds · View')
  })

  it('show all native words as the tooltip when none names the resource', () => {
    const key = apiKey({ permissions: { payments: 'view' }, nativePermissions: ['ROLE_AUDITOR', 'ROLE_X'] })
    expect(permissionChips(key, labels)[0]?.title).toBe('ROLE_AUDITOR, ROLE_X')
  })

  it('show the native words as they are when the grid could not read them', () => {
    const key = apiKey({ permissions: {}, nativePermissions: ['legacy:all'] })
    expect(permissionChips(key, labels)).toEqual([{ key: 'legacy:all', text: 'legacy:all', title: 'legacy:all' }])
  })

  it('are shared by keys with the same permissions, and labelled per list', () => {
    const same = { permissions: { payments: 'change' as const }, nativePermissions: ['payments:write'] }
    const index = indexKeys(
      [apiKey({ id: 'a', ...same }), apiKey({ id: 'b', ...same })],
      new Date('2026-06-01T00:00:00Z'),
      labels,
    )
    expect(index.views[0]?.chips).toBe(index.views[1]?.chips)
    expect(index.views[0]?.permissions.sortText).toBe('payments · change')
    const unlabelled = indexKeys([apiKey(same)], new Date('2026-06-01T00:00:00Z'))
    expect(unlabelled.views[0]?.chips[0]?.text).toBe('payments · Change')
  })
})
