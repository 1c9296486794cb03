import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import type { ExportResult } from '@shared/contracts/table'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import type { CallHandlers } from '../ipc/dispatch'
import type { PlatformPort } from '../platform'

import type { ExportSource } from './export-source'
import { auditExport, inventoryExport, type ExportFile } from './inventory-export'

type SaveFile = NonNullable<PlatformPort['saveFile']>

export interface ExportDeps {
  /**
   * The core's own list of the active profile (never rows the renderer sent), and the profile's name;
   * offline, the cached list and when it was read (`exportSource`).
   */
  listed(): Promise<ExportSource>
  auditLog(): Promise<readonly LocalAuditEntry[]>
  platform: Pick<PlatformPort, 'saveFile'>
  clock: Clock
}

/** A bare, portable file name part: letters, digits, dot, dash and underscore only. */
function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 60) || 'profile'
  )
}

/** The export calls: the key table's rows (by id) and the audit log, saved where the user chooses. */
export function exportHandlers(
  deps: ExportDeps,
  unlocked: <T>(run: () => Promise<T>) => Promise<T>,
): Pick<CallHandlers, 'exportKeys' | 'exportAuditLog'> {
  const day = (): string => new Date(deps.clock.now()).toISOString().slice(0, 10)

  /** Asked before any work, so a platform that cannot save says so at once. */
  const savePort = (): SaveFile => {
    const saveFile = deps.platform.saveFile?.bind(deps.platform)
    if (!saveFile) throw new AppError('VALIDATION', 'Exporting is not available here: this window cannot save files.')
    return saveFile
  }
  const save = async (saveFile: SaveFile, file: ExportFile, rows: number): Promise<ExportResult> => {
    const result = await saveFile(file.suggestedName, file.content, file.filters)
    return result.saved ? { saved: true, path: result.where, rows } : { saved: false, rows: 0 }
  }

  return {
    exportKeys: async ({ keyIds, format }) =>
      unlocked(async () => {
        const saveFile = savePort()
        const { profileName, keys, cachedAt } = await deps.listed()
        const known = new Set(keys.map((key) => key.id))
        const missing = keyIds.filter((id) => !known.has(id))
        if (missing.length > 0)
          throw new AppError(
            'CONFLICT',
            `${missing.length} of the keys to export ${missing.length === 1 ? 'is' : 'are'} no longer in “${profileName}”; refresh the list and export again.`,
          )
        const file = inventoryExport(keys, keyIds, format, `keywarden-${slug(profileName)}-keys-${day()}`)
        const result = await save(saveFile, file, keyIds.length)
        return cachedAt === undefined || !result.saved ? result : { ...result, cachedAt }
      }),
    exportAuditLog: async ({ format }) =>
      unlocked(async () => {
        const saveFile = savePort()
        const entries = await deps.auditLog()
        return save(saveFile, auditExport(entries, format, `keywarden-audit-log-${day()}`), entries.length)
      }),
  }
}
