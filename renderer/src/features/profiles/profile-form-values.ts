import type { DialectInfo, SignInMethod } from '@shared/domain/capabilities'
import { profileInputSchema, type Dialect, type ProfileInput, type ProfileSummary } from '@shared/domain/profile'

export type { SignInMethod }

/** The form's fields as the user types them; turned into a ProfileInput on save. */
export interface ProfileFormValues {
  name: string
  dialect: Dialect
  apiBaseUrl: string
  signInMethod: SignInMethod
  issuer: string
  clientId: string
  apiKeyId: string
  apiSecret: string
  defaultAccountId: string
}

/** Field paths as the schema and main name them ("auth.issuer"); errors are keyed by these. */
export const fieldPaths = [
  'name',
  'dialect',
  'apiBaseUrl',
  'auth.kind',
  'auth.issuer',
  'auth.clientId',
  'auth.apiKeyId',
  'apiSecret',
  'defaultAccountId',
] as const

export type FieldPath = (typeof fieldPaths)[number]
export type FieldErrors = Partial<Record<FieldPath, string>>

export function isFieldPath(path: string): path is FieldPath {
  return (fieldPaths as readonly string[]).includes(path)
}

export const signInMethodLabels: Readonly<Record<SignInMethod, string>> = {
  oauth: 'OAuth',
  'api-key': 'API key and secret',
}

/** The Dialect select's options: the dialects main lists, in its order. */
export function dialectOptionsOf(dialects: readonly DialectInfo[]): ReadonlyArray<{ value: Dialect; label: string }> {
  return dialects.map((info) => ({ value: info.dialect, label: info.dialect }))
}

/** How a profile of this dialect may sign in, as its capabilities say (OAuth while it is unknown). */
export function signInMethodsOf(dialects: readonly DialectInfo[], dialect: Dialect): readonly SignInMethod[] {
  return dialects.find((info) => info.dialect === dialect)?.capabilities.signInMethods ?? ['oauth']
}

export function signInMethodOptions(
  methods: readonly SignInMethod[],
): ReadonlyArray<{ value: SignInMethod; label: string }> {
  return methods.map((method) => ({ value: method, label: signInMethodLabels[method] }))
}

/** The sign-in method to keep after the dialect changed: the current one if the dialect offers it, else its first. */
export function methodAfterDialectChange(methods: readonly SignInMethod[], current: SignInMethod): SignInMethod {
  return methods.includes(current) ? current : (methods[0] ?? 'oauth')
}

/** A new profile starts on the first dialect main lists. */
export function initialValues(profile: ProfileSummary | null, dialects: readonly DialectInfo[]): ProfileFormValues {
  const dialect = profile?.dialect ?? dialects[0]?.dialect
  if (dialect === undefined) throw new Error('The profile form needs at least one dialect.')
  return {
    name: profile?.name ?? '',
    dialect,
    apiBaseUrl: profile?.apiBaseUrl ?? '',
    signInMethod: profile?.auth.kind ?? 'oauth',
    issuer: profile?.auth.kind === 'oauth' ? profile.auth.issuer : '',
    clientId: profile?.auth.kind === 'oauth' ? profile.auth.clientId : '',
    apiKeyId: profile?.auth.kind === 'api-key' ? profile.auth.apiKeyId : '',
    // The stored secret never comes to the renderer; empty on edit keeps it.
    apiSecret: '',
    defaultAccountId: profile?.defaultAccountId ?? '',
  }
}

export function toProfileInput(values: ProfileFormValues, profile: ProfileSummary | null): ProfileInput {
  const auth: ProfileInput['auth'] =
    values.signInMethod === 'oauth'
      ? { kind: 'oauth', issuer: values.issuer, clientId: values.clientId }
      : { kind: 'api-key', apiKeyId: values.apiKeyId }
  const input: ProfileInput = {
    name: values.name,
    dialect: values.dialect,
    apiBaseUrl: values.apiBaseUrl,
    auth,
    defaultAccountId: values.defaultAccountId.trim() === '' ? null : values.defaultAccountId,
  }
  if (profile) input.id = profile.id
  if (values.signInMethod === 'api-key' && values.apiSecret !== '') input.apiSecret = values.apiSecret
  return input
}

export interface CheckedProfileForm {
  errors: FieldErrors
  /** Messages that name no field of the form. */
  other: string[]
}

/**
 * Checks the form with the same schema main uses, so the messages match, plus the rules the schema
 * cannot know: the sign-in method must be one the dialect offers, and a secret is needed unless this
 * profile already has one stored.
 */
export function validateProfileForm(
  values: ProfileFormValues,
  profile: ProfileSummary | null,
  dialects: readonly DialectInfo[],
): CheckedProfileForm {
  const errors: FieldErrors = {}
  const other: string[] = []
  const parsed = profileInputSchema.safeParse(toProfileInput(values, profile))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.')
      if (isFieldPath(path)) errors[path] ??= issue.message
      else other.push(issue.message)
    }
  }
  if (!signInMethodsOf(dialects, values.dialect).includes(values.signInMethod)) {
    errors['auth.kind'] ??= `${values.dialect} profiles cannot sign in with ${signInMethodLabels[values.signInMethod]}.`
  }
  const hasStoredSecret = profile?.auth.kind === 'api-key'
  if (values.signInMethod === 'api-key' && values.apiSecret === '' && !hasStoredSecret)
    errors.apiSecret ??= 'Enter the API secret.'
  return { errors, other }
}

/** The form field a path in main's error names, if the form has one. */
export function profileFieldOf(path: string): FieldPath | undefined {
  return isFieldPath(path) ? path : undefined
}

/** Which errors a change to one value makes stale. */
export function pathsOf(field: keyof ProfileFormValues): FieldPath[] {
  switch (field) {
    case 'signInMethod':
      return ['auth.kind', 'auth.issuer', 'auth.clientId', 'auth.apiKeyId', 'apiSecret']
    case 'issuer':
      return ['auth.issuer']
    case 'clientId':
      return ['auth.clientId']
    case 'apiKeyId':
      return ['auth.apiKeyId']
    case 'dialect':
      return ['dialect', 'auth.kind']
    default:
      return [field]
  }
}
