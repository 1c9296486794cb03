import { describe, expect, it } from 'vitest'
import type { ProfileSummary } from '@shared/domain/profile'
import {
  dialectOptionsOf,
  initialValues,
  methodAfterDialectChange,
  signInMethodOptions,
  signInMethodsOf,
  toProfileInput,
  validateProfileForm,
  type ProfileFormValues,
} from '@renderer/features/profiles/profile-form-values'
import { listedDialects } from './renderer-fixtures'

const [oauthOnly, withApiKey] = listedDialects.map((info) => info.dialect) as [
  ProfileSummary['dialect'],
  ProfileSummary['dialect'],
]

const filled = (overrides: Partial<ProfileFormValues> = {}): ProfileFormValues => ({
  ...initialValues(null, listedDialects),
  name: 'Prod',
  apiBaseUrl: 'https://api.example.com',
  issuer: 'https://id.example.com',
  clientId: 'keywarden',
  ...overrides,
})

describe('what the profile form asks', () => {
  it('offers the dialects main lists, a new profile starting on the first', () => {
    expect(dialectOptionsOf(listedDialects).map((o) => o.value)).toEqual([oauthOnly, withApiKey])
    expect(initialValues(null, listedDialects).dialect).toBe(oauthOnly)
    expect(() => initialValues(null, [])).toThrow('at least one dialect')
  })

  it("offers the sign-in methods of the dialect's capabilities", () => {
    expect(signInMethodsOf(listedDialects, oauthOnly)).toEqual(['oauth'])
    expect(signInMethodOptions(signInMethodsOf(listedDialects, withApiKey))).toEqual([
      { value: 'oauth', label: 'OAuth' },
      { value: 'api-key', label: 'API key and secret' },
    ])
  })

  it('keeps the sign-in method across a dialect change where the new dialect offers it', () => {
    expect(methodAfterDialectChange(['oauth', 'api-key'], 'api-key')).toBe('api-key')
    expect(methodAfterDialectChange(['oauth'], 'api-key')).toBe('oauth')
  })
})

describe('checking the profile form', () => {
  it('passes a complete OAuth profile', () => {
    expect(validateProfileForm(filled(), null, listedDialects)).toEqual({ errors: {}, other: [] })
  })

  it("names the missing fields with the schema's messages", () => {
    const { errors } = validateProfileForm(
      filled({ name: '', clientId: ' ', apiBaseUrl: 'ftp://x' }),
      null,
      listedDialects,
    )
    expect(errors).toMatchObject({
      name: 'Give the profile a name.',
      'auth.clientId': 'Enter the OAuth client id.',
      apiBaseUrl: 'The API base URL must be an http(s) URL, such as https://api.example.com.',
    })
  })

  it('refuses a sign-in method the dialect does not offer', () => {
    const { errors } = validateProfileForm(
      filled({ dialect: oauthOnly, signInMethod: 'api-key', apiKeyId: 'k', apiSecret: 's' }),
      null,
      listedDialects,
    )
    expect(errors['auth.kind']).toBeDefined()
  })

  it('asks for the API secret on a new API-key profile, not on one that has it stored', () => {
    const apiKeyValues = filled({ dialect: withApiKey, signInMethod: 'api-key', apiKeyId: 'key-1', apiSecret: '' })
    expect(validateProfileForm(apiKeyValues, null, listedDialects).errors).toEqual({
      apiSecret: 'Enter the API secret.',
    })
    const stored: ProfileSummary = {
      id: 'p1',
      name: 'Prod',
      dialect: withApiKey,
      apiBaseUrl: 'https://api.example.com',
      auth: { kind: 'api-key', apiKeyId: 'key-1' },
      defaultAccountId: null,
      managedBy: null,
    }
    expect(validateProfileForm(apiKeyValues, stored, listedDialects).errors).toEqual({})
    // An empty secret on edit keeps the stored one: it is not sent.
    expect(toProfileInput(apiKeyValues, stored)).toEqual({
      id: 'p1',
      name: 'Prod',
      dialect: withApiKey,
      apiBaseUrl: 'https://api.example.com',
      auth: { kind: 'api-key', apiKeyId: 'key-1' },
      defaultAccountId: null,
    })
  })
})
