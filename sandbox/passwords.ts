import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// scrypt from node:crypto with a random salt per password, stored as one self-describing string:
//   scrypt$N$r$p$<salt base64>$<hash base64>
// N = 2^14, r = 8, p = 1 is scrypt's interactive-login setting (16 MiB, a fraction of a second):
// a sign-in stays quick while a stolen database costs an attacker that much per guess.
const PARAMS = { N: 2 ** 14, r: 8, p: 1 } as const
const SALT_BYTES = 16
const HASH_BYTES = 32
const MAX_MEMORY = 64 * 1024 * 1024
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+=*)\$([A-Za-z0-9+/]+=*)$/

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const hash = await derive(password, salt, HASH_BYTES, PARAMS)
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${hash.toString('base64')}`
}

/** True when `password` is the one `stored` was made from; false for a wrong one or a stored value that is not ours. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored)
  if (!match) return false
  const [, n, r, p, salt = '', hash = ''] = match
  const expected = Buffer.from(hash, 'base64')
  const options = { N: Number(n), r: Number(r), p: Number(p) }
  // Parameters from the database must not make one sign-in eat the machine.
  if (expected.length < 16 || options.N > 2 ** 20 || options.r > 32 || options.p > 16) return false
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length, options)
  return timingSafeEqual(actual, expected)
}
