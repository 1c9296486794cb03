import type { ReactNode } from 'react'

export type BadgeTone = 'positive' | 'neutral' | 'warning' | 'chip'

export function Badge({ tone, title, children }: { tone: BadgeTone; title?: string; children: ReactNode }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  )
}
