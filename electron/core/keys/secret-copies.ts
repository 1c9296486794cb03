import { z } from 'zod'
import { profileAccountPrefix, type KeychainVault } from '../vault/keychain-vault'

const copySchema = z.object({ value: z.string().min(1), secret: z.string().min(1).nullable() })
export type SecretCopy = z.infer<typeof copySchema>

const prefixOf = (profileId: string) => `${profileAccountPrefix(profileId)}key:`
const accountOf = (profileId: string, keyId: string) => `${prefixOf(profileId)}${keyId}`

/** The user's optional copies of created keys, in the keychain only, filed under their profile. */
export class SecretCopies {
  constructor(private readonly vault: KeychainVault) {}

  async keep(profileId: string, keyId: string, copy: SecretCopy): Promise<void> {
    await this.vault.write(accountOf(profileId, keyId), JSON.stringify(copySchema.parse(copy)))
  }

  async read(profileId: string, keyId: string): Promise<SecretCopy | undefined> {
    const stored = await this.vault.read(accountOf(profileId, keyId))
    if (!stored) return undefined
    try {
      const parsed = copySchema.safeParse(JSON.parse(stored))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }

  /** Ids of the keys of a profile that have a copy, in one keychain listing. */
  async keyIds(profileId: string): Promise<string[]> {
    const prefix = prefixOf(profileId)
    return (await this.vault.accounts(prefix)).map((account) => account.slice(prefix.length))
  }

  async forget(profileId: string, keyId: string): Promise<void> {
    await this.vault.remove(accountOf(profileId, keyId))
  }
}
