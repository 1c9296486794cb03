import type { KeyList } from '../../../shared/domain/api-key'
import type { DialectAdapter } from '../dialects/dialect-adapter'

/** Key operations of the active profile, whatever its dialect. */
export class KeysService {
  constructor(
    private readonly profileId: string,
    private readonly adapter: DialectAdapter,
  ) {}

  async listKeys(): Promise<KeyList> {
    const keys = await this.adapter.listKeys()
    return { profileId: this.profileId, keys, fetchedAt: new Date().toISOString() }
  }
}
