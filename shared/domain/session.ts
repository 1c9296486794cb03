export type Dialect = 'gateway' | 'wallet' | 'pulse'

/** What the renderer may know about a connection profile: no secrets, no tokens. */
export interface ProfileSummary {
  id: string
  name: string
  dialect: Dialect
  apiBaseUrl: string
  issuer: string
}

export interface SignedInUser {
  subject: string
  name: string
}

export type SessionState =
  | { status: 'signed-out'; profile: ProfileSummary; lastError?: string }
  | { status: 'signing-in'; profile: ProfileSummary }
  | { status: 'signed-in'; profile: ProfileSummary; user: SignedInUser }
