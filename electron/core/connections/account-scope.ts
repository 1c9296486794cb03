import type { ListedAccount } from '../dialects/dialect-adapter'

/** The accounts a connection's user may use, as last listed, and the one its key calls are about. */
export interface ResolvedScope {
  accounts: readonly ListedAccount[]
  selected: ListedAccount | null
}

export interface AccountScopeSource {
  /** Lists the accounts at the server (one account-list request). */
  list(): Promise<ListedAccount[]>
  /** Which of them the key calls are about when the user has not just picked one. */
  choose(accounts: readonly ListedAccount[]): ListedAccount | null
}

/**
 * The account scope of one connection: listed once, on the first call that needs it, and
 * remembered until the user picks another account or it is forgotten (the session signed out or in
 * again). A connection replaced by a profile edit starts with a scope of its own.
 */
export class AccountScope {
  private remembered: Promise<ResolvedScope> | undefined
  /** Moves on every pick or forget, so a listing that was under way then is not remembered. */
  private generation = 0

  constructor(private readonly source: AccountScopeSource) {}

  /** The remembered scope; the first call (and the first after a forget) lists the accounts. */
  current(): Promise<ResolvedScope> {
    if (this.remembered) return this.remembered
    // Calls that arrive while the listing is under way share it: one request, not one per call.
    const pending = this.source.list().then((accounts) => this.resolve(accounts))
    this.remembered = pending
    pending.catch(() => {
      // A failed listing is not remembered: the next call tries again.
      if (this.remembered === pending) this.remembered = undefined
    })
    return pending
  }

  /** Lists the accounts afresh (the user asked for the list) and remembers what it found. */
  async refresh(): Promise<ResolvedScope> {
    const generation = this.generation
    const scope = this.resolve(await this.source.list())
    if (generation === this.generation) this.remembered = Promise.resolve(scope)
    return scope
  }

  /** The user picked an account: key calls are about it from now on, without listing again. */
  async pick(accountId: string): Promise<ResolvedScope | undefined> {
    let scope = await this.current()
    // Not in the remembered list: it may be new at the server, so look once more before refusing.
    if (!scope.accounts.some((a) => a.id === accountId)) scope = await this.refresh()
    const selected = scope.accounts.find((a) => a.id === accountId)
    if (!selected) return undefined
    const picked: ResolvedScope = { accounts: scope.accounts, selected }
    this.generation++
    this.remembered = Promise.resolve(picked)
    return picked
  }

  forget(): void {
    this.generation++
    this.remembered = undefined
  }

  private resolve(accounts: readonly ListedAccount[]): ResolvedScope {
    return { accounts, selected: this.source.choose(accounts) }
  }
}

/** The stored pick, else the profile's default, else the primary account, else the first; each only if still listed. */
export function chooseAccount(
  accounts: readonly ListedAccount[],
  stored: string | null | undefined,
  profileDefault: string | null | undefined,
): ListedAccount | null {
  const listed = (id: string | null | undefined) => (id ? accounts.find((a) => a.id === id) : undefined)
  return listed(stored) ?? listed(profileDefault) ?? accounts.find((a) => a.primary) ?? accounts[0] ?? null
}
