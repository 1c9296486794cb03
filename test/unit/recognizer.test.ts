import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ApiKey } from '@shared/domain/api-key'
import { compileRecognizers, findInText } from '@core/identify/find-candidates'
import type { MatchableKeyList } from '@core/identify/key-lists'
import { KeyMatcher } from '@core/identify/match-finds'
import { allRecognizers } from '@core/identify/recognizers'
import { shapePattern } from '@core/identify/shapes'
import {
  GATEWAY_KEY_FORMAT,
  maskKey,
  newKeyValue,
  PULSE_SECRET_FORMAT,
  randomBase62,
  secretSha256,
  WALLET_KEY_FORMAT,
} from '@sandbox/keys/key-format'
import { newPulsePublicId } from '@sandbox/pulse/credentials'

// The dialects' recognizers against key values the sandbox itself makes (its key-format module).

const compiled = compileRecognizers(allRecognizers())
const formats = [
  { dialect: 'gateway', format: GATEWAY_KEY_FORMAT },
  { dialect: 'wallet', format: WALLET_KEY_FORMAT },
] as const

/** Text around a key that cannot extend it: spaces, punctuation, new lines, quotes. */
const filler = fc.stringMatching(/^[ \n\t:=,;"'(){}<>]([a-z .\n]{0,40}[ \n\t:=,;"'(){}<>])?$/)
const anyFormat = fc.constantFrom(...formats)

/** Replaces the symbol at `at` by a different base62 symbol. */
function mutate(value: string, at: number, pick: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.replace(value[at]!, '')
  return value.slice(0, at) + alphabet[pick % alphabet.length] + value.slice(at + 1)
}

function apiKey(id: string, maskedKey: string, name = id): ApiKey {
  return {
    id,
    name,
    maskedKey,
    status: 'active',
    permissions: {},
    nativePermissions: [],
    expiresAt: null,
    notes: null,
    createdAt: '2026-01-01T00:00:00Z',
    lastUsedAt: null,
    accountId: null,
  }
}

const list = (dialect: string, keys: ApiKey[], profileId = `p-${dialect}`): MatchableKeyList => ({
  profileId,
  profileName: `Profile ${profileId}`,
  dialect,
  accountId: null,
  accountName: null,
  keys,
  cached: false,
})

describe('recognizers', () => {
  it('every dialect declares one, with a pattern for each shape', () => {
    expect(allRecognizers().map((r) => r.dialect)).toEqual(['gateway', 'wallet', 'pulse'])
  })

  it('find a sandbox key anywhere in text, masked as the key list masks it, at its line and column', () => {
    fc.assert(
      fc.property(anyFormat, filler, filler, ({ dialect, format }, before, after) => {
        const value = newKeyValue(format)
        const text = before + value + after
        const finds = findInText(text, compiled)
        expect(finds).toHaveLength(1)
        const lines = before.split('\n')
        expect(finds[0]).toMatchObject({
          dialect,
          kind: 'key',
          masked: maskKey(value, format),
          sha256: secretSha256(value),
          publicId: null,
          line: lines.length,
          column: lines.at(-1)!.length + 1,
        })
        expect(JSON.stringify(finds)).not.toContain(value)
      }),
      { numRuns: 200 },
    )
  })

  it('refuse a key with any one symbol changed (the checksum fails)', () => {
    fc.assert(
      fc.property(anyFormat, fc.nat(), fc.nat(), ({ format }, where, pick) => {
        const value = newKeyValue(format)
        const at = format.prefix.length + (where % (value.length - format.prefix.length))
        expect(findInText(`key=${mutate(value, at, pick)}\n`, compiled)).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('refuse a key one symbol too short or too long', () => {
    fc.assert(
      fc.property(anyFormat, fc.boolean(), ({ format }, longer) => {
        const value = newKeyValue(format)
        const wrong = longer
          ? value + 'x'
          : value.slice(0, format.prefix.length) + value.slice(format.prefix.length + 1)
        expect(findInText(` ${wrong} `, compiled)).toEqual([])
      }),
      { numRuns: 100 },
    )
  })

  it('pair a pulse id with the secret near it, as one candidate named by the id', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.boolean(), (gap, secretFirst) => {
        const id = newPulsePublicId()
        const secret = newKeyValue(PULSE_SECRET_FORMAT)
        const lines = [`x-api-key: ${id}`, ...Array<string>(gap).fill('# note'), `x-api-secret: ${secret}`]
        const finds = findInText((secretFirst ? lines.reverse() : lines).join('\n'), compiled)
        expect(finds).toHaveLength(1)
        expect(finds[0]).toMatchObject({ dialect: 'pulse', kind: 'secret', pairedId: id, sha256: secretSha256(secret) })
      }),
      { numRuns: 50 },
    )
  })

  it('list a lone pulse id, and a secret too far from any id, each on its own', () => {
    const id = newPulsePublicId()
    const secret = newKeyValue(PULSE_SECRET_FORMAT)
    const finds = findInText([`id ${id}`, '', '', '', '', `secret ${secret}`].join('\n'), compiled)
    expect(finds.map((f) => [f.kind, f.publicId, f.pairedId])).toEqual([
      ['key-id', id, undefined],
      ['secret', null, undefined],
    ])
  })

  it('ripgrep reads the same patterns and finds the same lines (checksums aside)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-recognizer-'))
    try {
      const values = [newKeyValue(GATEWAY_KEY_FORMAT), newKeyValue(WALLET_KEY_FORMAT), newKeyValue(PULSE_SECRET_FORMAT)]
      const decoys = [`apk_${randomBase62(39)}`, `wk_${randomBase62(41)}`, `token_${randomBase62(46)}`]
      const file = join(dir, 'mixed.txt')
      writeFileSync(file, [...values, ...decoys].map((v, i) => `line ${i}: "${v}"`).join('\n'))
      const args = [
        '--no-config',
        '-n',
        '-o',
        ...allRecognizers().flatMap((r) => r.shapes.flatMap((s) => ['-e', shapePattern(s)])),
        file,
      ]
      const lines = execFileSync('rg', args, { encoding: 'utf8' }).trim().split('\n').sort()
      expect(lines).toEqual(values.map((v, i) => `${i + 1}:${v}`).sort())
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the matcher', () => {
  const names = new Map<string, { name: string; dialect: string }>()

  it('names the one key whose masked form the candidate has, on its dialect only', () => {
    const value = newKeyValue(GATEWAY_KEY_FORMAT)
    const masked = maskKey(value, GATEWAY_KEY_FORMAT)
    const matcher = new KeyMatcher(
      [list('gateway', [apiKey('k1', masked, 'Billing')]), list('wallet', [apiKey('w1', masked)])],
      new Map(),
      names,
    )
    const [find] = findInText(value, compiled)
    const result = matcher.identify(find!, 'c0')
    expect(result.verdict).toBe('match')
    expect(result.matches).toMatchObject([{ keyId: 'k1', keyName: 'Billing', profileId: 'p-gateway', how: 'masked' }])
  })

  it('shows two keys with the same masked form as ambiguous, and a keychain copy by hash as exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.boolean(), (twins, kept) => {
        const value = newKeyValue(WALLET_KEY_FORMAT)
        const masked = maskKey(value, WALLET_KEY_FORMAT)
        const keys = Array.from({ length: twins }, (_, i) => apiKey(`w${i}`, masked))
        const copies = kept ? new Map([[secretSha256(value), [{ profileId: 'p-wallet', keyId: 'w1' }]]]) : new Map()
        const result = new KeyMatcher([list('wallet', keys)], copies, names).identify(
          findInText(value, compiled)[0]!,
          'c',
        )
        if (kept) {
          expect(result.verdict).toBe('match')
          expect(result.matches).toMatchObject([{ keyId: 'w1', how: 'exact' }])
        } else {
          expect(result.verdict).toBe('ambiguous')
          expect(result.matches.map((m) => m.keyId)).toEqual(keys.map((k) => k.id))
        }
      }),
      { numRuns: 30 },
    )
  })

  it('names a pulse secret by the id next to it, and leaves a lone secret unknown', () => {
    const id = newPulsePublicId()
    const secret = newKeyValue(PULSE_SECRET_FORMAT)
    const matcher = new KeyMatcher([list('pulse', [apiKey('pk1', id, 'Ingest')])], new Map(), names)
    const [paired] = findInText(`${id}\n${secret}`, compiled)
    expect(matcher.identify(paired!, 'a')).toMatchObject({ verdict: 'match', matches: [{ keyName: 'Ingest' }] })
    const [lone] = findInText(secret, compiled)
    expect(matcher.identify(lone!, 'b')).toMatchObject({ verdict: 'unknown', matches: [] })
  })

  it('says unknown when no list has the key (not signed in anywhere)', () => {
    const [find] = findInText(newKeyValue(GATEWAY_KEY_FORMAT), compiled)
    expect(new KeyMatcher([], new Map(), names).identify(find!, 'c')).toMatchObject({
      verdict: 'unknown',
      label: 'gateway key',
    })
  })
})
