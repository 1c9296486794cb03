import type { Dialect } from '@shared/domain/profile'
import type { ApiClient } from '../http/api-client'
import type { DialectAdapter } from './dialect-adapter'
import { dialectOf } from './registry'

/** The adapter for a profile's dialect, talking through that profile's ApiClient. */
export function createAdapter(dialect: Dialect, api: ApiClient, now: () => Date = () => new Date()): DialectAdapter {
  return dialectOf(dialect).createAdapter(api, now)
}
