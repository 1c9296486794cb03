import type { Table } from '@tanstack/react-table'
import { useId, useLayoutEffect, useState, type KeyboardEvent } from 'react'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import { canHide, columnTitle, isControlColumn, type KeyColumn } from '../key-columns'
import type { KeyView } from '../key-filter'
import { pinnedOrder } from './layout-state'
import { moveColumn } from './move-column'
import { usePopupMenu } from './use-popup-menu'
import '@renderer/ui/menu.css'
import './columns.css'

export interface ColumnChooserProps {
  table: Table<KeyView>
  /** Every column of the dialect, in the default order. */
  columns: readonly KeyColumn[]
  capabilities: Pick<DialectCapabilities, 'permissionsLabel'>
}

type Part = 'show' | 'left' | 'right'
const PARTS: readonly Part[] = ['show', 'left', 'right']

/** Where focus goes after a change re-renders the menu: the same part of the same column. */
interface Spot {
  column: string
  part: Part | 'reset'
}

/**
 * "Columns": a menu button whose menu lists the data columns in their order, each a group of a tick
 * (shown or hidden; Name always shown) and "Move left"/"Move right". Up/Down go from column to column,
 * Left/Right between a column's tick and its moves, Enter/Space act and keep the menu open, Escape
 * closes it and returns to the button. The control columns (select, actions) never move or hide.
 */
export function ColumnChooser({ table, columns, capabilities }: ColumnChooserProps) {
  const { open, show, close, buttonRef, menuRef, style } = usePopupMenu()
  const [spot, setSpot] = useState<Spot | null>(null)
  const menuId = useId()

  const order = table.getState().columnOrder
  const data = pinnedOrder(columns, order).filter((id) => !isControlColumn(id as KeyColumn)) as KeyColumn[]

  // Focus follows the spot: the first tick on opening, then the part the user acted on (it may have moved).
  useLayoutEffect(() => {
    if (!open) return
    const menu = menuRef.current
    const target = spot
      ? menu?.querySelector<HTMLElement>(`[data-column="${spot.column}"][data-part="${spot.part}"]`)
      : menu?.querySelector<HTMLElement>('[data-part="show"]')
    target?.focus()
  }, [open, spot, order, style, menuRef])

  function act(column: KeyColumn | null, part: Part | 'reset') {
    if (part === 'reset') {
      table.setColumnVisibility({})
      table.setColumnOrder(pinnedOrder(columns, []))
      table.setColumnSizing({})
      setSpot({ column: '', part: 'reset' })
      return
    }
    if (!column) return
    setSpot({ column, part })
    if (part === 'show') {
      if (canHide(column)) table.getColumn(column)?.toggleVisibility()
      return
    }
    const next = moveColumn(data, column, part === 'left' ? -1 : 1)
    if (next) table.setColumnOrder(pinnedOrder(columns, next))
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-part]')
    const column = (item?.dataset.column ?? '') as KeyColumn | ''
    const part = (item?.dataset.part ?? 'show') as Part | 'reset'
    const rows = [...data, 'reset' as const]
    const row = part === 'reset' ? data.length : data.indexOf(column as KeyColumn)
    const goRow = (to: number) => {
      const target = rows[(to + rows.length) % rows.length]!
      setSpot(
        target === 'reset' ? { column: '', part: 'reset' } : { column: target, part: part === 'reset' ? 'show' : part },
      )
    }
    event.stopPropagation()
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        goRow(row + 1)
        break
      case 'ArrowUp':
        event.preventDefault()
        goRow(row - 1)
        break
      case 'ArrowRight':
      case 'ArrowLeft': {
        event.preventDefault()
        if (part === 'reset') break
        const at = PARTS.indexOf(part) + (event.key === 'ArrowRight' ? 1 : -1)
        setSpot({ column, part: PARTS[(at + PARTS.length) % PARTS.length]! })
        break
      }
      case 'Home':
        event.preventDefault()
        goRow(0)
        break
      case 'End':
        event.preventDefault()
        goRow(rows.length - 1)
        break
      case 'Enter':
      case ' ':
        event.preventDefault()
        act(column || null, part)
        break
      case 'Escape':
        event.preventDefault()
        close(true)
        break
      case 'Tab':
        close(false)
        break
    }
  }

  const hiddenCount = data.filter((column) => table.getColumn(column)?.getIsVisible() === false).length

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : (setSpot(null), show()))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault()
            setSpot(null)
            show()
          }
        }}
      >
        Columns{hiddenCount > 0 ? ` (${hiddenCount} hidden)` : ''}
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Columns"
          className="menu column-chooser"
          style={style}
          onKeyDown={onMenuKey}
        >
          {data.map((column, at) => {
            const title = columnTitle(column, capabilities)
            const shown = table.getColumn(column)?.getIsVisible() !== false
            const hideable = canHide(column)
            return (
              <div key={column} role="group" aria-label={title} className="column-chooser__row">
                <div
                  role="menuitemcheckbox"
                  aria-checked={shown}
                  aria-disabled={hideable ? undefined : true}
                  title={hideable ? undefined : `${title} is always shown`}
                  tabIndex={-1}
                  data-column={column}
                  data-part="show"
                  className={
                    hideable ? 'menu__item column-chooser__show' : 'menu__item menu__item--off column-chooser__show'
                  }
                  onClick={() => act(column, 'show')}
                >
                  <span className="menu__check" aria-hidden="true">
                    {shown ? '✓' : ''}
                  </span>
                  {title}
                </div>
                <MoveItem column={column} title={title} part="left" off={at === 0} onAct={act} />
                <MoveItem column={column} title={title} part="right" off={at === data.length - 1} onAct={act} />
              </div>
            )
          })}
          <div
            role="menuitem"
            tabIndex={-1}
            data-column=""
            data-part="reset"
            className="menu__item column-chooser__reset"
            onClick={() => act(null, 'reset')}
          >
            Reset columns
          </div>
        </div>
      ) : null}
    </>
  )
}

function MoveItem(props: {
  column: KeyColumn
  title: string
  part: 'left' | 'right'
  off: boolean
  onAct: (column: KeyColumn, part: Part) => void
}) {
  const { column, title, part, off, onAct } = props
  return (
    <div
      role="menuitem"
      aria-label={`Move ${title} ${part}`}
      aria-disabled={off ? true : undefined}
      tabIndex={-1}
      data-column={column}
      data-part={part}
      className={off ? 'menu__item menu__item--off column-chooser__move' : 'menu__item column-chooser__move'}
      onClick={() => onAct(column, part)}
    >
      <span aria-hidden="true">{part === 'left' ? '◀' : '▶'}</span>
    </div>
  )
}
