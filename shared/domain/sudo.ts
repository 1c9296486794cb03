/** A re-authentication that granted sudo mode. */
export interface SudoGrant {
  /** When it was granted, on this computer's clock (ISO 8601). */
  grantedAt: string
}

/**
 * How this profile proves it is you, here: the OS's own user verification (Touch ID) where the
 * platform offers one to Keywarden; else a new sign-in at the authorization server (OAuth), or the
 * profile's API secret checked by the server (API-key sign-in).
 */
export type SudoMethod =
  | { kind: 'os'; label: string; serverFallback: 'browser' | 'api-secret' }
  | { kind: 'browser'; osNote: string }
  | { kind: 'api-secret'; osNote: string }

/** What the user gives to prove it is them. */
export interface SudoProofInput {
  /** OAuth: also prompt=login at the server (a full sign-in even where the browser still has a session there). */
  forceLogin: boolean
  /** API-key profiles without OS verification: the API secret, checked by the server with a new login. */
  apiSecret?: string | undefined
  /** Skip the OS verification and use the server (the user asked). */
  useServer?: boolean | undefined
}
