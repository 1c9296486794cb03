import { dialects, profileInputSchema, type Dialect, type ProfileInput, type ProfileSummary } from '../../../../shared/domain/profile'

export type SignInMethod = 'oauth' | 'api-key'

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

export const dialectOptions: ReadonlyArray<{ value: Dialect; label: string }> = dialects.map((d) => ({ value: d, label: d }))

/** Only pulse can sign in with an API key and secret; every dialect can use OAuth. */
export function signInMethodsOf(dialect: Dialect): ReadonlyArray<{ value: SignInMethod; label: string }> {
  const oauth = { value: 'oauth', label: 'OAuth' } as const
  return dialect === 'pulse' ? [oauth, { value: 'api-key', label: 'API key and secret' }] : [oauth]
}

export function initialValues(profile: ProfileSummary | null): ProfileFormValues {
  return {
    name: profile?.name ?? '',
    dialect: profile?.dialect ?? 'gateway',
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

/**
 * Checks the form with the same schema main uses, so the messages match, plus the one rule the
 * schema cannot know: a secret is needed unless this profile already has one stored.
 */
export function validateProfileForm(values: ProfileFormValues, profile: ProfileSummary | null): { errors: FieldErrors; other: string[] } {
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
  const hasStoredSecret = profile?.auth.kind === 'api-key'
  if (values.signInMethod === 'api-key' && values.apiSecret === '' && !hasStoredSecret) errors.apiSecret ??= 'Enter the API secret.'
  return { errors, other }
}

/** Main's field errors, split into those the form can show at a field and the rest. */
export function splitServerFields(fields: Record<string, string> | undefined): { errors: FieldErrors; other: string[] } {
  const errors: FieldErrors = {}
  const other: string[] = []
  for (const [path, message] of Object.entries(fields ?? {})) {
    if (isFieldPath(path)) errors[path] = message
    else other.push(message)
  }
  return { errors, other }
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
