import type { ApiKey } from '../../../shared/domain/api-key'

/** One remote API style, mapped onto the shared key model. */
export interface DialectAdapter {
  listKeys(): Promise<ApiKey[]>
}
