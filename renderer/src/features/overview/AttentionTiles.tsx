import { bucketLabels, type AttentionBucket } from '@shared/domain/attention'

const shownAlways: readonly AttentionBucket[] = [
  'expired',
  'expiring-7',
  'expiring-30',
  'never-used',
  'idle-90',
  'no-expiry',
  'broad',
  'rotation-due',
  'disabled',
  'pending-revocation',
]
// Shown only when some key's dates could not be read: never guessed into another tile.
const shownWhenAny: readonly AttentionBucket[] = ['expiry-unknown', 'last-use-unknown']
const urgent: ReadonlySet<AttentionBucket> = new Set(['expired', 'expiring-7', 'rotation-due'])

export interface AttentionTilesProps {
  counts: Readonly<Record<AttentionBucket, number>>
  /** Opens the table filtered to a tile's keys; without it the tiles are plain figures. */
  onOpen?: (bucket: AttentionBucket) => void
  /** Added to each tile's accessible name where several profiles' tiles share a page. */
  context?: string
}

/** A count per attention bucket; each a button that opens the table filtered to exactly those keys. */
export function AttentionTiles({ counts, onOpen, context }: AttentionTilesProps) {
  const buckets = [...shownAlways, ...shownWhenAny.filter((bucket) => counts[bucket] > 0)]
  return (
    <ul className="tiles">
      {buckets.map((bucket) => {
        const count = counts[bucket]
        const tone = count > 0 && urgent.has(bucket) ? ' tile--urgent' : ''
        // The visible words lead the accessible name ("3 Expired in Production (show these keys)").
        const body = (
          <>
            <span className="tile__count">{count}</span> <span className="tile__label">{bucketLabels[bucket]}</span>
            {onOpen ? (
              <span className="visually-hidden">{context ? `in ${context} ` : ''}(show these keys)</span>
            ) : null}
          </>
        )
        return (
          <li key={bucket}>
            {onOpen ? (
              <button type="button" className={`tile${tone}`} data-bucket={bucket} onClick={() => onOpen(bucket)}>
                {body}
              </button>
            ) : (
              <div className={`tile tile--static${tone}`} data-bucket={bucket}>
                {body}
              </div>
            )}
          </li>
        )
      })}
    </ul>
  )
}
