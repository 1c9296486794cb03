import type { SessionState } from '@shared/domain/session'
import type { Session } from '../auth/session'
import type { CallContext, DialectAdapter, ListedAccount } from '../dialects/dialect-adapter'
import type { Profile } from '../settings/profiles'
import type { AccountScope } from './account-scope'

/** One profile at run time: its session, its adapter, its account scope, and a way to cancel its requests. */
export class Connection {
  private controller = new AbortController()
  /** Set when its server could not be reached; cleared by the next success. */
  offlineError: string | undefined

  constructor(
    readonly profile: Profile,
    readonly session: Session,
    readonly adapter: DialectAdapter,
    readonly accounts: AccountScope,
  ) {}

  /** A call about `account` (null where the dialect has none), cancelled when the user switches away. */
  context(account: ListedAccount | string | null): CallContext {
    if (account === null || typeof account === 'string') return { accountId: account, signal: this.controller.signal }
    return { accountId: account.id, listed: account, signal: this.controller.signal }
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Cancels every request of this profile in flight (the user switched away). */
  cancelRequests(): void {
    this.controller.abort()
    this.controller = new AbortController()
  }

  /** Offline wins: a signed-in profile whose server stopped answering is shown as offline too. */
  status(): SessionState['status'] | 'offline' {
    return this.offlineError ? 'offline' : this.session.current().status
  }
}
