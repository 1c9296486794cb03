import type { ReactNode } from 'react'

/** An error the user should notice; role="alert" so screen readers announce it. */
export function Alert({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="alert" role="alert">
      <span className="alert__message">{children}</span>
      {action ? <span className="alert__action">{action}</span> : null}
    </div>
  )
}
