import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { z } from 'zod'

/** AES-256-GCM: a 256-bit key, a fresh 96-bit nonce per write, a 128-bit tag. */
const ALGORITHM = 'aes-256-gcm'
export const CACHE_KEY_BYTES = 32
const NONCE_BYTES = 12
const TAG_BYTES = 16

export const sealedSchema = z
  .object({
    iv: z.string().min(1),
    tag: z.string().min(1),
    data: z.string(),
  })
  .strict()

/** What goes on disk: nonce, tag and ciphertext, base64. */
export type Sealed = z.infer<typeof sealedSchema>

export function newCacheKey(): Buffer {
  return randomBytes(CACHE_KEY_BYTES)
}

/**
 * Encrypts `plaintext`, bound to `context` (authenticated, not stored): a file copied to another
 * profile's or account's place fails to open there.
 */
export function seal(plaintext: string, key: Buffer, context: string): Sealed {
  const iv = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') }
}

/** The plaintext; throws when the key is wrong or anything (ciphertext, tag, nonce, context) was changed. */
export function open(sealed: Sealed, key: Buffer, context: string): string {
  const iv = Buffer.from(sealed.iv, 'base64')
  const tag = Buffer.from(sealed.tag, 'base64')
  if (key.length !== CACHE_KEY_BYTES || iv.length !== NONCE_BYTES || tag.length !== TAG_BYTES)
    throw new Error('the cache file or its key has the wrong size')
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES })
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8')
}
