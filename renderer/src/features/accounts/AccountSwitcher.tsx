import { useEffect, useId } from 'react'
import { useAccountsStore } from '../../stores/accounts-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'

/**
 * Chooses the wallet or account whose keys the table shows. Named by the dialect ("Wallet",
 * "Account"); the primary one is marked in its option's text.
 */
export function AccountSwitcher({ label }: { label: string }) {
  const list = useAccountsStore((s) => s.list)
  const pending = useAccountsStore((s) => s.pending)
  const error = useAccountsStore((s) => s.error)
  const loadAccounts = useAccountsStore((s) => s.loadAccounts)
  const selectAccount = useAccountsStore((s) => s.selectAccount)
  const id = useId()

  useEffect(() => {
    void loadAccounts()
  }, [loadAccounts])

  const accounts = list?.accounts ?? []
  const selected = list?.selectedAccountId ?? ''

  return (
    <div className="account-switcher">
      <label className="account-switcher__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="select"
        value={list ? selected : ''}
        disabled={list === null || pending !== null}
        aria-busy={pending !== null}
        onChange={(event) => void selectAccount(event.target.value)}
      >
        {list === null ? <option value="">{pending === 'loading' ? 'Loading…' : '—'}</option> : null}
        {list !== null && selected === '' ? (
          <option value="" disabled>
            Choose…
          </option>
        ) : null}
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.primary ? `${account.name} (primary)` : account.name}
          </option>
        ))}
      </select>
      {error ? (
        <Alert
          action={
            <Button onClick={() => void loadAccounts()} disabled={pending !== null}>
              Try again
            </Button>
          }
        >
          {error.message}
        </Alert>
      ) : null}
    </div>
  )
}
