import { MAX_NOTES_LENGTH, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../wallet/requests'
import { WALLET_RESOURCES } from '../wallet/roles'
import {
  DATE_TIME,
  errorResponses,
  IDEMPOTENCY_KEY_PARAMETER,
  jsonContent,
  NULLABLE_DATE_TIME,
  pathParameter,
  ref,
  type OpenApiFragment,
  type OpenApiPaths,
  type OpenApiSchemas,
} from './common'

const bearer = [{ oidcBearer: [] }]
const apiKey = [{ walletApiKey: [] }]
const tags = ['wallet']
const walletIdParameter = pathParameter('walletId', 'wal_main', 'A wallet the caller belongs to (GET /v1/wallets).')
const keyIdParameter = pathParameter('keyId', 'wk_0123456789abcdef', 'The key id (wk_ + 16).')

const ROLES: Record<string, unknown> = {
  type: 'object',
  description: 'Resource → "view" or "change"; change implies view. At least one resource.',
  minProperties: 1,
  additionalProperties: false,
  properties: Object.fromEntries(WALLET_RESOURCES.map((resource) => [resource, { enum: ['view', 'change'] }])),
  examples: [{ payments: 'change', reports: 'view' }],
}
const NOTES = {
  type: ['string', 'null'],
  maxLength: MAX_NOTES_LENGTH,
  description: 'Free text; empty means none (null).',
}

export const walletSchemas: OpenApiSchemas = {
  WalletKey: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'walletId', 'name', 'maskedKey', 'roles', 'expiresAt', 'notes', 'createdAt', 'lastUsedAt'],
    properties: {
      id: { type: 'string', pattern: '^wk_[A-Za-z0-9]{16}$' },
      walletId: { type: 'string' },
      name: { type: 'string', description: 'Unique in the wallet; immutable.' },
      maskedKey: { type: 'string', examples: ['wk_abc***xyz'] },
      roles: ROLES,
      expiresAt: { ...DATE_TIME, description: 'Immutable. After it the key gets 401.' },
      notes: NOTES,
      createdAt: DATE_TIME,
      lastUsedAt: NULLABLE_DATE_TIME,
    },
  },
  WalletKeyCreated: {
    type: 'object',
    additionalProperties: false,
    required: ['apiKey', 'value'],
    properties: {
      apiKey: ref('WalletKey'),
      value: {
        type: 'string',
        pattern: '^wk_[A-Za-z0-9]{40}$',
        description: 'wk_ + 34 random + 6 checksum symbols (base62). Shown only here, never again.',
      },
    },
  },
  WalletKeyPage: {
    type: 'object',
    additionalProperties: false,
    required: ['apiKeys', 'nextCursor'],
    properties: {
      apiKeys: { type: 'array', items: ref('WalletKey') },
      nextCursor: {
        type: ['string', 'null'],
        description: 'Pass as `cursor` for the next page; null on the last page.',
      },
    },
  },
}

const demoOperation = (method: 'get' | 'post') => ({
  operationId: method === 'get' ? 'walletDemoRead' : 'walletDemoWrite',
  summary:
    method === 'get'
      ? 'Demo resource: needs the view role on {resource}'
      : 'Demo resource: needs the change role on {resource}',
  tags,
  security: apiKey,
  parameters: [{ name: 'resource', in: 'path', required: true, schema: { enum: [...WALLET_RESOURCES] } }],
  responses: {
    '200': {
      description: method === 'get' ? 'Canned items of the key’s wallet.' : 'Accepted.',
      content: jsonContent({ type: 'object' }),
    },
    ...errorResponses(...(method === 'get' ? [401, 403, 404] : [401, 403, 404, 413])),
  },
})

export const walletPaths: OpenApiPaths = {
  '/v1/wallets': {
    get: {
      operationId: 'walletListWallets',
      summary: 'Wallets the caller belongs to',
      tags,
      security: bearer,
      responses: {
        '200': {
          description: 'The wallets.',
          content: jsonContent({
            type: 'object',
            required: ['wallets'],
            properties: {
              wallets: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'access'],
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    access: { enum: ['read', 'change'], description: 'The caller’s API Access on this wallet.' },
                  },
                },
              },
            },
          }),
        },
        ...errorResponses(401),
      },
    },
  },
  '/v1/wallets/{walletId}/apikeys': {
    get: {
      operationId: 'walletListKeys',
      summary: 'List a wallet’s keys, newest first; needs API Access (Read)',
      description: 'A wallet the caller does not belong to is 403; an unknown wallet is 404.',
      tags,
      security: bearer,
      parameters: [
        walletIdParameter,
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT },
        },
        {
          name: 'cursor',
          in: 'query',
          schema: { type: 'string' },
          description: 'nextCursor of the previous page (opaque).',
        },
      ],
      responses: {
        '200': { description: 'A page of keys.', content: jsonContent(ref('WalletKeyPage')) },
        ...errorResponses(400, 401, 403, 404),
      },
    },
    post: {
      operationId: 'walletCreateKey',
      summary: 'Create a key; needs API Access (Change). The value is returned only here.',
      tags,
      security: bearer,
      parameters: [walletIdParameter, IDEMPOTENCY_KEY_PARAMETER],
      requestBody: {
        required: true,
        content: jsonContent({
          type: 'object',
          additionalProperties: false,
          required: ['name', 'roles'],
          properties: {
            name: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'Trimmed; unique in the wallet (409 otherwise); immutable.',
            },
            roles: ROLES,
            expiresAt: { ...DATE_TIME, description: 'Must be in the future. Default: one year from now. Immutable.' },
            notes: NOTES,
          },
        }),
      },
      responses: {
        '201': {
          description: 'Created; the only answer with the key value.',
          content: jsonContent(ref('WalletKeyCreated')),
        },
        ...errorResponses(400, 401, 403, 404, 409, 413, 422),
      },
    },
  },
  '/v1/wallets/{walletId}/apikeys/{keyId}': {
    get: {
      operationId: 'walletGetKey',
      summary: 'One key (never its value)',
      tags,
      security: bearer,
      parameters: [walletIdParameter, keyIdParameter],
      responses: {
        '200': { description: 'The key.', content: jsonContent(ref('WalletKey')) },
        ...errorResponses(401, 403, 404),
      },
    },
    patch: {
      operationId: 'walletUpdateKey',
      summary: 'Change roles and notes; needs API Access (Change)',
      description: '`name` or `expiresAt` in the body is 422 with details.field naming it: both are immutable.',
      tags,
      security: bearer,
      parameters: [walletIdParameter, keyIdParameter],
      requestBody: {
        required: true,
        content: jsonContent({
          type: 'object',
          additionalProperties: false,
          properties: { roles: ROLES, notes: NOTES },
        }),
      },
      responses: {
        '200': { description: 'The key after the change.', content: jsonContent(ref('WalletKey')) },
        ...errorResponses(400, 401, 403, 404, 413, 422),
      },
    },
    delete: {
      operationId: 'walletDeleteKey',
      summary: 'Delete (revoke) a key; needs API Access (Change)',
      tags,
      security: bearer,
      parameters: [walletIdParameter, keyIdParameter],
      responses: { '204': { description: 'Deleted.' }, ...errorResponses(401, 403, 404) },
    },
  },
  '/v1/demo/{resource}': { get: demoOperation('get'), post: demoOperation('post') },
}

/** The wallet dialect's part of /openapi.json (paths below /wallet). */
export const walletFragment: OpenApiFragment = {
  basePath: '/wallet',
  tag: {
    name: 'wallet',
    description: 'Wallet IAM keys (seed 001): wk_ keys with roles, expiry and notes; OAuth management, x-api-key.',
  },
  paths: walletPaths,
  schemas: walletSchemas,
  securitySchemes: {
    walletApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'A wallet key (wk_…).' },
  },
}
