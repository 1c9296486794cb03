/**
 * Which development environment variables the app honours. A packaged build honours none: a local
 * process must not be able to point an installed Keywarden at its own "sandbox" server or make it
 * file secrets under another keychain service just by setting a variable before launching it.
 */
export interface HonouredEnvironment {
  /** The local sandbox to make profiles for; undefined in a packaged build. */
  sandboxUrl: string | undefined
  /** The keychain "service" every secret is filed under. */
  keychainService: string
}

export const DEVELOPMENT_VARIABLES = ['KEYWARDEN_SANDBOX_URL', 'KEYWARDEN_KEYCHAIN_SERVICE'] as const

export function honouredEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  options: { isPackaged: boolean; defaultKeychainService: string; defaultSandboxUrl: string },
): HonouredEnvironment {
  if (options.isPackaged) return { sandboxUrl: undefined, keychainService: options.defaultKeychainService }
  const nonEmpty = (value: string | undefined) =>
    value !== undefined && value.trim() !== '' ? value.trim() : undefined
  return {
    sandboxUrl: nonEmpty(env.KEYWARDEN_SANDBOX_URL) ?? options.defaultSandboxUrl,
    keychainService: nonEmpty(env.KEYWARDEN_KEYCHAIN_SERVICE) ?? options.defaultKeychainService,
  }
}

/** The development variables that are set but ignored, to say so in the log (names only). */
export function ignoredVariables(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string[] {
  return isPackaged ? DEVELOPMENT_VARIABLES.filter((name) => env[name] !== undefined) : []
}
