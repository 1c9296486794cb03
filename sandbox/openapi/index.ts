import { ERROR_SCHEMA, SECURITY_SCHEMES, type OpenApiFragment, type OpenApiPathItem } from './common'
import { gatewayFragment } from './gateway'
import { pulseFragment } from './pulse'
import { walletFragment } from './wallet'

export const OPENAPI_PATH = '/openapi.json'

const FRAGMENTS: readonly OpenApiFragment[] = [gatewayFragment, walletFragment, pulseFragment]

/** The sandbox's OpenAPI 3.1 document, assembled from one fragment per dialect. */
export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, OpenApiPathItem> = {}
  for (const fragment of FRAGMENTS) {
    for (const [path, item] of Object.entries(fragment.paths)) paths[fragment.basePath + path] = item
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Keywarden sandbox',
      version: '1.0.0',
      description:
        'The three remote apikeys API dialects Keywarden manages (docs/remote-apis.md). Management calls take an OIDC access token from this server (issuer = the server URL); demo resources take API keys.',
    },
    servers: [{ url: serverUrl }],
    tags: FRAGMENTS.map((fragment) => fragment.tag),
    paths,
    components: {
      schemas: {
        Error: ERROR_SCHEMA,
        ...(Object.assign({}, ...FRAGMENTS.map((fragment) => fragment.schemas)) as Record<string, unknown>),
      },
      securitySchemes: {
        ...SECURITY_SCHEMES,
        ...(Object.assign({}, ...FRAGMENTS.map((fragment) => fragment.securitySchemes ?? {})) as Record<
          string,
          unknown
        >),
      },
    },
  }
}
