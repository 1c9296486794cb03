import { randomUUID } from 'node:crypto'
import { newKeyId, randomBase62 } from '../keys/key-format'

// Pulse's identifiers and tokens (docs/remote-apis.md, "pulse"). Secrets use PULSE_SECRET_FORMAT.

const PUBLIC_ID_PREFIX = 'apiKey-'
const PUBLIC_ID_LENGTH = 24
const PUBLIC_ID = new RegExp(`^${PUBLIC_ID_PREFIX}[0-9A-Za-z]{${PUBLIC_ID_LENGTH}}$`)
const SESSION_PREFIX = 'pst_'
/** 43 base62 symbols ≈ 256 bits. */
const SESSION_RANDOM_LENGTH = 43

/** The id in `/apikeys/{id}`: distinct from the public `apiKey-…` so neither can be guessed from the other. */
export const newPulseKeyId = (): string => randomUUID()
export const newPulsePublicId = (): string => newKeyId(PUBLIC_ID_PREFIX, PUBLIC_ID_LENGTH)
export const isWellFormedPublicId = (value: string): boolean => PUBLIC_ID.test(value)

export const newSessionToken = (): string => SESSION_PREFIX + randomBase62(SESSION_RANDOM_LENGTH)
/** Session tokens and OIDC access tokens share `Authorization: Bearer`; the prefix tells them apart. */
export const looksLikeSessionToken = (token: string): boolean => token.startsWith(SESSION_PREFIX)
