import { effectiveStatus, type ApiKey } from '../../../../shared/domain/api-key'
import { AppError } from '../../errors'
import type { ApiClient } from '../../http/api-client'
import type { DialectAdapter } from '../dialect-adapter'
import { gatewayKeyPageSchema, type GatewayKey } from './gateway-wire'

const PAGE_SIZE = 200
/** A guard against a server whose `next` links never end. */
const MAX_PAGES = 1_000

export function gatewayKeyToModel(key: GatewayKey, now: Date): ApiKey {
  const expiresAt = key.expiresAt ?? null
  return {
    id: key.id,
    name: key.name,
    maskedKey: key.maskedApiKey,
    status: effectiveStatus(key.status === 'Active' ? 'active' : 'disabled', expiresAt, now),
    permissions: key.scopes.split(/\s+/).filter((s) => s.length > 0),
    expiresAt,
    notes: null,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt ?? null,
  }
}

/** The gateway dialect (seed 000): OAuth bearer, `/v1/apikeys`, HAL pages. */
export class GatewayAdapter implements DialectAdapter {
  constructor(
    private readonly api: ApiClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async listKeys(): Promise<ApiKey[]> {
    const keys: ApiKey[] = []
    let path: string | undefined = `v1/apikeys?page=0&size=${PAGE_SIZE}`
    for (let page = 0; path !== undefined; page++) {
      if (page >= MAX_PAGES) throw new AppError('BAD_RESPONSE', `The gateway returned more than ${MAX_PAGES} pages of keys.`)
      const body = await this.api.request({ method: 'GET', path, schema: gatewayKeyPageSchema, call: 'list keys' })
      const now = this.now()
      keys.push(...body._embedded.apikeys.map((key) => gatewayKeyToModel(key, now)))
      path = this.nextPath(body._links?.next?.href)
    }
    return keys
  }

  /** HAL `next` links are relative to the gateway (seed 000: "/v1/apikeys/..."). */
  private nextPath(href: string | undefined): string | undefined {
    if (href === undefined) return undefined
    return href.startsWith('/') ? href.slice(1) : href
  }
}
