/** The sandbox's wallets. Fixed, so seeds, memberships and tests can name them. */
export interface Wallet {
  id: string
  name: string
}

export const WALLETS: readonly Wallet[] = [
  { id: 'wal_main', name: 'Main operating wallet' },
  { id: 'wal_payroll', name: 'Payroll' },
  { id: 'wal_marketplace', name: 'Marketplace escrow' },
]

export function findWallet(id: string): Wallet | undefined {
  return WALLETS.find((wallet) => wallet.id === id)
}
