import { z } from 'zod'
import { call } from '../contract-kit'

/**
 * The table part of the IPC contract: exporting what the key table shows, and the audit log (the
 * renderer sends key ids only; the core builds the file from its own list of the active profile),
 * and the table's layout (columns, widths, sort, filter) remembered per profile and account.
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
  /**
   * Set when the server could not be reached and the file was built from the offline cache instead:
   * when that list was read from the server, ISO 8601.
   */
  cachedAt?: string
}

const format = z.enum(exportFormats, { error: 'The export format is csv or json.' })

/** Bounds of a saved table layout: small, and never a place to keep data. */
export const MAX_LAYOUT_COLUMNS = 20
export const MIN_COLUMN_WIDTH = 48
export const MAX_COLUMN_WIDTH = 1200
export const MAX_LAYOUT_FILTER_CHARS = 200

/** The status filter's values (the renderer's `StatusFilter`). */
export const layoutStatusFilters = ['all', 'active', 'disabled', 'expired', 'expires-soon'] as const

/**
 * A column's id: a short name, not a closed list, so a layout saved for a column this version or
 * this dialect does not have is still read (and that column ignored) rather than refused whole.
 */
const columnId = z
  .string({ error: 'A column id is a string.' })
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'A column id is a short name: a letter, then letters, digits, - or _.')
const columnList = (what: string) =>
  z
    .array(columnId)
    .max(MAX_LAYOUT_COLUMNS, `A layout lists at most ${MAX_LAYOUT_COLUMNS} ${what} columns.`)
    .refine((ids) => new Set(ids).size === ids.length, `The ${what} columns list a column twice.`)

export const tableLayoutSchema = z
  .object({
    /** Data columns the user hid (Name and the control columns are never hidden). */
    hidden: columnList('hidden'),
    /** The data columns, left to right; columns not listed keep their default place after these. */
    order: columnList('ordered'),
    /** Widths in CSS pixels of the columns the user resized. */
    widths: z
      .record(
        columnId,
        z
          .number({ error: 'A column width is a number of pixels.' })
          .int('A column width is a whole number of pixels.')
          .min(MIN_COLUMN_WIDTH, `A column is at least ${MIN_COLUMN_WIDTH} pixels wide.`)
          .max(MAX_COLUMN_WIDTH, `A column is at most ${MAX_COLUMN_WIDTH} pixels wide.`),
      )
      .refine(
        (widths) => Object.keys(widths).length <= MAX_LAYOUT_COLUMNS,
        `A layout sizes at most ${MAX_LAYOUT_COLUMNS} columns.`,
      ),
    sort: z.object({ column: columnId, desc: z.boolean({ error: 'desc is true or false.' }) }).strict(),
    filterText: z
      .string({ error: 'The filter is text.' })
      .max(MAX_LAYOUT_FILTER_CHARS, `A remembered filter is at most ${MAX_LAYOUT_FILTER_CHARS} characters.`),
    status: z.enum(layoutStatusFilters, {
      error: `The status filter is one of ${layoutStatusFilters.join(', ')}.`,
    }),
  })
  .strict()

export type TableLayout = z.infer<typeof tableLayoutSchema>

/** Whose layout: a profile, and the account (wallet) where the profile has accounts. */
const layoutScope = {
  profileId: z.string({ error: 'profileId is a string.' }).min(1, 'profileId is empty.').max(200),
  accountId: z
    .string({ error: 'accountId is a string or null.' })
    .min(1, 'accountId is empty.')
    .max(200, 'accountId is at most 200 characters.')
    .nullable(),
}

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
  /** The key table's layout last saved for this profile and account; null when there is none. */
  tableLayout: call<TableLayout | null>()(z.object(layoutScope).strict()),
  /** Remembers the key table's layout for this profile and account (the renderer debounces it). */
  saveTableLayout: call<void>()(z.object({ ...layoutScope, layout: tableLayoutSchema }).strict()),
}

export const tableEvents = {}
