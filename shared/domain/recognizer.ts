/** How a key format proves itself: the sandbox's keys end in a CRC32 of their random part, in base62. */
export type ChecksumKind = 'crc32-base62' | 'none'

/** A secret that authenticates (a key value, a pulse secret), or a public id that only names a key. */
export type CandidateKind = 'key' | 'secret' | 'key-id'

/** How the key list shows a key: `apk_abc***xyz` (prefix, first and last three), or whole (public ids). */
export type Masking = 'first3-last3' | 'whole'

/** One key shape a dialect issues. Plain data: it crosses into the scan workers as is. */
export interface KeyShape {
  /** Stable id within its dialect, e.g. `key`, `secret`, `key-id`. */
  readonly id: string
  /** For the user: "gateway key". */
  readonly label: string
  readonly kind: CandidateKind
  /** e.g. `apk_`; '' for a bare secret. */
  readonly prefix: string
  /** The symbols after the prefix, as the body of a regular-expression character class: `0-9A-Za-z`. */
  readonly alphabet: string
  /** How many symbols follow the prefix, checksum included. */
  readonly length: { min: number; max: number }
  readonly checksum: ChecksumKind
  readonly masking: Masking
}

/** What a dialect declares so a key can be found from its value. */
export interface KeyRecognizer {
  readonly dialect: string
  readonly shapes: readonly KeyShape[]
  /** A public id and a secret that belong together (pulse): found within `maxLines` lines of each other, one candidate. */
  readonly pair?: { idShape: string; secretShape: string; maxLines: number }
}
