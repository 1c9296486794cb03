import type { DialectModule } from '../dialect-module'
import { WalletAdapter } from './wallet-adapter'
import { walletCapabilities } from './wallet-capabilities'

/** The wallet dialect (docs/remote-apis.md "wallet"): accounts are wallets, keys live under one. */
export const walletDialect = {
  name: 'wallet',
  capabilities: walletCapabilities,
  createAdapter: (api, now) => new WalletAdapter(api, now),
  sandbox: { profileName: 'Local sandbox · wallet', path: 'wallet' },
} as const satisfies DialectModule<'wallet'>
