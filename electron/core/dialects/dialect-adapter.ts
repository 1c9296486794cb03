import type { ApiKey } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import type {
  CreatedKeyView,
  KeyAccess,
  KeyChangesData,
  KeyDraftData,
  TryKeyResult,
} from '@shared/domain/key-lifecycle'
import type { GridResource } from '@shared/domain/permissions/grid'
import type { Account } from '@shared/domain/profile'
import type { KeyPage, PageRef } from './paging'

/** Which account a call is about, and how to cancel it when the user switches away. */
export interface CallContext {
  /** The wallet or pulse account; null for dialects without accounts. */
  accountId: string | null
  signal: AbortSignal
  /** The account as its dialect listed it when the scope was resolved; access() answers from it without listing again. */
  listed?: ListedAccount | undefined
}

/** An account as its dialect lists it, with what the caller holds there where the listing says it. */
export interface ListedAccount extends Account {
  /** The dialect's own words for what the caller holds here (wallet: its API Access; pulse: its permissions). */
  held?: readonly string[] | undefined
}

/** A checked create request (the contract's schema); fields a dialect lacks are ignored by its adapter. */
export type KeyDraft = KeyDraftData

/** A checked change request (the contract's schema): only the fields present change. */
export type KeyChanges = KeyChangesData

/** The only moment a key's value (and pulse's secret) exists outside the remote API. */
export type CreatedKey = CreatedKeyView

/**
 * One remote API style, mapped onto the shared key model. Adapters translate wire formats both
 * ways and API errors into AppErrors (keeping the server's message); they hold no token.
 */
export interface DialectAdapter {
  readonly capabilities: DialectCapabilities
  /** The grid's rows this dialect knows of. */
  readonly resources: readonly GridResource[]
  /** [] where the dialect has no accounts. */
  listAccounts(signal: AbortSignal): Promise<ListedAccount[]>
  listKeys(context: CallContext): Promise<ApiKey[]>
  /** One page of the key list; `FIRST_PAGE` first, then as the page's `pageCount` or `next` allow. */
  readKeyPage(context: CallContext, ref: PageRef): Promise<KeyPage>
  getKey(context: CallContext, id: string): Promise<ApiKey>
  /** `idempotencyKey` goes in the `Idempotency-Key` header: a retry returns the same key. */
  createKey(context: CallContext, draft: KeyDraft, idempotencyKey: string): Promise<CreatedKey>
  updateKey(context: CallContext, id: string, changes: KeyChanges): Promise<ApiKey>
  deleteKey(context: CallContext, id: string): Promise<void>
  /** Only where capabilities.canReveal. */
  revealKey(context: CallContext, id: string): Promise<string>
  /** What the signed-in user may grant and do with keys in this account. */
  access(context: CallContext): Promise<KeyAccess>
  /** One request to a demo resource of the API, authenticated with the key itself. */
  tryKey(context: CallContext, key: ApiKey, credential: { value: string; secret: string | null }): Promise<TryKeyResult>
}
