import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const KEY_PREFIX = 'apk_'
/** 40 base62 symbols ≈ 238 bits of randomness. */
const KEY_RANDOM_LENGTH = 40
const ID_RANDOM_LENGTH = 16

function randomBase62(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)]
  return out
}

export const newApiKeyId = (): string => KEY_PREFIX + randomBase62(ID_RANDOM_LENGTH)
export const newApiKeyValue = (): string => KEY_PREFIX + randomBase62(KEY_RANDOM_LENGTH)

/** `apk_abc***xyz`: the first and last three symbols of the random part. */
export function maskApiKey(key: string): string {
  const random = key.slice(KEY_PREFIX.length)
  return `${KEY_PREFIX}${random.slice(0, 3)}***${random.slice(-3)}`
}

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex')

export interface EncryptedValue {
  iv: string
  ciphertext: string
  tag: string
}

/**
 * AES-256-GCM under a key that lives only as long as the sandbox process. The gateway lets a
 * key be decrypted again later, so the value is kept encrypted rather than only hashed; the key
 * id is bound in as associated data so a ciphertext cannot be moved to another record.
 */
export class ApiKeyCipher {
  readonly #key = randomBytes(32)

  encrypt(value: string, keyId: string): EncryptedValue {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    cipher.setAAD(Buffer.from(keyId, 'utf8'))
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
    return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') }
  }

  decrypt(encrypted: EncryptedValue, keyId: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(encrypted.iv, 'base64'))
    decipher.setAAD(Buffer.from(keyId, 'utf8'))
    decipher.setAuthTag(Buffer.from(encrypted.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(encrypted.ciphertext, 'base64')), decipher.final()]).toString('utf8')
  }
}
