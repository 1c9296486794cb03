import { Alert } from './Alert'

/** Several messages in one alert, a line each; nothing when there are none. */
export function AlertLines({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null
  return (
    <Alert>
      {lines.map((line) => (
        <span key={line} className="alert__line">
          {line}
        </span>
      ))}
    </Alert>
  )
}
