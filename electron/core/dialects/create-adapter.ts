import type { Dialect } from '../../../shared/domain/profile'
import type { ApiClient } from '../http/api-client'
import type { DialectAdapter } from './dialect-adapter'
import { GatewayAdapter } from './gateway/gateway-adapter'
import { PulseAdapter } from './pulse/pulse-adapter'
import { WalletAdapter } from './wallet/wallet-adapter'

/** The adapter for a profile's dialect, talking through that profile's ApiClient. */
export function createAdapter(dialect: Dialect, api: ApiClient, now: () => Date = () => new Date()): DialectAdapter {
  switch (dialect) {
    case 'gateway':
      return new GatewayAdapter(api, now)
    case 'wallet':
      return new WalletAdapter(api, now)
    case 'pulse':
      return new PulseAdapter(api, now)
  }
}
