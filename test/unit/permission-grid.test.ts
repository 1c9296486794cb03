import { describe, expect, it } from 'vitest'
import {
  gatewayGrantLimits,
  gatewayResources,
  gatewayScopesToGrid,
  gridToGatewayScopes,
  splitScopes,
} from '@core/dialects/gateway/gateway-scopes'
import {
  beyondLimits,
  gridsEqual,
  resourcesOf,
  withChange,
  withView,
  type PermissionGrid,
} from '@shared/domain/permissions/grid'
import {
  gridToPulsePermissions,
  pulseGrantLimits,
  pulsePermissionsToGrid,
  pulseResources,
} from '@core/dialects/pulse/pulse-permissions'
import {
  gridToWalletRoles,
  walletGrantLimits,
  walletResources,
  walletRolesToGrid,
} from '@core/dialects/wallet/wallet-roles'

// The grid is the one permission model of every dialect: these pin its semantics and its
// conversions to each dialect's words, in both directions.

describe('withChange / withView: Change implies View', () => {
  it('ticking Change grants change, which includes view', () => {
    expect(withChange({}, 'sale', true)).toEqual({ sale: 'change' })
    expect(withChange({ sale: 'view' }, 'sale', true)).toEqual({ sale: 'change' })
  })

  it('unticking Change leaves View ticked', () => {
    expect(withChange({ sale: 'change', refund: 'view' }, 'sale', false)).toEqual({ sale: 'view', refund: 'view' })
  })

  it('unticking Change where it was not ticked changes nothing', () => {
    const grid: PermissionGrid = { sale: 'view' }
    expect(withChange(grid, 'sale', false)).toBe(grid)
    expect(withChange(grid, 'refund', false)).toBe(grid)
  })

  it('ticking View adds read-only access, and keeps Change where it was', () => {
    expect(withView({}, 'sale', true)).toEqual({ sale: 'view' })
    const grid: PermissionGrid = { sale: 'change' }
    expect(withView(grid, 'sale', true)).toBe(grid)
  })

  it('unticking View removes the resource, its Change too', () => {
    expect(withView({ sale: 'change', refund: 'view' }, 'sale', false)).toEqual({ refund: 'view' })
    expect(withView({ refund: 'view' }, 'refund', false)).toEqual({})
  })

  it('never mutates the grid it is given', () => {
    const grid: PermissionGrid = Object.freeze({ sale: 'change' as const })
    withChange(grid, 'sale', false)
    withView(grid, 'sale', false)
    withChange(grid, 'refund', true)
    expect(grid).toEqual({ sale: 'change' })
  })
})

describe('gateway scopes ↔ grid', () => {
  it('reads read as View and write as Change', () => {
    expect(gatewayScopesToGrid(['sale:read', 'sale:write', 'transaction:read'])).toEqual({
      sale: 'change',
      transaction: 'view',
    })
  })

  it('takes write alone as Change (it implies read), in any order', () => {
    expect(gatewayScopesToGrid(['sale:write'])).toEqual({ sale: 'change' })
    expect(gatewayScopesToGrid(['refund:write', 'refund:read'])).toEqual({ refund: 'change' })
  })

  it('skips scopes that are not audience:operation, or whose operation it does not know', () => {
    expect(gatewayScopesToGrid(['sale', ':read', 'sale:', 'sale:delete', 'payout:read'])).toEqual({ payout: 'view' })
  })

  it('writes Change as read and write, View as read', () => {
    expect(gridToGatewayScopes({ sale: 'change', refund: 'view' })).toEqual(['sale:read', 'sale:write', 'refund:read'])
    expect(gridToGatewayScopes({})).toEqual([])
  })

  it('splits the space-separated wire form, tolerating extra whitespace', () => {
    expect(splitScopes('  sale:read   sale:write\ttransaction:read ')).toEqual([
      'sale:read',
      'sale:write',
      'transaction:read',
    ])
    expect(splitScopes('')).toEqual([])
  })

  it('round-trips every grid over the gateway resources', () => {
    for (const grid of everyGrid(gatewayResources.map((r) => r.id))) {
      expect(gatewayScopesToGrid(gridToGatewayScopes(grid))).toEqual(grid)
    }
  })
})

describe('wallet roles ↔ grid', () => {
  it('are the grid itself', () => {
    expect(walletRolesToGrid({ payments: 'change', balances: 'view' })).toEqual({
      payments: 'change',
      balances: 'view',
    })
    expect(gridToWalletRoles({ payments: 'change', balances: 'view' })).toEqual({
      payments: 'change',
      balances: 'view',
    })
  })

  it('drops values that are neither view nor change', () => {
    expect(walletRolesToGrid({ payments: 'admin', cards: 'view', reports: '' })).toEqual({ cards: 'view' })
  })

  it('gives a copy, not the grid', () => {
    const grid: PermissionGrid = { cards: 'view' }
    expect(gridToWalletRoles(grid)).not.toBe(grid)
  })

  it('round-trips every grid over the wallet resources', () => {
    for (const grid of everyGrid(walletResources.map((r) => r.id))) {
      expect(walletRolesToGrid(gridToWalletRoles(grid))).toEqual(grid)
    }
  })
})

describe('pulse permissions ↔ grid', () => {
  it('reads readX as View and writeX as Change', () => {
    expect(pulsePermissionsToGrid(['readMerchants', 'writeMerchants', 'readApiKeys'])).toEqual({
      Merchants: 'change',
      ApiKeys: 'view',
    })
  })

  it('takes writeX alone as Change', () => {
    expect(pulsePermissionsToGrid(['writeApplications'])).toEqual({ Applications: 'change' })
  })

  it('skips words that are not read/write + a capitalised resource', () => {
    expect(pulsePermissionsToGrid(['readmerchants', 'deleteMerchants', 'read', 'ReadPayouts', 'readPayouts'])).toEqual({
      Payouts: 'view',
    })
  })

  it('writes Change as read and write, View as read', () => {
    expect(gridToPulsePermissions({ Merchants: 'change', Payouts: 'view' })).toEqual([
      'readMerchants',
      'writeMerchants',
      'readPayouts',
    ])
  })

  it('round-trips every grid over the pulse resources', () => {
    for (const grid of everyGrid(pulseResources.map((r) => r.id))) {
      expect(pulsePermissionsToGrid(gridToPulsePermissions(grid))).toEqual(grid)
    }
  })
})

describe('grant limits: what the signed-in user may grant', () => {
  it('gateway: Change where both scopes are held, View where only read, none otherwise, with reasons', () => {
    const limits = gatewayGrantLimits(['sale:read', 'sale:write', 'refund:read', 'apikey:decrypt'], gatewayResources)
    expect(limits.sale).toEqual({ max: 'change' })
    expect(limits.refund).toEqual({ max: 'view', reason: expect.stringContaining('refund:write') })
    expect(limits.payout).toEqual({ max: 'none', reason: expect.stringContaining('payout:read') })
    expect(Object.keys(limits)).toEqual(gatewayResources.map((r) => r.id))
  })

  it('gateway: write without read is not Change (the key would get read too)', () => {
    expect(gatewayGrantLimits(['sale:write'], gatewayResources).sale?.max).toBe('none')
  })

  it('wallet: API Access (Change) grants every role; Read grants none', () => {
    const change = walletGrantLimits(true, walletResources)
    expect(Object.values(change).every((l) => l.max === 'change')).toBe(true)
    const read = walletGrantLimits(false, walletResources)
    expect(Object.values(read).every((l) => l.max === 'none' && /API Access \(Change\)/.test(l.reason ?? ''))).toBe(
      true,
    )
  })

  it('pulse: the permissions held on the account, per resource', () => {
    // The sandbox's support role: every read plus writeApiKeys.
    const support = pulseResources.map((r) => `read${r.id}`).concat('writeApiKeys')
    const limits = pulseGrantLimits(support, pulseResources)
    expect(limits.ApiKeys).toEqual({ max: 'change' })
    expect(limits.Merchants).toEqual({ max: 'view', reason: expect.stringContaining('readMerchants') })
    expect(pulseGrantLimits([], pulseResources).Payouts?.max).toBe('none')
  })

  it('beyondLimits names the resources a grid asks too much on, unknown resources included', () => {
    const limits = gatewayGrantLimits(['sale:read', 'refund:read', 'refund:write'], gatewayResources)
    expect(beyondLimits({ sale: 'view', refund: 'change' }, limits)).toEqual([])
    expect(beyondLimits({ sale: 'change', refund: 'change', payout: 'view', mystery: 'view' }, limits)).toEqual([
      'sale',
      'payout',
      'mystery',
    ])
  })
})

describe('grid helpers', () => {
  it('gridsEqual ignores key order and sees a missing resource', () => {
    expect(gridsEqual({ a: 'view', b: 'change' }, { b: 'change', a: 'view' })).toBe(true)
    expect(gridsEqual({ a: 'view' }, { a: 'view', b: 'view' })).toBe(false)
    expect(gridsEqual({ a: 'view' }, { a: 'change' })).toBe(false)
  })

  it('resourcesOf lists known rows first, then ones only the server used, once each', () => {
    const rows = resourcesOf(gatewayResources, { sale: 'view', loyalty: 'view' }, { loyalty: 'change', gift: 'view' })
    expect(rows.map((r) => r.id)).toEqual(['sale', 'transaction', 'refund', 'payout', 'customer', 'loyalty', 'gift'])
    expect(rows.at(-1)).toEqual({ id: 'gift', label: 'gift' })
  })
})

/** Every grid over these resources: 3^n of them (none, view, change on each). */
function everyGrid(resources: readonly string[]): PermissionGrid[] {
  return resources.reduce<PermissionGrid[]>(
    (grids, resource) =>
      grids.flatMap((grid) => [
        grid,
        { ...grid, [resource]: 'view' as const },
        { ...grid, [resource]: 'change' as const },
      ]),
    [{}],
  )
}
