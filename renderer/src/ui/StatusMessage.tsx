import type { ReactNode } from 'react'

/** A quiet, polite status line (loading, waiting). */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <p className="status-message" role="status">
      {children}
    </p>
  )
}
