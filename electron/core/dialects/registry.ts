import type { DialectInfo } from '@shared/domain/capabilities'
import { dialects, type Dialect } from '@shared/domain/profile'
import type { DialectModule } from './dialect-module'
import { gatewayDialect } from './gateway/gateway-dialect'
import { pulseDialect } from './pulse/pulse-dialect'
import { walletDialect } from './wallet/wallet-dialect'

/** Every dialect Keywarden speaks, one line each. A new dialect is its folder and a line here. */
const registry: { readonly [D in Dialect]: DialectModule<D> } = {
  gateway: gatewayDialect,
  wallet: walletDialect,
  pulse: pulseDialect,
}

/** The module of a profile's dialect. */
export function dialectOf(dialect: Dialect): DialectModule<Dialect> {
  return registry[dialect]
}

/** All dialects, in the order the profile form lists them. */
export function allDialects(): ReadonlyArray<DialectModule<Dialect>> {
  return dialects.map((dialect) => registry[dialect])
}

/** What the profile form needs to know of each dialect (the `listDialects` call). */
export function dialectInfos(): DialectInfo[] {
  return allDialects().map((module) => ({ dialect: module.name, capabilities: module.capabilities }))
}
