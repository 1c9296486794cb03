import { create } from 'zustand'
import type { ExportFormatName, ExportResult } from '@shared/contracts/table'
import type { Result } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'

/** Which export a message is about: the key table's or the audit log's. */
export type ExportSubject = 'keys' | 'audit'

export interface ExportMessage {
  subject: ExportSubject
  kind: 'done' | 'cancelled' | 'error'
  text: string
}

export interface ExportState {
  busy: ExportSubject | null
  message: ExportMessage | null
  /** Exports the keys with these ids (the table's rows after filters, in their order). */
  exportKeys: (keyIds: readonly string[], format: ExportFormatName) => Promise<void>
  exportAuditLog: (format: ExportFormatName) => Promise<void>
  dismiss: () => void
}

const count = new Intl.NumberFormat()
const asOf = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function messageOf(subject: ExportSubject, result: Result<ExportResult>): ExportMessage {
  if (!result.ok) return { subject, kind: 'error', text: `Export failed: ${result.error.message}` }
  if (!result.value.saved) return { subject, kind: 'cancelled', text: 'Export cancelled; nothing was saved.' }
  const { rows, path, cachedAt } = result.value
  const what = subject === 'keys' ? (rows === 1 ? 'key' : 'keys') : rows === 1 ? 'entry' : 'entries'
  // Offline, main builds the file from the saved copy: say how old it is.
  const from = cachedAt ? ` from the offline copy as of ${asOf.format(Date.parse(cachedAt))}` : ''
  return { subject, kind: 'done', text: `Exported ${count.format(rows)} ${what}${from}${path ? ` to ${path}` : ''}.` }
}

/** Export: main builds the file from its own list (the renderer sends ids only) and saves it. */
export const useExportStore = create<ExportState>()((set, get) => {
  const run = async (subject: ExportSubject, call: () => Promise<Result<ExportResult>>): Promise<void> => {
    if (get().busy) return
    set({ busy: subject, message: null })
    const result = await call()
    set({ busy: null, message: messageOf(subject, result) })
  }
  return {
    busy: null,
    message: null,
    exportKeys: (keyIds, format) =>
      keyIds.length === 0
        ? Promise.resolve(set({ message: { subject: 'keys', kind: 'error', text: 'There are no keys to export.' } }))
        : run('keys', () => invoke('exportKeys', { keyIds: [...keyIds], format })),
    exportAuditLog: (format) => run('audit', () => invoke('exportAuditLog', { format })),
    dismiss: () => set({ message: null }),
  }
})
