import { createHash } from 'node:crypto'
import type { SecretCopies } from '../keys/secret-copies'
import type { ProfileRepository } from '../settings/profiles'

/** Where a keychain copy with a given SHA-256 belongs. */
export interface CopyOwner {
  profileId: string
  keyId: string
}

/** SHA-256 (hex) of every kept key value and secret → whose copy it is. Values are hashed and dropped. */
export type CopyHashIndex = ReadonlyMap<string, readonly CopyOwner[]>

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex')

export async function readCopyHashes(profiles: ProfileRepository, copies: SecretCopies): Promise<CopyHashIndex> {
  const index = new Map<string, CopyOwner[]>()
  const add = (hash: string, owner: CopyOwner) => index.set(hash, [...(index.get(hash) ?? []), owner])
  for (const profile of profiles.list()) {
    for (const keyId of await copies.keyIds(profile.id)) {
      const copy = await copies.read(profile.id, keyId)
      if (!copy) continue
      add(sha256(copy.value), { profileId: profile.id, keyId })
      if (copy.secret !== null) add(sha256(copy.secret), { profileId: profile.id, keyId })
    }
  }
  return index
}
