import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { readMeta, writeMeta, type SandboxDatabase } from './database'

/** The provider's signing keys and cookie keys: kept, so tokens and browser sessions outlive a restart. */
export interface ProviderKeys {
  jwks: { keys: Array<Record<string, unknown>> }
  cookieKeys: string[]
}

const META_NAME = 'oidc.provider-keys'

export function generateProviderKeys(): ProviderKeys {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })
  return {
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: randomBytes(8).toString('hex') }] },
    cookieKeys: [randomBytes(32).toString('base64url')],
  }
}

export function loadOrCreateProviderKeys(db: SandboxDatabase): ProviderKeys {
  const stored = readMeta(db, META_NAME)
  if (stored !== undefined) return JSON.parse(stored) as ProviderKeys
  const keys = generateProviderKeys()
  writeMeta(db, META_NAME, JSON.stringify(keys))
  return keys
}
