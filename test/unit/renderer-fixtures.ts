import type { ApiKey } from '@shared/domain/api-key'
import type { DialectCapabilities, DialectInfo } from '@shared/domain/capabilities'

// Plain data for the renderer's logic tests: a key and capabilities as main sends them.

export function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
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

export function capabilities(overrides: Partial<DialectCapabilities> = {}): DialectCapabilities {
  return {
    permissionsLabel: 'Permissions',
    canReveal: false,
    canDisable: true,
    canRename: true,
    nameUnique: false,
    permissionsEditable: true,
    hasExpiry: true,
    expiryRequired: false,
    expiryEditable: true,
    hasNotes: true,
    hasSecret: false,
    hasAccounts: false,
    accountLabel: null,
    signInMethods: ['oauth'],
    resources: [],
    ...overrides,
  }
}

/** Two dialects as listDialects returns them: one OAuth-only, one that also offers the API-key login. */
export const listedDialects: DialectInfo[] = [
  { dialect: 'gateway', capabilities: capabilities({ signInMethods: ['oauth'] }) },
  { dialect: 'pulse', capabilities: capabilities({ signInMethods: ['oauth', 'api-key'] }) },
]
