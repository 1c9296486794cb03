/** A re-authentication that granted sudo mode. */
export interface SudoGrant {
  /** When it was granted, on this computer's clock (ISO 8601). */
  grantedAt: string
}
