import { describe, expect, it } from 'vitest'
import { gatewayResources } from '@core/dialects/gateway/gateway-scopes'
import { pulseResources } from '@core/dialects/pulse/pulse-permissions'
import { walletResources } from '@core/dialects/wallet/wallet-roles'
import { assertChangesAllowed, assertDraftComplete } from '@core/dialects/change-rules'
import { createAdapter } from '@core/dialects/create-adapter'
import type { KeyDraft } from '@core/dialects/dialect-adapter'
import { GatewayAdapter } from '@core/dialects/gateway/gateway-adapter'
import { gatewayCreateBody, gatewayKeyToModel, gatewayUpdateBody } from '@core/dialects/gateway/gateway-mapping'
import { gatewayKeySchema } from '@core/dialects/gateway/gateway-wire'
import { PulseAdapter } from '@core/dialects/pulse/pulse-adapter'
import { pulseCreateBody, pulseKeyToModel, pulseUpdateBody } from '@core/dialects/pulse/pulse-mapping'
import { pulseKeySchema } from '@core/dialects/pulse/pulse-wire'
import { WalletAdapter } from '@core/dialects/wallet/wallet-adapter'
import { walletCreateBody, walletKeyToModel, walletUpdateBody } from '@core/dialects/wallet/wallet-mapping'
import { walletKeySchema } from '@core/dialects/wallet/wallet-wire'
import { dialectOf } from '@core/dialects/registry'
import { inModelTerms } from '@core/dialects/wire-errors'
import { AppError } from '@core/errors'
import { ApiClient } from '@core/http/api-client'

const dialectCapabilities = {
  gateway: dialectOf('gateway').capabilities,
  wallet: dialectOf('wallet').capabilities,
  pulse: dialectOf('pulse').capabilities,
}

// The pure halves of the adapters: wire → model, model → request bodies, and the rules checked
// before any request. The adapters' HTTP halves are tested against the sandbox (test/integration).

const NOW = new Date('2026-05-16T10:30:00Z')
const draft = (overrides: Partial<KeyDraft> = {}): KeyDraft => ({
  name: 'checkout',
  permissions: {},
  expiresAt: null,
  notes: null,
  ...overrides,
})

describe('gateway wire ↔ model', () => {
  const wire = gatewayKeySchema.parse({
    id: 'apk_1',
    name: 'checkout-service',
    maskedApiKey: 'apk_abc***xyz',
    status: 'Active',
    scopes: 'sale:read sale:write transaction:read',
    createdAt: '2026-01-01T00:00:00Z',
    _links: { self: { href: '/v1/apikeys/apk_1' } },
  })

  it('maps a key: grid, scopes as native words, no account, absent dates as null', () => {
    expect(gatewayKeyToModel(wire, NOW)).toEqual({
      id: 'apk_1',
      name: 'checkout-service',
      maskedKey: 'apk_abc***xyz',
      status: 'active',
      permissions: { sale: 'change', transaction: 'view' },
      nativePermissions: ['sale:read', 'sale:write', 'transaction:read'],
      expiresAt: null,
      notes: null,
      createdAt: '2026-01-01T00:00:00Z',
      lastUsedAt: null,
      accountId: null,
    })
  })

  it('Disabled is disabled; past its expiry a key is expired whatever its status', () => {
    expect(gatewayKeyToModel({ ...wire, status: 'Disabled' }, NOW).status).toBe('disabled')
    expect(gatewayKeyToModel({ ...wire, status: 'Disabled', expiresAt: '2026-05-16T10:30:00Z' }, NOW).status).toBe(
      'expired',
    )
    expect(gatewayKeyToModel({ ...wire, expiresAt: '2026-05-16T10:30:01Z' }, NOW).status).toBe('active')
  })

  it('creates with name and space-separated scopes only (no expiry, no notes on the gateway)', () => {
    expect(
      gatewayCreateBody(
        draft({ permissions: { sale: 'change', refund: 'view' }, expiresAt: '2027-01-01T00:00:00Z', notes: 'x' }),
      ),
    ).toEqual({
      name: 'checkout',
      scopes: 'sale:read sale:write refund:read',
    })
  })

  it('updates name and enabled as status', () => {
    expect(gatewayUpdateBody({ name: 'renamed', enabled: false })).toEqual({ name: 'renamed', status: 'Disabled' })
    expect(gatewayUpdateBody({ enabled: true })).toEqual({ status: 'Active' })
    expect(gatewayUpdateBody({})).toEqual({})
  })
})

describe('wallet wire ↔ model', () => {
  const wire = walletKeySchema.parse({
    id: 'wk_1',
    walletId: 'wal_main',
    name: 'acme-backend',
    maskedKey: 'wk_abc***xyz',
    roles: { payments: 'change', balances: 'view' },
    expiresAt: '2027-01-01T00:00:00Z',
    notes: 'Acme, contact Jo',
    createdAt: '2026-01-01T00:00:00Z',
    lastUsedAt: '2026-05-01T00:00:00Z',
  })

  it('maps a key: roles as the grid and as resource:access words, the wallet as account', () => {
    expect(walletKeyToModel(wire, NOW)).toEqual({
      id: 'wk_1',
      name: 'acme-backend',
      maskedKey: 'wk_abc***xyz',
      status: 'active',
      permissions: { payments: 'change', balances: 'view' },
      nativePermissions: ['payments:change', 'balances:view'],
      expiresAt: '2027-01-01T00:00:00Z',
      notes: 'Acme, contact Jo',
      createdAt: '2026-01-01T00:00:00Z',
      lastUsedAt: '2026-05-01T00:00:00Z',
      accountId: 'wal_main',
    })
  })

  it('is active until its expiry, then expired (no disable on the wallet)', () => {
    expect(walletKeyToModel({ ...wire, expiresAt: '2026-05-16T10:29:59Z' }, NOW).status).toBe('expired')
  })

  it('refuses roles other than view and change on the wire', () => {
    expect(walletKeySchema.safeParse({ ...wire, roles: { payments: 'admin' } }).success).toBe(false)
  })

  it('creates with name, roles, expiry, and notes only when there are some', () => {
    expect(
      walletCreateBody(draft({ permissions: { cards: 'view' }, expiresAt: '2027-01-01T00:00:00Z', notes: 'n' })),
    ).toEqual({
      name: 'checkout',
      roles: { cards: 'view' },
      expiresAt: '2027-01-01T00:00:00Z',
      notes: 'n',
    })
    expect(walletCreateBody(draft({ expiresAt: '2027-01-01T00:00:00Z', notes: '  ' }))).toEqual({
      name: 'checkout',
      roles: {},
      expiresAt: '2027-01-01T00:00:00Z',
    })
  })

  it('updates roles and notes (null clears them)', () => {
    expect(walletUpdateBody({ permissions: { reports: 'change' }, notes: null })).toEqual({
      roles: { reports: 'change' },
      notes: null,
    })
  })
})

describe('pulse wire ↔ model', () => {
  const wire = pulseKeySchema.parse({
    id: 'pk_1',
    apiKey: 'apiKey-abcdefghijklmnopqrstuvwx',
    name: 'nightly',
    accountId: 'acc_northwind',
    permissions: ['readMerchants', 'writeMerchants', 'readPayouts'],
    enabled: true,
    expiresAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    lastUsedAt: null,
  })

  it('maps a key: the public apiKey id as its display form, permissions both ways, the account', () => {
    expect(pulseKeyToModel(wire, NOW)).toEqual({
      id: 'pk_1',
      name: 'nightly',
      maskedKey: 'apiKey-abcdefghijklmnopqrstuvwx',
      status: 'active',
      permissions: { Merchants: 'change', Payouts: 'view' },
      nativePermissions: ['readMerchants', 'writeMerchants', 'readPayouts'],
      expiresAt: null,
      notes: null,
      createdAt: '2026-01-01T00:00:00Z',
      lastUsedAt: null,
      accountId: 'acc_northwind',
    })
  })

  it('enabled: false is disabled; an expiry in the past is expired', () => {
    expect(pulseKeyToModel({ ...wire, enabled: false }, NOW).status).toBe('disabled')
    expect(pulseKeyToModel({ ...wire, expiresAt: '2026-01-01T00:00:00Z' }, NOW).status).toBe('expired')
  })

  it('creates with name, permissions and expiry (null: never), no notes', () => {
    expect(pulseCreateBody(draft({ permissions: { ApiKeys: 'change' }, notes: 'x' }))).toEqual({
      name: 'checkout',
      permissions: ['readApiKeys', 'writeApiKeys'],
      expiresAt: null,
    })
  })

  it('updates name, permissions, expiry and enabled', () => {
    expect(pulseUpdateBody({ name: 'n', permissions: { Payouts: 'view' }, expiresAt: null, enabled: false })).toEqual({
      name: 'n',
      permissions: ['readPayouts'],
      expiresAt: null,
      enabled: false,
    })
    expect(pulseUpdateBody({ expiresAt: '2027-01-01T00:00:00Z' })).toEqual({ expiresAt: '2027-01-01T00:00:00Z' })
  })
})

describe('changes the capabilities forbid are refused before any request', () => {
  const refusal = (run: () => void): AppError => {
    try {
      run()
    } catch (error) {
      if (error instanceof AppError) return error
      throw error
    }
    throw new Error('expected a refusal')
  }

  it('wallet: name and expiry are immutable; both are named', () => {
    const error = refusal(() =>
      assertChangesAllowed(dialectCapabilities.wallet, { name: 'x', expiresAt: '2027-01-01T00:00:00Z', notes: 'ok' }),
    )
    expect(error.code).toBe('VALIDATION')
    expect(Object.keys(error.fields ?? {})).toEqual(['name', 'expiresAt'])
    expect(error.fields?.name).toMatch(/name cannot be changed/)
    expect(error.fields?.expiresAt).toMatch(/expiry date cannot be changed/)
  })

  it('wallet: no disable', () => {
    expect(refusal(() => assertChangesAllowed(dialectCapabilities.wallet, { enabled: false })).fields).toEqual({
      enabled: expect.stringMatching(/cannot be disabled/),
    })
  })

  it('gateway: scopes are fixed, and there is no expiry or notes', () => {
    const error = refusal(() =>
      assertChangesAllowed(dialectCapabilities.gateway, { permissions: {}, expiresAt: null, notes: null }),
    )
    expect(error.fields).toEqual({
      permissions: 'The scopes cannot be changed after the key is created.',
      expiresAt: 'These keys have no expiry date.',
      notes: 'These keys have no notes.',
    })
  })

  it('pulse: no notes; everything else may change', () => {
    expect(refusal(() => assertChangesAllowed(dialectCapabilities.pulse, { notes: 'x' })).fields).toEqual({
      notes: 'These keys have no notes.',
    })
    expect(() =>
      assertChangesAllowed(dialectCapabilities.pulse, { name: 'n', permissions: {}, expiresAt: null, enabled: true }),
    ).not.toThrow()
  })

  it('allowed changes and an empty change pass', () => {
    expect(() => assertChangesAllowed(dialectCapabilities.gateway, { name: 'n', enabled: false })).not.toThrow()
    expect(() => assertChangesAllowed(dialectCapabilities.wallet, { permissions: {}, notes: null })).not.toThrow()
    expect(() => assertChangesAllowed(dialectCapabilities.wallet, {})).not.toThrow()
  })

  it('wallet drafts need an expiry; gateway and pulse drafts do not', () => {
    expect(refusal(() => assertDraftComplete(dialectCapabilities.wallet, draft())).fields).toEqual({
      expiresAt: 'Choose an expiry date for the key.',
    })
    expect(() => assertDraftComplete(dialectCapabilities.gateway, draft())).not.toThrow()
    expect(() => assertDraftComplete(dialectCapabilities.pulse, draft())).not.toThrow()
  })
})

describe('server errors in the model’s words', () => {
  it('renames the fields the server named (nested paths too), keeping code and message', async () => {
    const error = await inModelTerms({ scopes: 'permissions', roles: 'permissions' }, async () => {
      throw new AppError('VALIDATION', 'p: could not create a key: scopes contains unknown scopes: x:y.', {
        scopes: 'scopes contains unknown scopes: x:y.',
        name: 'n',
        'roles.cards': 'bad role',
      })
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: 'p: could not create a key: scopes contains unknown scopes: x:y.',
      fields: { permissions: 'scopes contains unknown scopes: x:y.', name: 'n', 'permissions.cards': 'bad role' },
    })
  })

  it('passes other errors through untouched', async () => {
    const original = new AppError('FORBIDDEN', 'no')
    await expect(inModelTerms({}, async () => Promise.reject(original))).rejects.toBe(original)
    await expect(inModelTerms({}, async () => 7)).resolves.toBe(7)
  })
})

describe('createAdapter', () => {
  const api = new ApiClient('http://127.0.0.1:9/', 'unused', {
    accessToken: async () => 'unused',
    renewAfterRejection: async () => 'unused',
  })

  it('gives each dialect its adapter, capabilities and grid rows', () => {
    const gateway = createAdapter('gateway', api)
    const wallet = createAdapter('wallet', api)
    const pulse = createAdapter('pulse', api)
    expect(gateway).toBeInstanceOf(GatewayAdapter)
    expect(wallet).toBeInstanceOf(WalletAdapter)
    expect(pulse).toBeInstanceOf(PulseAdapter)
    expect([gateway.capabilities, wallet.capabilities, pulse.capabilities]).toEqual([
      dialectCapabilities.gateway,
      dialectCapabilities.wallet,
      dialectCapabilities.pulse,
    ])
    expect([gateway.resources, wallet.resources, pulse.resources]).toEqual([
      gatewayResources,
      walletResources,
      pulseResources,
    ])
  })

  it('gateway has no accounts; wallet and pulse cannot reveal', async () => {
    const signal = new AbortController().signal
    await expect(createAdapter('gateway', api).listAccounts(signal)).resolves.toEqual([])
    await expect(
      createAdapter('wallet', api).revealKey({ accountId: 'wal_main', signal }, 'wk_1'),
    ).rejects.toMatchObject({ code: 'INTERNAL' })
    await expect(createAdapter('pulse', api).revealKey({ accountId: null, signal }, 'pk_1')).rejects.toMatchObject({
      code: 'INTERNAL',
    })
  })
})
