import type { IdentifiedCandidate, KeyMatch } from '@shared/contracts/identify'
import type { CopyHashIndex } from './copy-hashes'
import type { RawFind } from './find-candidates'
import type { MatchableKeyList } from './key-lists'

/** The key lists and keychain copies to compare finds against, indexed once per identify or scan. */
export class KeyMatcher {
  private readonly byMasked = new Map<string, KeyMatch[]>()
  private readonly byKey = new Map<string, KeyMatch>()

  constructor(
    lists: readonly MatchableKeyList[],
    private readonly copies: CopyHashIndex,
    private readonly profileNames: ReadonlyMap<string, { name: string; dialect: string }>,
  ) {
    for (const list of lists) {
      for (const key of list.keys) {
        const match: KeyMatch = {
          profileId: list.profileId,
          profileName: list.profileName,
          dialect: list.dialect,
          accountId: list.accountId,
          accountName: list.accountName,
          keyId: key.id,
          keyName: key.name,
          status: key.status,
          expiresAt: key.expiresAt,
          maskedKey: key.maskedKey,
          how: 'masked',
          cached: list.cached,
        }
        const id = `${list.profileId}\0${key.id}`
        // A live list wins over a cached one of the same key.
        const known = this.byKey.get(id)
        if (known && !known.cached) continue
        this.byKey.set(id, match)
        const masked = `${list.dialect}\0${key.maskedKey}`
        const same = (this.byMasked.get(masked) ?? []).filter((m) => `${m.profileId}\0${m.keyId}` !== id)
        this.byMasked.set(masked, [...same, match])
      }
    }
  }

  /** What a find is: exact (keychain copy by hash) wins; else every key of its dialect with its masked form. */
  identify(find: RawFind, id: string): IdentifiedCandidate {
    const matches = this.exact(find)
    if (matches.length === 0) matches.push(...this.masked(find))
    return {
      id,
      dialect: find.dialect,
      label: find.label,
      kind: find.kind,
      masked: find.masked,
      pairedId: find.pairedId ?? null,
      line: find.line,
      column: find.column,
      matches,
      verdict: matches.length === 0 ? 'unknown' : matches.length === 1 ? 'match' : 'ambiguous',
    }
  }

  private exact(find: RawFind): KeyMatch[] {
    return (this.copies.get(find.sha256) ?? []).map((owner) => {
      const listed = this.byKey.get(`${owner.profileId}\0${owner.keyId}`)
      if (listed) return { ...listed, how: 'exact' as const }
      const profile = this.profileNames.get(owner.profileId)
      return {
        profileId: owner.profileId,
        profileName: profile?.name ?? owner.profileId,
        dialect: profile?.dialect ?? find.dialect,
        accountId: null,
        accountName: null,
        keyId: owner.keyId,
        keyName: null,
        status: null,
        expiresAt: null,
        maskedKey: null,
        how: 'exact' as const,
        cached: false,
      }
    })
  }

  /** A lone secret (pulse) has no masked form in any list: only its paired id, or its hash, names it. */
  private masked(find: RawFind): KeyMatch[] {
    const shown = find.pairedId ?? (find.kind === 'secret' ? undefined : find.masked)
    if (shown === undefined) return []
    return [...(this.byMasked.get(`${find.dialect}\0${shown}`) ?? [])]
  }
}
