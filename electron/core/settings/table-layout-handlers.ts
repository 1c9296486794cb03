import type { CallHandlers } from '../ipc/dispatch'
import type { TableLayouts } from './table-layouts'

/** The key table's remembered layout, per profile and account. */
export function tableLayoutHandlers(layouts: TableLayouts): Pick<CallHandlers, 'tableLayout' | 'saveTableLayout'> {
  return {
    tableLayout: async ({ profileId, accountId }) => layouts.get(profileId, accountId),
    saveTableLayout: async ({ profileId, accountId, layout }) => layouts.save(profileId, accountId, layout),
  }
}
