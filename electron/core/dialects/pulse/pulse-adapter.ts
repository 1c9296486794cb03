import { z } from 'zod'
import type { ApiKey } from '@shared/domain/api-key'
import type { KeyAccess, TryKeyResult } from '@shared/domain/key-lifecycle'
import { pulseGrantLimits, pulseResources } from './pulse-permissions'
import { pulseCapabilities } from './pulse-capabilities'
import { AppError } from '../../errors'
import type { ApiClient } from '../../http/api-client'
import { assertChangesAllowed, assertDraftComplete } from '../change-rules'
import type { CallContext, CreatedKey, DialectAdapter, KeyChanges, KeyDraft, ListedAccount } from '../dialect-adapter'
import { collectPages, numberedOnly, type KeyPage, type PageRef } from '../paging'
import { unsupported } from '../unsupported'
import { pulseCreateBody, pulseKeyToModel, pulseUpdateBody } from './pulse-mapping'
import { pulseAccountsSchema, pulseCreatedKeySchema, pulseKeyPageSchema, pulseKeySchema } from './pulse-wire'

const PAGE_LIMIT = 100

/** Pulse (docs/remote-apis.md "pulse"): the account goes in `x-account-id`; without one the server uses the caller's primary account. */
const accountHeader = ({ accountId }: CallContext): Record<string, string> =>
  accountId === null ? {} : { 'x-account-id': accountId }

const keyPath = (id: string) => `apikeys/${encodeURIComponent(id)}`

/** The pulse dialect (docs/remote-apis.md "pulse"): accounts by header, key id + secret pairs, limit/offset pages. */
export class PulseAdapter implements DialectAdapter {
  readonly capabilities = pulseCapabilities
  readonly resources = pulseResources

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  listAccounts(signal: AbortSignal): Promise<ListedAccount[]> {
    return this.listed(signal, 'list accounts')
  }

  private async listed(signal: AbortSignal, call: string): Promise<ListedAccount[]> {
    const { accounts } = await this.api.request({
      method: 'GET',
      path: 'accounts',
      schema: pulseAccountsSchema,
      call,
      signal,
    })
    return accounts.map(({ id, name, primary, permissions }) => ({ id, name, primary, held: permissions }))
  }

  listKeys(context: CallContext): Promise<ApiKey[]> {
    return collectPages((ref) => this.readKeyPage(context, ref))
  }

  /** limit/offset pages with a total: page n is offset n × limit, so every page can be read at once. */
  async readKeyPage(context: CallContext, ref: PageRef): Promise<KeyPage> {
    const index = numberedOnly(ref, 'pulse')
    const offset = index * PAGE_LIMIT
    const body = await this.api.request({
      method: 'GET',
      path: `apikeys?limit=${PAGE_LIMIT}&offset=${offset}`,
      schema: pulseKeyPageSchema,
      call: 'list keys',
      headers: accountHeader(context),
      signal: context.signal,
    })
    const now = this.now()
    // An empty page ends the list too, so a `total` that overstates cannot spin forever.
    const more = body.apiKeys.length > 0 && offset + body.apiKeys.length < body.total
    return {
      keys: body.apiKeys.map((key) => pulseKeyToModel(key, now)),
      total: body.total,
      pageCount: Math.ceil(body.total / PAGE_LIMIT),
      next: more ? { index: index + 1 } : null,
    }
  }

  async createKey(context: CallContext, draft: KeyDraft, idempotencyKey: string): Promise<CreatedKey> {
    assertDraftComplete(this.capabilities, draft)
    const created = await this.api.request({
      method: 'POST',
      path: 'apikeys',
      body: pulseCreateBody(draft),
      schema: pulseCreatedKeySchema,
      call: 'create a key',
      headers: accountHeader(context),
      idempotencyKey,
      signal: context.signal,
    })
    const { apiSecret, ...key } = created
    // The usable credential is the pair: the public apiKey id and the secret shown only now.
    return { key: pulseKeyToModel(key, this.now()), value: key.apiKey, secret: apiSecret }
  }

  async updateKey(context: CallContext, id: string, changes: KeyChanges): Promise<ApiKey> {
    assertChangesAllowed(this.capabilities, changes)
    const key = await this.api.request({
      method: 'PATCH',
      path: keyPath(id),
      body: pulseUpdateBody(changes),
      schema: pulseKeySchema,
      call: 'update the key',
      headers: accountHeader(context),
      signal: context.signal,
    })
    return pulseKeyToModel(key, this.now())
  }

  async deleteKey(context: CallContext, id: string): Promise<void> {
    await this.api.request({
      method: 'DELETE',
      path: keyPath(id),
      schema: z.unknown(),
      call: 'delete the key',
      headers: accountHeader(context),
      signal: context.signal,
    })
  }

  async revealKey(_context: CallContext, _id: string): Promise<string> {
    throw unsupported('Showing a key again', 'pulse')
  }

  /** A caller grants only the permissions it holds on the account; `GET /accounts` lists them. */
  async getKey(context: CallContext, id: string): Promise<ApiKey> {
    const key = await this.api.request({
      method: 'GET',
      path: keyPath(id),
      schema: pulseKeySchema,
      call: 'read the key',
      headers: accountHeader(context),
      signal: context.signal,
    })
    return pulseKeyToModel(key, this.now())
  }

  /** Pulse (docs/remote-apis.md "pulse"): writeApiKeys to create and change keys; you grant only permissions you hold on the account. */
  async access(context: CallContext): Promise<KeyAccess> {
    // The account as listed when the account scope was resolved; listed again only without it.
    const listed =
      context.listed !== undefined && context.listed.id === context.accountId
        ? [context.listed]
        : await this.listed(context.signal, 'read your permissions')
    const account =
      context.accountId === null ? listed.find((a) => a.primary) : listed.find((a) => a.id === context.accountId)
    if (!account)
      throw new AppError(
        'FORBIDDEN',
        context.accountId === null
          ? 'You have no primary pulse account.'
          : `You may not use the account ${context.accountId}.`,
      )
    if (account.held === undefined) {
      throw new AppError(
        'BAD_RESPONSE',
        `The pulse server does not say which permissions you hold on "${account.name}" (no "permissions" in GET /accounts), so Keywarden cannot tell what you may grant.`,
      )
    }
    const canWrite = account.held.includes('writeApiKeys')
    return {
      resources: [...this.resources],
      grantLimits: pulseGrantLimits(account.held, this.resources),
      canCreate: canWrite,
      canEdit: canWrite,
      canDelete: canWrite,
      canRevealFromServer: false,
      ...(canWrite
        ? {}
        : { reason: `You do not hold writeApiKeys on “${account.name}”, so you can only look at its keys.` }),
    }
  }

  /** Direct x-api-key + x-api-secret on the demo resource of the key's first permission (`GET /merchants`, …). */
  async tryKey(
    context: CallContext,
    key: ApiKey,
    credential: { value: string; secret: string | null },
  ): Promise<TryKeyResult> {
    const resource = Object.keys(key.permissions)[0]
    if (!resource) throw new AppError('VALIDATION', `“${key.name}” has no permission to try.`)
    if (!credential.secret)
      throw new AppError('VALIDATION', `Trying “${key.name}” needs its secret as well as its key.`)
    return this.api.probe(
      resource.toLowerCase(),
      { 'x-api-key': credential.value, 'x-api-secret': credential.secret },
      [credential.secret],
      context.signal,
    )
  }
}
