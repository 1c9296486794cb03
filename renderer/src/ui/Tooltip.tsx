import { useId, type ReactElement, type ReactNode } from 'react'

export interface TooltipProps {
  /** The tooltip's text, shown on hover and on focus of the trigger. */
  content: ReactNode
  /** Renders the (focusable) trigger with the id of the tooltip to put in its aria-describedby. */
  children: (tooltipId: string) => ReactElement
  className?: string
}

/** A tooltip (role=tooltip) that describes its trigger and shows while the trigger is hovered or focused. */
export function Tooltip({ content, children, className }: TooltipProps) {
  const id = useId()
  return (
    <span className={className ? `has-tooltip ${className}` : 'has-tooltip'}>
      {children(id)}
      <span id={id} role="tooltip" className="tooltip">
        {content}
      </span>
    </span>
  )
}
