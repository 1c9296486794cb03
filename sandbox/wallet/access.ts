import { HttpError } from '../http'
import { ROLE_PERMISSIONS, type WalletApiAccess } from '../roles'
import type { DemoUser } from '../users'
import { findWallet, type Wallet } from './wallets'

/** The user's API Access, the same on every wallet they belong to (it comes with their role). */
export const apiAccessOf = (user: DemoUser): WalletApiAccess => ROLE_PERMISSIONS[user.role].wallet.apiAccess

/** The wallets a user belongs to, in the order of their memberships. */
export function walletsOf(user: DemoUser): Wallet[] {
  return user.walletIds.flatMap((id) => findWallet(id) ?? [])
}

/**
 * The wallet, when the user belongs to it and holds the API Access needed. An unknown wallet is a
 * 404; a wallet the user does not belong to is a 403 (not a 404): the sandbox's wallets are fixed
 * and public in its docs, so hiding them would only make a client's mistake harder to see.
 */
export function requireWalletAccess(user: DemoUser, walletId: string, needed: WalletApiAccess): Wallet {
  const wallet = findWallet(walletId)
  if (!wallet) throw new HttpError(404, 'not_found', 'No wallet with this id.', { walletId })
  if (!user.walletIds.includes(walletId)) {
    throw new HttpError(403, 'forbidden', 'You are not a member of this wallet.', { walletId })
  }
  if (needed === 'change' && apiAccessOf(user) !== 'change') {
    throw new HttpError(
      403,
      'forbidden',
      'Adding, editing or deleting API keys needs the API Access (Change) permission.',
      {
        walletId,
        requiredPermission: 'API Access (Change)',
      },
    )
  }
  return wallet
}
