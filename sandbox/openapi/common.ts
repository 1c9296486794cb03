// Shared pieces of the OpenAPI 3.1 document. Fragments (gateway.ts, wallet.ts, pulse.ts) export
// their paths relative to the dialect's base path; index.ts prefixes and assembles them.

export type JsonSchema = Record<string, unknown>

export interface OpenApiOperation {
  operationId: string
  summary: string
  tags?: string[]
  description?: string
  /** Names from SECURITY_SCHEMES; [] = no credentials. */
  security?: Array<Record<string, string[]>>
  parameters?: Array<Record<string, unknown>>
  requestBody?: Record<string, unknown>
  responses: Record<string, Record<string, unknown>>
}

export type OpenApiPathItem = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', OpenApiOperation>>
/** Path template (below the dialect base, e.g. `/v1/apikeys/{id}`) → operations. */
export type OpenApiPaths = Record<string, OpenApiPathItem>
export type OpenApiSchemas = Record<string, JsonSchema>

export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: {
          type: 'string',
          enum: [
            'invalid_request',
            'unauthorized',
            'forbidden',
            'not_found',
            'method_not_allowed',
            'conflict',
            'payload_too_large',
            'unprocessable',
            'internal_error',
          ],
        },
        message: { type: 'string' },
        details: {
          type: 'object',
          description: 'e.g. `field` naming the bad or immutable field, `missingScopes`, `reason`.',
        },
      },
    },
  },
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request; details.field names the bad field.',
  401: 'Missing or invalid credentials.',
  403: 'The caller lacks a permission.',
  404: 'No such resource.',
  409: 'Conflict, e.g. a duplicate name.',
  413: 'Request body too large.',
  422: 'Unprocessable, e.g. an immutable field or a reused Idempotency-Key.',
}

/** `{400: {...}, 401: {...}}` responses that all carry the error envelope. */
export function errorResponses(...statuses: number[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  )
}

export const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } })
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })

export const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Repeating a create with the same key and body returns the first answer; another body gets 422.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
}

export const pathParameter = (name: string, example: string, description?: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  example,
  ...(description ? { description } : {}),
})

export const DATE_TIME: JsonSchema = { type: 'string', format: 'date-time', examples: ['2026-05-16T10:30:00Z'] }
export const NULLABLE_DATE_TIME: JsonSchema = { type: ['string', 'null'], format: 'date-time' }

/** Credentials; fragments refer to them by these names. */
export const SECURITY_SCHEMES = {
  oidcBearer: { type: 'http', scheme: 'bearer', description: 'An access token from the sandbox OIDC provider.' },
  gatewayApiKey: { type: 'apiKey', in: 'header', name: 'X-API-KEY', description: 'A gateway key (apk_…).' },
} as const satisfies Record<string, Record<string, unknown>>

/** One dialect's part of the document. */
export interface OpenApiFragment {
  /** `/gateway`, `/wallet`, `/pulse`: prefixed to every path of `paths`. */
  basePath: string
  tag: { name: string; description: string }
  paths: OpenApiPaths
  schemas: OpenApiSchemas
  /** Extra security schemes (beyond SECURITY_SCHEMES) the fragment's operations name. */
  securitySchemes?: Record<string, Record<string, unknown>>
}
