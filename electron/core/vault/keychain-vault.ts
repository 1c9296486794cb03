import { AppError, describeError } from '../errors'

/** The subset of keytar the vault uses; keytar itself satisfies it. */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

export function keychainNameFor(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS Keychain'
  if (platform === 'win32') return 'the Windows Credential Manager'
  return 'the Secret Service keyring (GNOME Keyring or KWallet)'
}

/**
 * Secrets at rest live here and nowhere else. Every failure names the keychain, so a user with a
 * locked or missing keyring knows what to fix; the secret itself never appears in an error.
 */
export class KeychainVault {
  constructor(
    private readonly backend: KeychainBackend,
    private readonly service: string,
    private readonly keychainName: string = keychainNameFor(process.platform),
  ) {}

  async read(account: string): Promise<string | null> {
    return this.guard('read a secret from', () => this.backend.getPassword(this.service, account))
  }

  async write(account: string, secret: string): Promise<void> {
    if (secret.length === 0) throw new AppError('INTERNAL', 'Refusing to store an empty secret.')
    await this.guard('store a secret in', () => this.backend.setPassword(this.service, account, secret))
  }

  async remove(account: string): Promise<boolean> {
    return this.guard('delete a secret from', () => this.backend.deletePassword(this.service, account))
  }

  /** The accounts (never the secrets) filed under `prefix`. */
  async accounts(prefix: string): Promise<string[]> {
    const entries = await this.guard('list the secrets in', () => this.backend.findCredentials(this.service))
    return entries.map((e) => e.account).filter((account) => account.startsWith(prefix))
  }

  /** Deletes every secret filed under `prefix` (e.g. all of one profile's); returns how many. */
  async removeAll(prefix: string): Promise<number> {
    let removed = 0
    for (const account of await this.accounts(prefix)) if (await this.remove(account)) removed++
    return removed
  }

  private async guard<T>(action: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation()
    } catch (error) {
      throw new AppError(
        'KEYCHAIN',
        `Keywarden could not ${action} ${this.keychainName}: ${describeError(error)}. Unlock it, or make sure it is running, then try again.`,
        undefined,
        { cause: error },
      )
    }
  }
}

/** Every keychain account of a profile starts with this, so removing the profile removes them all. */
export const profileAccountPrefix = (profileId: string): string => `profile:${profileId}:`
/** The keychain account under which a profile's refresh token is kept. */
export const refreshTokenAccount = (profileId: string): string => `${profileAccountPrefix(profileId)}refresh-token`
/** The keychain account of a pulse profile's API secret (API-key sign-in). */
export const apiSecretAccount = (profileId: string): string => `${profileAccountPrefix(profileId)}api-secret`
