import type { CallHandlers } from '../ipc/dispatch'
import { compileRecognizers, findInText } from '../identify/find-candidates'
import { allRecognizers } from '../identify/recognizers'
import type { TableLayouts } from './table-layouts'

/** Whether text holds a value in one of the dialects' key shapes (checksum included where they have one). */
export function holdsKeyValue(): (text: string) => boolean {
  const compiled = compileRecognizers(allRecognizers())
  return (text) => text !== '' && findInText(text, compiled).some((find) => find.publicId === null)
}

/** The key table's remembered layout, per profile and account. */
export function tableLayoutHandlers(layouts: TableLayouts): Pick<CallHandlers, 'tableLayout' | 'saveTableLayout'> {
  return {
    tableLayout: async ({ profileId, accountId }) => layouts.get(profileId, accountId),
    saveTableLayout: async ({ profileId, accountId, layout }) => layouts.save(profileId, accountId, layout),
  }
}
