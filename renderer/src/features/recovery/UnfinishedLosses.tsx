import type { UnfinishedOperation } from '@shared/contracts/journal'

/** The list of what giving up a profile's unfinished operations would lose. */
export function UnfinishedLosses({ unfinished }: { unfinished: UnfinishedOperation[] }) {
  if (unfinished.length === 0) return null
  return (
    <>
      <p className="key-dialog__warning">
        {unfinished.length === 1
          ? 'One operation is not finished yet; it will be lost:'
          : `${unfinished.length} operations are not finished yet; they will be lost:`}
      </p>
      <ul data-testid="unfinished-losses">
        {unfinished.map((operation, index) => (
          <li key={index}>{operation.loss}</li>
        ))}
      </ul>
    </>
  )
}
