import type { DialectCapabilities } from '../../../../shared/domain/capabilities'

export type KeyColumn = 'name' | 'key' | 'permissions' | 'status' | 'expiry' | 'notes' | 'lastUsed' | 'created'

/** The table's columns for a dialect: expiry and notes only where keys have them. */
export function keyColumns(capabilities: Pick<DialectCapabilities, 'hasExpiry' | 'hasNotes'>): KeyColumn[] {
  return [
    'name',
    'key',
    'permissions',
    'status',
    ...(capabilities.hasExpiry ? (['expiry'] as const) : []),
    ...(capabilities.hasNotes ? (['notes'] as const) : []),
    'lastUsed',
    'created',
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
    case 'created':
      return 'Created'
  }
}
