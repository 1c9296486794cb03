import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

export interface EncryptedValue {
  iv: string
  ciphertext: string
  tag: string
}

export const KEY_CIPHER_KEY_BYTES = 32

/**
 * AES-256-GCM for the values a dialect lets be read again (gateway keys) and for replayable
 * create answers. `context` (the key id, or the idempotency scope) is bound in as associated
 * data, so a ciphertext copied onto another record fails to decrypt instead of leaking there.
 */
export class KeyCipher {
  readonly #key: Buffer

  /** Without a key: a random one that lives as long as this object (in-memory sandboxes). */
  constructor(key: Buffer = randomBytes(KEY_CIPHER_KEY_BYTES)) {
    if (key.length !== KEY_CIPHER_KEY_BYTES)
      throw new Error(`The encryption key must be ${KEY_CIPHER_KEY_BYTES} bytes.`)
    this.#key = Buffer.from(key)
  }

  encrypt(value: string, context: string): EncryptedValue {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
    return {
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    }
  }

  decrypt(encrypted: EncryptedValue, context: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(encrypted.iv, 'base64'))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(Buffer.from(encrypted.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(encrypted.ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    )
  }
}
