import { z } from 'zod'
import { call } from '../contract-kit'

/**
 * The table part of the IPC contract: exporting what the key table shows, and the audit log. The
 * renderer sends key ids only; the core builds the file from its own list of the active profile.
 */

export const exportFormats = ['csv', 'json'] as const
export type ExportFormatName = (typeof exportFormats)[number]

/** Most keys one export takes. */
export const MAX_EXPORT_KEYS = 200_000

export interface ExportResult {
  /** False when the user cancelled the save dialog. */
  saved: boolean
  /** Where the file went (a path on the desktop, the file name of a browser download). */
  path?: string
  /** Data rows written (the header not counted). */
  rows: number
}

const format = z.enum(exportFormats, { error: 'The export format is csv or json.' })

export const tableCalls = {
  /** Saves the given keys of the active profile, in the given order, as CSV or JSON: metadata only, never a value. */
  exportKeys: call<ExportResult>()(
    z
      .object({
        keyIds: z
          .array(z.string().min(1).max(200))
          .min(1, 'There are no keys to export.')
          .max(MAX_EXPORT_KEYS, `An export takes at most ${MAX_EXPORT_KEYS} keys.`),
        format,
      })
      .strict(),
  ),
  /** Saves this computer's audit log, newest first. */
  exportAuditLog: call<ExportResult>()(z.object({ format }).strict()),
}

export const tableEvents = {}
