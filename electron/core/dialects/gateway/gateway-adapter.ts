import { z } from 'zod'
import type { ApiKey } from '@shared/domain/api-key'
import { gatewayGrantLimits, gatewayResources, splitScopes } from './gateway-scopes'
import { gatewayCapabilities } from './gateway-capabilities'
import type { KeyAccess, TryKeyResult } from '@shared/domain/key-lifecycle'
import type { Account } from '@shared/domain/profile'
import { AppError } from '../../errors'
import type { ApiClient } from '../../http/api-client'
import { assertChangesAllowed, assertDraftComplete } from '../change-rules'
import type { CallContext, CreatedKey, DialectAdapter, KeyChanges, KeyDraft } from '../dialect-adapter'
import { collectPages, type KeyPage, type PageRef } from '../paging'
import { inModelTerms } from '../wire-errors'
import { gatewayCreateBody, gatewayFieldNames, gatewayKeyToModel, gatewayUpdateBody } from './gateway-mapping'
import {
  gatewayCreatedKeySchema,
  gatewayKeyPageSchema,
  gatewayKeySchema,
  gatewayMeSchema,
  gatewayRevealedKeySchema,
  type GatewayKeyPage,
} from './gateway-wire'

/** Management permissions of the signed-in user, from `GET /v1/me`. */
const GATEWAY_MANAGE_PERMISSION = 'apikey:write'
const GATEWAY_DECRYPT_PERMISSION = 'apikey:decrypt'

/** The largest page the gateway serves; fewer round trips for big lists. */
const PAGE_SIZE = 200

const keyPath = (id: string) => `v1/apikeys/${encodeURIComponent(id)}`

/** The gateway dialect (docs/remote-apis.md "gateway"): OAuth bearer, `/v1/apikeys`, HAL pages, no accounts. */
export class GatewayAdapter implements DialectAdapter {
  readonly capabilities = gatewayCapabilities
  readonly resources = gatewayResources

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The gateway has no accounts: nothing to ask the server. */
  async listAccounts(_signal: AbortSignal): Promise<Account[]> {
    return []
  }

  listKeys(context: CallContext): Promise<ApiKey[]> {
    return collectPages((ref) => this.readKeyPage(context, ref))
  }

  /** Numbered pages (`page`, `size`) with a known count, read in parallel; else the HAL `next` links. */
  async readKeyPage({ signal }: CallContext, ref: PageRef): Promise<KeyPage> {
    // HAL links are relative to the gateway ("/v1/apikeys?page=1"); ApiClient resolves them so.
    const path = 'cursor' in ref ? ref.cursor : `v1/apikeys?page=${ref.index}&size=${PAGE_SIZE}`
    const body: GatewayKeyPage = await this.api.request({
      method: 'GET',
      path,
      schema: gatewayKeyPageSchema,
      call: 'list keys',
      signal,
    })
    const now = this.now()
    const href = body._links?.next?.href
    return {
      keys: body._embedded.apikeys.map((key) => gatewayKeyToModel(key, now)),
      total: body.page?.totalElements ?? null,
      pageCount: 'index' in ref ? (body.page?.totalPages ?? null) : null,
      next: href === undefined ? null : { cursor: href },
    }
  }

  async createKey({ signal }: CallContext, draft: KeyDraft, idempotencyKey: string): Promise<CreatedKey> {
    assertDraftComplete(this.capabilities, draft)
    const created = await inModelTerms(gatewayFieldNames, () =>
      this.api.request({
        method: 'POST',
        path: 'v1/apikeys',
        body: gatewayCreateBody(draft),
        schema: gatewayCreatedKeySchema,
        call: 'create a key',
        idempotencyKey,
        signal,
      }),
    )
    const { key: value, ...key } = created
    return { key: gatewayKeyToModel(key, this.now()), value, secret: null }
  }

  async updateKey({ signal }: CallContext, id: string, changes: KeyChanges): Promise<ApiKey> {
    assertChangesAllowed(this.capabilities, changes)
    const key = await inModelTerms(gatewayFieldNames, () =>
      this.api.request({
        method: 'PATCH',
        path: keyPath(id),
        body: gatewayUpdateBody(changes),
        schema: gatewayKeySchema,
        call: 'update the key',
        signal,
      }),
    )
    return gatewayKeyToModel(key, this.now())
  }

  async deleteKey({ signal }: CallContext, id: string): Promise<void> {
    await this.api.request({ method: 'DELETE', path: keyPath(id), schema: z.unknown(), call: 'delete the key', signal })
  }

  async revealKey({ signal }: CallContext, id: string): Promise<string> {
    const revealed = await this.api.request({
      method: 'PATCH',
      path: `${keyPath(id)}/decrypt`,
      schema: gatewayRevealedKeySchema,
      call: 'reveal the key',
      signal,
    })
    return revealed.key
  }

  async getKey({ signal }: CallContext, id: string): Promise<ApiKey> {
    const key = await this.api.request({
      method: 'GET',
      path: keyPath(id),
      schema: gatewayKeySchema,
      call: 'read the key',
      signal,
    })
    return gatewayKeyToModel(key, this.now())
  }

  /** Gateway (docs/remote-apis.md "gateway"): you can only grant scopes you hold yourself; `GET /v1/me` says which those are. */
  async access({ signal }: CallContext): Promise<KeyAccess> {
    let me: z.infer<typeof gatewayMeSchema>
    try {
      me = await this.api.request({
        method: 'GET',
        path: 'v1/me',
        schema: gatewayMeSchema,
        call: 'read your scopes',
        signal,
      })
    } catch (error) {
      // Without /v1/me the UI cannot know what is grantable; say so rather than offer every scope.
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw new AppError(
          'BAD_RESPONSE',
          `${error.message} (this gateway has no GET /v1/me, so Keywarden cannot tell which scopes you may grant).`,
          undefined,
          { cause: error },
        )
      }
      throw error
    }
    const grantLimits = gatewayGrantLimits(splitScopes(me.scopes), this.resources)
    const canManage = me.permissions.includes(GATEWAY_MANAGE_PERMISSION)
    return {
      resources: [...this.resources],
      grantLimits,
      canCreate: canManage && Object.values(grantLimits).some((l) => l.max !== 'none'),
      canEdit: canManage,
      canDelete: canManage,
      canRevealFromServer: me.permissions.includes(GATEWAY_DECRYPT_PERMISSION),
      ...(canManage ? {} : { reason: `You do not hold ${GATEWAY_MANAGE_PERMISSION}, so you can only look at keys.` }),
    }
  }

  /** X-API-KEY on the demo resource of the key's first audience (`GET /v1/sales`, …). */
  async tryKey({ signal }: CallContext, key: ApiKey, credential: { value: string }): Promise<TryKeyResult> {
    const audience = Object.keys(key.permissions)[0]
    if (!audience) throw new AppError('VALIDATION', `“${key.name}” has no scope to try.`)
    return this.api.probe(
      `v1/${encodeURIComponent(audience)}s`,
      { 'x-api-key': credential.value },
      [credential.value],
      signal,
    )
  }
}
