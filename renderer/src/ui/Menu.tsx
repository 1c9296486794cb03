import { useCallback, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { popupPosition, useDismissOnOutside } from './popup'
import './menu.css'

export interface MenuAction {
  id: string
  label: string
  onSelect: () => void
  /** Shown but not chosen; the reason is read as the item's description. */
  disabledReason?: string | null
  danger?: boolean
  /** A ticked/unticked item (role menuitemcheckbox); choosing it keeps the menu open. */
  checked?: boolean
}

export interface MenuProps {
  /** The button's accessible name ("More actions", "Columns"). */
  label: string
  /** What the button shows; its label by default. */
  buttonContent?: ReactNode
  buttonClassName?: string
  /** Ids describing the button (e.g. the row's name cell). */
  describedBy?: string
  items: readonly MenuAction[]
}

interface Position {
  top: number
  left: number
}

/**
 * A menu button (WAI-ARIA menu pattern): the button opens a `role="menu"` list; arrow keys, Home and
 * End move between items, Enter/Space choose, Escape closes and returns focus to the button, Tab or a
 * click outside closes it. Placed `fixed` under the button, so a scroll box never clips it.
 */
export function Menu({ label, buttonContent, buttonClassName, describedBy, items }: MenuProps) {
  const [open, setOpen] = useState<'first' | 'last' | null>(null)
  const [position, setPosition] = useState<Position | null>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLUListElement>(null)
  const menuId = useId()

  const close = useCallback((refocus: boolean) => {
    setOpen(null)
    if (refocus) buttonRef.current?.focus()
  }, [])

  useLayoutEffect(() => {
    if (!open) return
    const button = buttonRef.current?.getBoundingClientRect()
    const menu = menuRef.current
    if (!button || !menu) return
    setPosition(popupPosition(button, menu, 'end'))
    const entries = menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')
    ;(open === 'last' ? entries[entries.length - 1] : entries[0])?.focus()
  }, [open])

  useDismissOnOutside(open !== null, menuRef, buttonRef, close)

  function onButtonKey(event: React.KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      event.stopPropagation()
      setOpen(event.key === 'ArrowUp' ? 'last' : 'first')
    }
  }

  function onMenuKey(event: React.KeyboardEvent<HTMLUListElement>) {
    const entries = [...event.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]')]
    const at = entries.indexOf(document.activeElement as HTMLElement)
    const move = (to: number) => entries[(to + entries.length) % entries.length]?.focus()
    event.stopPropagation()
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        move(at + 1)
        break
      case 'ArrowUp':
        event.preventDefault()
        move(at - 1)
        break
      case 'Home':
        event.preventDefault()
        move(0)
        break
      case 'End':
        event.preventDefault()
        move(entries.length - 1)
        break
      case 'Escape':
        event.preventDefault()
        close(true)
        break
      case 'Tab':
        close(false)
        break
      default: {
        // Type-ahead: the next item starting with the letter typed.
        if (event.key.length !== 1) return
        const letter = event.key.toLowerCase()
        const order = [...entries.slice(at + 1), ...entries.slice(0, at + 1)]
        order.find((entry) => entry.textContent?.trim().toLowerCase().startsWith(letter))?.focus()
      }
    }
  }

  function choose(item: MenuAction) {
    if (item.disabledReason) return
    if (item.checked === undefined) close(true)
    item.onSelect()
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={buttonClassName ?? 'button'}
        aria-label={buttonContent === undefined ? undefined : label}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        aria-describedby={describedBy}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
      >
        {buttonContent ?? label}
      </button>
      {open ? (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu"
          style={position ? { top: position.top, left: position.left } : { top: 0, left: 0, opacity: 0 }}
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <MenuEntry key={item.id} item={item} onChoose={choose} />
          ))}
        </ul>
      ) : null}
    </>
  )
}

function MenuEntry({ item, onChoose }: { item: MenuAction; onChoose: (item: MenuAction) => void }) {
  const reasonId = useId()
  const checkable = item.checked !== undefined
  const className = [
    'menu__item',
    item.danger ? 'menu__item--danger' : '',
    item.disabledReason ? 'menu__item--off' : '',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <li
      role={checkable ? 'menuitemcheckbox' : 'menuitem'}
      aria-checked={checkable ? item.checked : undefined}
      aria-disabled={item.disabledReason ? true : undefined}
      aria-describedby={item.disabledReason ? reasonId : undefined}
      tabIndex={-1}
      className={className}
      onClick={() => onChoose(item)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault()
          onChoose(item)
        }
      }}
    >
      {checkable ? (
        <span className="menu__check" aria-hidden="true">
          {item.checked ? '✓' : ''}
        </span>
      ) : null}
      {item.label}
      {item.disabledReason ? (
        <span id={reasonId} className="menu__reason">
          {item.disabledReason}
        </span>
      ) : null}
    </li>
  )
}
