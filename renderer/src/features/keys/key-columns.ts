import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeySortColumn } from './key-filter'

/** The columns shown; the pipeline can also sort by `created`, which the table does not show. */
export type KeyColumn = Exclude<KeySortColumn, 'created'> | 'actions' | 'select'

/** Columns that are not data: never sorted, never hidden. */
export function isControlColumn(column: KeyColumn): column is 'actions' | 'select' {
  return column === 'actions' || column === 'select'
}

/** Whether the user may hide the column: the data columns but Name (each row's header). */
export function canHide(column: KeyColumn): boolean {
  return !isControlColumn(column) && column !== 'name'
}

/** The table's columns for a dialect: expiry and notes only where keys have them. */
export function keyColumns(capabilities: Pick<DialectCapabilities, 'hasExpiry' | 'hasNotes'>): KeyColumn[] {
  return [
    'select',
    'name',
    'permissions',
    'status',
    ...(capabilities.hasExpiry ? (['expiry'] as const) : []),
    ...(capabilities.hasNotes ? (['notes'] as const) : []),
    'lastUsed',
    'key',
    'actions',
  ]
}

export function columnTitle(column: KeyColumn, capabilities: Pick<DialectCapabilities, 'permissionsLabel'>): string {
  switch (column) {
    case 'name':
      return 'Name'
    case 'key':
      return 'Key'
    case 'permissions':
      return capabilities.permissionsLabel
    case 'status':
      return 'Status'
    case 'expiry':
      return 'Expiry date'
    case 'notes':
      return 'Notes'
    case 'lastUsed':
      return 'Last used'
    case 'actions':
      return 'Actions'
    case 'select':
      return 'Select'
  }
}

/** "Last used" sorts most recent first on the first click; everything else A to Z, soonest first. */
export function sortsDescendingFirst(column: KeySortColumn): boolean {
  return column === 'lastUsed' || column === 'created'
}
