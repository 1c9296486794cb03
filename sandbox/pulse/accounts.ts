/** The sandbox's pulse accounts. Fixed, so seeds, memberships and tests can name them. */
export interface PulseAccount {
  id: string
  name: string
}

export const PULSE_ACCOUNTS: readonly PulseAccount[] = [
  { id: 'acc_northwind', name: 'Northwind Retail' },
  { id: 'acc_contoso', name: 'Contoso Travel' },
  { id: 'acc_fabrikam', name: 'Fabrikam Games' },
]

export function findPulseAccount(id: string): PulseAccount | undefined {
  return PULSE_ACCOUNTS.find((account) => account.id === id)
}
