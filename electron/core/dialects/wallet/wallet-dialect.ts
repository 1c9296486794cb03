import type { DialectModule } from '../dialect-module'
import { WalletAdapter } from './wallet-adapter'
import { walletCapabilities } from './wallet-capabilities'

/** The wallet dialect (docs/remote-apis.md "wallet"): accounts are wallets, keys live under one. */
export const walletDialect = {
  name: 'wallet',
  capabilities: walletCapabilities,
  createAdapter: (api, now) => new WalletAdapter(api, now),
  // docs/remote-apis.md: `wk_` + 34 random base62 + a 6-symbol CRC32 checksum of them.
  recognizer: {
    dialect: 'wallet',
    shapes: [
      {
        id: 'key',
        label: 'wallet key',
        kind: 'key',
        prefix: 'wk_',
        alphabet: '0-9A-Za-z',
        length: { min: 40, max: 40 },
        checksum: 'crc32-base62',
        masking: 'first3-last3',
      },
    ],
  },
  sandbox: { profileName: 'Local sandbox · wallet', path: 'wallet' },
} as const satisfies DialectModule<'wallet'>
