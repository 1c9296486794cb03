import { z } from 'zod'
import type { ApiKey } from '@shared/domain/api-key'
import type { KeyAccess, TryKeyResult } from '@shared/domain/key-lifecycle'
import { walletGrantLimits, walletResources } from './wallet-roles'
import { walletCapabilities } from './wallet-capabilities'
import { AppError } from '../../errors'
import type { ApiClient } from '../../http/api-client'
import { assertChangesAllowed, assertDraftComplete } from '../change-rules'
import type { CallContext, CreatedKey, DialectAdapter, KeyChanges, KeyDraft, ListedAccount } from '../dialect-adapter'
import { collectPages, type KeyPage, type PageRef } from '../paging'
import { unsupported } from '../unsupported'
import { inModelTerms } from '../wire-errors'
import { walletCreateBody, walletFieldNames, walletKeyToModel, walletUpdateBody } from './wallet-mapping'
import { walletCreatedKeySchema, walletKeyPageSchema, walletKeySchema, walletListSchema } from './wallet-wire'

const PAGE_LIMIT = 100

/** The wallet is in every key path, so a call without one cannot be made. */
function walletOf(context: CallContext): string {
  if (context.accountId === null) throw new AppError('VALIDATION', 'Choose a wallet first.')
  return context.accountId
}

const keysPath = (context: CallContext) => `v1/wallets/${encodeURIComponent(walletOf(context))}/apikeys`
const keyPath = (context: CallContext, id: string) => `${keysPath(context)}/${encodeURIComponent(id)}`

/** The wallet dialect (docs/remote-apis.md "wallet"; the API is ours): accounts are wallets, keys live under one. */
export class WalletAdapter implements DialectAdapter {
  readonly capabilities = walletCapabilities
  readonly resources = walletResources

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  listAccounts(signal: AbortSignal): Promise<ListedAccount[]> {
    return this.listed(signal, 'list wallets')
  }

  private async listed(signal: AbortSignal, call: string): Promise<ListedAccount[]> {
    const { wallets } = await this.api.request({
      method: 'GET',
      path: 'v1/wallets',
      schema: walletListSchema,
      call,
      signal,
    })
    // Wallets have no primary one; the caller picks (or remembers) which to show.
    return wallets.map(({ id, name, access }) => ({
      id,
      name,
      primary: false,
      held: access === undefined ? undefined : [access],
    }))
  }

  listKeys(context: CallContext): Promise<ApiKey[]> {
    return collectPages((ref) => this.readKeyPage(context, ref))
  }

  /** Cursor pages: each page names the next, so they are read one after another. */
  async readKeyPage(context: CallContext, ref: PageRef): Promise<KeyPage> {
    const cursor = 'cursor' in ref ? ref.cursor : null
    const query = `limit=${PAGE_LIMIT}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`
    const body = await this.api.request({
      method: 'GET',
      path: `${keysPath(context)}?${query}`,
      schema: walletKeyPageSchema,
      call: 'list keys',
      signal: context.signal,
    })
    const now = this.now()
    return {
      keys: body.apiKeys.map((key) => walletKeyToModel(key, now)),
      total: null,
      pageCount: null,
      next: body.nextCursor === null ? null : { cursor: body.nextCursor },
    }
  }

  async createKey(context: CallContext, draft: KeyDraft, idempotencyKey: string): Promise<CreatedKey> {
    assertDraftComplete(this.capabilities, draft)
    const created = await inModelTerms(walletFieldNames, () =>
      this.api.request({
        method: 'POST',
        path: keysPath(context),
        body: walletCreateBody(draft),
        schema: walletCreatedKeySchema,
        call: 'create a key',
        idempotencyKey,
        signal: context.signal,
      }),
    )
    return { key: walletKeyToModel(created.apiKey, this.now()), value: created.value, secret: null }
  }

  async updateKey(context: CallContext, id: string, changes: KeyChanges): Promise<ApiKey> {
    assertChangesAllowed(this.capabilities, changes)
    const key = await inModelTerms(walletFieldNames, () =>
      this.api.request({
        method: 'PATCH',
        path: keyPath(context, id),
        body: walletUpdateBody(changes),
        schema: walletKeySchema,
        call: 'update the key',
        signal: context.signal,
      }),
    )
    return walletKeyToModel(key, this.now())
  }

  async deleteKey(context: CallContext, id: string): Promise<void> {
    await this.api.request({
      method: 'DELETE',
      path: keyPath(context, id),
      schema: z.unknown(),
      call: 'delete the key',
      signal: context.signal,
    })
  }

  async revealKey(_context: CallContext, _id: string): Promise<string> {
    throw unsupported('Showing a key again', 'wallet')
  }

  /** API Access (Change) on the wallet may grant any role; Read may grant none. */
  async getKey(context: CallContext, id: string): Promise<ApiKey> {
    const key = await this.api.request({
      method: 'GET',
      path: keyPath(context, id),
      schema: walletKeySchema,
      call: 'read the key',
      signal: context.signal,
    })
    return walletKeyToModel(key, this.now())
  }

  /** Wallet (docs/remote-apis.md "wallet"): API Access (Read) lets you look, API Access (Change) lets you add, edit and delete. */
  async access(context: CallContext): Promise<KeyAccess> {
    const walletId = walletOf(context)
    // The wallet as listed when the account scope was resolved; listed again only without it.
    const wallet =
      context.listed?.id === walletId
        ? context.listed
        : (await this.listed(context.signal, 'read your wallet access')).find((w) => w.id === walletId)
    if (!wallet) throw new AppError('FORBIDDEN', `You are not a member of the wallet ${walletId}.`)
    if (wallet.held === undefined) {
      throw new AppError(
        'BAD_RESPONSE',
        `The wallet server does not say which API Access you hold on "${wallet.name}" (no "access" in GET /v1/wallets), so Keywarden cannot tell what you may grant.`,
      )
    }
    const canChange = wallet.held.includes('change')
    return {
      resources: [...this.resources],
      grantLimits: walletGrantLimits(canChange, this.resources),
      canCreate: canChange,
      canEdit: canChange,
      canDelete: canChange,
      canRevealFromServer: false,
      ...(canChange ? {} : { reason: 'You need the API Access (Change) permission to add, edit or delete API keys.' }),
    }
  }

  /** x-api-key on the demo resource of the key's first role (`GET /v1/demo/payments`, …). */
  async tryKey(context: CallContext, key: ApiKey, credential: { value: string }): Promise<TryKeyResult> {
    const resource = Object.keys(key.permissions)[0]
    if (!resource) throw new AppError('VALIDATION', `“${key.name}” has no role to try.`)
    return this.api.probe(
      `v1/demo/${encodeURIComponent(resource)}`,
      { 'x-api-key': credential.value },
      [credential.value],
      context.signal,
    )
  }
}
