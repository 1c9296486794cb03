/** A warning triangle; decorative, so the caller supplies the accessible name. */
export function WarningIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M8 1.5 15 14H1L8 1.5Zm0 2.1L2.7 13h10.6L8 3.6Z" />
      <path fill="currentColor" d="M7.25 6h1.5v3.75h-1.5zM7.25 10.75h1.5v1.5h-1.5z" />
    </svg>
  )
}
