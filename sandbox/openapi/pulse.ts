import { DEMO_RESOURCES, PULSE_PERMISSIONS } from '../pulse/permissions'
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../pulse/requests'
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

// Every pulse call but login takes any of: a session token or an OIDC access token (both Bearer),
// or the key and secret directly in headers.
const anyCredential: Array<Record<string, string[]>> = [{ pulseBearer: [] }, { pulseApiKey: [], pulseApiSecret: [] }]
const tags = ['pulse']
const idParameter = pathParameter('id', '3f1c2b9e-8d7a-4c65-b1e0-9a8f7e6d5c4b', 'The key id (not the public apiKey-…).')
const ACCOUNT_PARAMETER = {
  name: 'x-account-id',
  in: 'header',
  required: false,
  description: 'The account to act on; default the caller’s primary account. An account the caller may not use is 403.',
  schema: { type: 'string' },
  example: 'acc_northwind',
}

const PERMISSIONS = {
  type: 'array',
  items: { enum: [...PULSE_PERMISSIONS] },
  minItems: 1,
  uniqueItems: true,
  examples: [['readMerchants', 'writeMerchants']],
}

export const pulseSchemas: OpenApiSchemas = {
  PulseKey: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'apiKey', 'name', 'accountId', 'permissions', 'enabled', 'expiresAt', 'createdAt', 'lastUsedAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      apiKey: {
        type: 'string',
        pattern: '^apiKey-[A-Za-z0-9]{24}$',
        description: 'Public identifier, sent with the secret.',
      },
      name: { type: 'string' },
      accountId: { type: 'string' },
      permissions: PERMISSIONS,
      enabled: { type: 'boolean' },
      expiresAt: { ...NULLABLE_DATE_TIME, description: 'null = never expires.' },
      createdAt: DATE_TIME,
      lastUsedAt: NULLABLE_DATE_TIME,
    },
  },
  PulseKeyCreated: {
    allOf: [
      ref('PulseKey'),
      {
        type: 'object',
        required: ['apiSecret'],
        properties: {
          apiSecret: {
            type: 'string',
            pattern: '^[A-Za-z0-9]{46}$',
            description: '40 random + 6 checksum symbols (base62). Returned only here.',
          },
        },
      },
    ],
  },
  PulseSession: {
    type: 'object',
    additionalProperties: false,
    required: ['token', 'expiresAt'],
    properties: { token: { type: 'string', pattern: '^pst_[A-Za-z0-9]{43}$' }, expiresAt: DATE_TIME },
  },
}

const demoPaths: OpenApiPaths = Object.fromEntries(
  Object.entries(DEMO_RESOURCES).map(([path, resource]) => [
    `/${path}`,
    {
      get: {
        operationId: `pulseList_${path}`,
        summary: `Demo resource: needs read${resource}`,
        tags,
        security: anyCredential,
        parameters: [ACCOUNT_PARAMETER],
        responses: {
          '200': { description: 'Canned items of the account.', content: jsonContent({ type: 'object' }) },
          ...errorResponses(401, 403),
        },
      },
      post: {
        operationId: `pulseCreate_${path}`,
        summary: `Demo resource: needs write${resource}`,
        tags,
        security: anyCredential,
        parameters: [ACCOUNT_PARAMETER],
        responses: {
          '200': { description: 'Accepted.', content: jsonContent({ type: 'object' }) },
          ...errorResponses(401, 403, 413),
        },
      },
    },
  ]),
)

export const pulsePaths: OpenApiPaths = {
  '/auth/login': {
    post: {
      operationId: 'pulseLogin',
      summary: 'Start a session with an API key and secret, or a username and password',
      tags,
      security: [],
      requestBody: {
        required: true,
        content: jsonContent({
          oneOf: [
            {
              type: 'object',
              additionalProperties: false,
              required: ['apiKey', 'apiSecret'],
              properties: { apiKey: { type: 'string' }, apiSecret: { type: 'string' } },
            },
            {
              type: 'object',
              additionalProperties: false,
              required: ['username', 'password'],
              properties: { username: { type: 'string' }, password: { type: 'string' } },
            },
          ],
        }),
      },
      responses: {
        '200': { description: 'A session token for Authorization: Bearer.', content: jsonContent(ref('PulseSession')) },
        ...errorResponses(400, 401, 413),
      },
    },
  },
  '/accounts': {
    get: {
      operationId: 'pulseListAccounts',
      summary: 'Accounts the caller may use; a key sees only its own',
      tags,
      security: anyCredential,
      responses: {
        '200': {
          description: 'The accounts, the primary one first.',
          content: jsonContent({
            type: 'object',
            required: ['accounts'],
            properties: {
              accounts: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'primary', 'permissions'],
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    primary: { type: 'boolean' },
                    permissions: {
                      type: 'array',
                      items: { enum: [...PULSE_PERMISSIONS] },
                      description: 'What the caller holds on this account.',
                    },
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
  '/apikeys': {
    get: {
      operationId: 'pulseListKeys',
      summary: 'List the account’s keys, newest first; needs readApiKeys',
      tags,
      security: anyCredential,
      parameters: [
        ACCOUNT_PARAMETER,
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT },
        },
        { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
      ],
      responses: {
        '200': {
          description: 'A page of keys and the total.',
          content: jsonContent({
            type: 'object',
            required: ['apiKeys', 'total'],
            properties: { apiKeys: { type: 'array', items: ref('PulseKey') }, total: { type: 'integer' } },
          }),
        },
        ...errorResponses(400, 401, 403),
      },
    },
    post: {
      operationId: 'pulseCreateKey',
      summary: 'Create a key; needs writeApiKeys and only grants permissions the caller holds on the account',
      tags,
      security: anyCredential,
      parameters: [ACCOUNT_PARAMETER, IDEMPOTENCY_KEY_PARAMETER],
      requestBody: {
        required: true,
        content: jsonContent({
          type: 'object',
          additionalProperties: false,
          required: ['name', 'permissions'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            permissions: PERMISSIONS,
            expiresAt: { ...NULLABLE_DATE_TIME, description: 'In the future; absent or null = never expires.' },
          },
        }),
      },
      responses: {
        '201': {
          description: 'Created; the only answer with apiSecret.',
          content: jsonContent(ref('PulseKeyCreated')),
        },
        ...errorResponses(400, 401, 403, 413, 422),
      },
    },
  },
  '/apikeys/{id}': {
    get: {
      operationId: 'pulseGetKey',
      summary: 'One key of the account (never its secret); needs readApiKeys',
      tags,
      security: anyCredential,
      parameters: [idParameter, ACCOUNT_PARAMETER],
      responses: {
        '200': { description: 'The key.', content: jsonContent(ref('PulseKey')) },
        ...errorResponses(401, 403, 404),
      },
    },
    patch: {
      operationId: 'pulseUpdateKey',
      summary: 'Rename, re-permission, re-expire, disable or enable a key; needs writeApiKeys',
      tags,
      security: anyCredential,
      parameters: [idParameter, ACCOUNT_PARAMETER],
      requestBody: {
        required: true,
        content: jsonContent({
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            permissions: PERMISSIONS,
            expiresAt: { ...NULLABLE_DATE_TIME, description: 'In the future, or null for never.' },
            enabled: { type: 'boolean' },
          },
        }),
      },
      responses: {
        '200': { description: 'The key after the change.', content: jsonContent(ref('PulseKey')) },
        ...errorResponses(400, 401, 403, 404, 413),
      },
    },
    delete: {
      operationId: 'pulseDeleteKey',
      summary: 'Delete a key; needs writeApiKeys',
      tags,
      security: anyCredential,
      parameters: [idParameter, ACCOUNT_PARAMETER],
      responses: { '204': { description: 'Deleted.' }, ...errorResponses(401, 403, 404) },
    },
  },
  ...demoPaths,
}

/** The pulse dialect's part of /openapi.json (paths below /pulse). */
export const pulseFragment: OpenApiFragment = {
  basePath: '/pulse',
  tag: {
    name: 'pulse',
    description: 'Pulse keys and secrets (seed 002): accounts, session login, x-api-key + x-api-secret.',
  },
  paths: pulsePaths,
  schemas: pulseSchemas,
  securitySchemes: {
    pulseBearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'A pulse session token (POST /pulse/auth/login) or an OIDC access token from this server.',
    },
    pulseApiKey: {
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
      description: 'A pulse key’s public id (apiKey-…), with x-api-secret.',
    },
    pulseApiSecret: { type: 'apiKey', in: 'header', name: 'x-api-secret', description: 'The key’s secret.' },
  },
}
