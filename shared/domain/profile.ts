import { z } from 'zod'
import { insecureTransportReason, isSecureOrLoopbackUrl } from './transport'

export const dialects = ['gateway', 'wallet', 'pulse'] as const
export type Dialect = (typeof dialects)[number]

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .refine((value) => {
      try {
        const url = new URL(value)
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
      } catch {
        return false
      }
    }, `The ${what} must be an http(s) URL, such as https://api.example.com.`)

/** An http(s) URL that tokens and secrets may be sent to: https, or http on loopback only. */
const secureUrl = (what: string) =>
  // A value that is no http(s) URL at all already has httpUrl's message.
  httpUrl(what).refine(
    (value) => !/^https?:\/\//i.test(value) || !URL.canParse(value) || isSecureOrLoopbackUrl(value),
    insecureTransportReason(what),
  )

export const profileAuthSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('oauth'),
    issuer: httpUrl('issuer URL'),
    clientId: z.string().trim().min(1, 'Enter the OAuth client id.'),
  }),
  z.object({ kind: z.literal('api-key'), apiKeyId: z.string().trim().min(1, 'Enter the API key.') }),
])

export type ProfileAuth = z.infer<typeof profileAuthSchema>

/** What the user enters to add or edit a connection profile. */
export const profileInputSchema = z
  .object({
    /** Absent when adding. */
    id: z.string().min(1).optional(),
    name: z.string().trim().min(1, 'Give the profile a name.').max(80, 'Keep the name under 80 characters.'),
    dialect: z.enum(dialects),
    apiBaseUrl: secureUrl('API base URL'),
    auth: profileAuthSchema,
    /**
     * API-key login only (the dialects whose signInMethods include 'api-key', checked by the core): the secret, which goes straight to the keychain. Required when the
     * profile is added; absent on edit keeps the stored one.
     */
    apiSecret: z.string().min(1).max(512).optional(),
    defaultAccountId: z.string().trim().min(1).nullable().default(null),
  })
  // The issuer's own schema is shared with stored profiles (which must keep loading); new input
  // follows the transport rule here, with the field error on auth.issuer.
  .refine((p) => p.auth.kind !== 'oauth' || !URL.canParse(p.auth.issuer) || isSecureOrLoopbackUrl(p.auth.issuer), {
    path: ['auth', 'issuer'],
    message: insecureTransportReason('issuer URL'),
  })

export type ProfileInput = z.input<typeof profileInputSchema>

/** A profile as the renderer sees it: never a secret or a token. */
export interface ProfileSummary {
  id: string
  name: string
  dialect: Dialect
  apiBaseUrl: string
  auth: ProfileAuth
  defaultAccountId: string | null
  /** Profiles Keywarden made for the local sandbox; they follow its URL. */
  managedBy: 'sandbox' | null
}

export interface Account {
  id: string
  name: string
  primary: boolean
}

export interface AccountList {
  profileId: string
  accounts: Account[]
  selectedAccountId: string | null
}
