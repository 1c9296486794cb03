import { GATEWAY_AUDIENCES } from '../gateway/scopes'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../gateway/requests'
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
const apiKey = [{ gatewayApiKey: [] }]
const tags = ['gateway']
const idParameter = pathParameter('id', 'apk_0123456789abcdef', 'The key id (apk_…).')

const selfLink = {
  type: 'object',
  required: ['self'],
  properties: {
    self: {
      type: 'object',
      required: ['href', 'method'],
      properties: { href: { type: 'string' }, method: { const: 'GET' } },
    },
  },
}

export const gatewaySchemas: OpenApiSchemas = {
  GatewayKey: {
    type: 'object',
    required: ['id', 'name', 'maskedApiKey', 'status', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt', '_links'],
    properties: {
      id: { type: 'string', pattern: '^apk_[A-Za-z0-9]+$' },
      name: { type: 'string' },
      maskedApiKey: { type: 'string', examples: ['apk_abc***xyz'] },
      status: { enum: ['Active', 'Disabled'] },
      scopes: {
        type: 'string',
        description: 'Space-separated audience:operation.',
        examples: ['sale:read sale:write'],
      },
      createdAt: DATE_TIME,
      expiresAt: NULLABLE_DATE_TIME,
      lastUsedAt: NULLABLE_DATE_TIME,
      _links: selfLink,
    },
  },
  GatewayKeyCreated: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'key', 'name', 'maskedApiKey', 'status', 'scopes', 'createdAt', '_links'],
    properties: {
      id: { type: 'string' },
      key: { type: 'string', description: 'apk_ + 34 random + 6 checksum symbols (base62).' },
      name: { type: 'string' },
      maskedApiKey: { type: 'string' },
      status: { const: 'Active' },
      scopes: { type: 'string' },
      createdAt: DATE_TIME,
      _links: selfLink,
    },
  },
  GatewayKeyPage: {
    type: 'object',
    required: ['_embedded', 'page', '_links'],
    properties: {
      _embedded: { type: 'object', properties: { apikeys: { type: 'array', items: ref('GatewayKey') } } },
      page: {
        type: 'object',
        required: ['size', 'number', 'totalElements', 'totalPages'],
        properties: {
          size: { type: 'integer' },
          number: { type: 'integer' },
          totalElements: { type: 'integer' },
          totalPages: { type: 'integer' },
        },
      },
      _links: {
        type: 'object',
        description: 'self, next and prev; href relative to the gateway base (/v1/apikeys?page=1&size=50).',
        properties: Object.fromEntries(
          ['self', 'next', 'prev'].map((rel) => [rel, { type: 'object', properties: { href: { type: 'string' } } }]),
        ),
      },
    },
  },
}

const demoOperations = Object.fromEntries(
  GATEWAY_AUDIENCES.map((audience) => [
    `/v1/${audience}s`,
    {
      get: {
        operationId: `gatewayList_${audience}s`,
        summary: `Demo resource: needs ${audience}:read`,
        tags,
        security: apiKey,
        responses: {
          '200': { description: 'Canned items.', content: jsonContent({ type: 'object' }) },
          ...errorResponses(401, 403),
        },
      },
      post: {
        operationId: `gatewayCreate_${audience}`,
        summary: `Demo resource: needs ${audience}:write`,
        tags,
        security: apiKey,
        responses: {
          '200': { description: 'Accepted.', content: jsonContent({ type: 'object' }) },
          ...errorResponses(401, 403, 413),
        },
      },
    },
  ]),
)

export const gatewayPaths: OpenApiPaths = {
  '/v1/me': {
    get: {
      operationId: 'gatewayMe',
      summary: 'What the caller holds: the scopes it may grant, and management permissions',
      tags,
      security: bearer,
      responses: {
        '200': {
          description: 'The caller.',
          content: jsonContent({
            type: 'object',
            required: ['username', 'scopes', 'permissions'],
            properties: {
              username: { type: 'string' },
              scopes: { type: 'string', examples: ['sale:read transaction:read'] },
              permissions: { type: 'array', items: { type: 'string' }, examples: [['apikey:decrypt']] },
            },
          }),
        },
        ...errorResponses(401),
      },
    },
  },
  '/v1/apikeys': {
    get: {
      operationId: 'gatewayListKeys',
      summary: 'List keys, newest first',
      tags,
      security: bearer,
      parameters: [
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
        {
          name: 'size',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
        },
      ],
      responses: {
        '200': { description: 'A page of keys.', content: jsonContent(ref('GatewayKeyPage')) },
        ...errorResponses(400, 401),
      },
    },
    post: {
      operationId: 'gatewayCreateKey',
      summary: 'Create a key; only scopes the caller holds can be granted',
      tags,
      security: bearer,
      parameters: [IDEMPOTENCY_KEY_PARAMETER],
      requestBody: {
        required: true,
        content: jsonContent({
          type: 'object',
          required: ['name', 'scopes'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            scopes: { type: 'string', examples: ['sale:read sale:write transaction:read'] },
          },
        }),
      },
      responses: {
        '201': {
          description: 'Created; the only answer with `key` unasked.',
          content: jsonContent(ref('GatewayKeyCreated')),
        },
        ...errorResponses(400, 401, 403, 413, 422),
      },
    },
  },
  '/v1/apikeys/{id}': {
    get: {
      operationId: 'gatewayGetKey',
      summary: 'One key',
      tags,
      security: bearer,
      parameters: [idParameter],
      responses: {
        '200': { description: 'The key.', content: jsonContent(ref('GatewayKey')) },
        ...errorResponses(401, 404),
      },
    },
    patch: {
      operationId: 'gatewayUpdateKey',
      summary: 'Rename, disable or enable a key',
      tags,
      security: bearer,
      parameters: [idParameter],
      requestBody: {
        required: true,
        content: jsonContent({
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            status: { enum: ['Active', 'Disabled'] },
          },
        }),
      },
      responses: {
        '200': { description: 'The key after the change.', content: jsonContent(ref('GatewayKey')) },
        ...errorResponses(400, 401, 404, 413, 422),
      },
    },
    delete: {
      operationId: 'gatewayDeleteKey',
      summary: 'Delete a key',
      tags,
      security: bearer,
      parameters: [idParameter],
      responses: { '204': { description: 'Deleted.' }, ...errorResponses(401, 404) },
    },
  },
  '/v1/apikeys/{id}/decrypt': {
    patch: {
      operationId: 'gatewayDecryptKey',
      summary: 'Reveal a key value again; needs apikey:decrypt',
      tags,
      security: bearer,
      parameters: [idParameter],
      responses: {
        '200': {
          description: 'The key value.',
          content: jsonContent({
            type: 'object',
            required: ['id', 'key'],
            properties: { id: { type: 'string' }, key: { type: 'string' } },
          }),
        },
        ...errorResponses(401, 403, 404),
      },
    },
  },
  ...demoOperations,
}

export const gatewayFragment: OpenApiFragment = {
  basePath: '/gateway',
  tag: { name: 'gateway', description: 'API gateway keys (seed 000): apk_ keys, OAuth management, X-API-KEY.' },
  paths: gatewayPaths,
  schemas: gatewaySchemas,
}
