import { z } from 'zod'
import { tableLayoutSchema, type TableLayout } from '@shared/contracts/table'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import type { SettingsStore } from './settings-store'

const KEY = 'tableLayouts'
/** Layouts kept per profile (one per account); the least recently saved go first beyond this. */
export const MAX_LAYOUTS_PER_PROFILE = 50

const entrySchema = z.object({ savedAt: z.string(), layout: tableLayoutSchema }).strict()
type Entry = z.infer<typeof entrySchema>
/** profile id → account id ('' for none) → entry; read leniently, entry by entry. */
const storedSchema = z.record(z.string(), z.record(z.string(), z.unknown()))

export interface TableLayoutsDeps {
  store: SettingsStore
  clock: Clock
  /** Whether a profile still exists: a layout is saved for a known profile only. */
  profileExists: (profileId: string) => boolean
  /** Whether text holds something shaped like a key value or secret: such a filter is not remembered. */
  holdsKeyValue: (text: string) => boolean
}

const accountKey = (accountId: string | null): string => accountId ?? ''

/**
 * The key table's layout (hidden columns, order, widths, sort, filter) per profile and account, in the
 * settings store. Column ids, numbers and the filter the user typed; never key data: a filter that
 * holds something shaped like a key value is saved empty. A damaged entry is skipped, not fatal.
 */
export class TableLayouts {
  constructor(private readonly deps: TableLayoutsDeps) {}

  get(profileId: string, accountId: string | null): TableLayout | null {
    const entries = this.all().get(profileId)
    return entries?.get(accountKey(accountId))?.layout ?? null
  }

  save(profileId: string, accountId: string | null, layout: TableLayout): void {
    if (!this.deps.profileExists(profileId)) throw new AppError('NOT_FOUND', 'That profile no longer exists.')
    // `layout` passed the contract's schema at the IPC boundary (dispatch refuses anything else).
    const clean: TableLayout = {
      ...layout,
      filterText: this.deps.holdsKeyValue(layout.filterText) ? '' : layout.filterText,
    }
    const all = this.all()
    const entries = all.get(profileId) ?? new Map<string, Entry>()
    entries.delete(accountKey(accountId))
    entries.set(accountKey(accountId), { savedAt: new Date(this.deps.clock.now()).toISOString(), layout: clean })
    // Insertion order is save order: the oldest go first.
    while (entries.size > MAX_LAYOUTS_PER_PROFILE) entries.delete(entries.keys().next().value as string)
    all.set(profileId, entries)
    this.write(all)
  }

  /** A removed profile's layouts go with it. */
  forget(profileId: string): void {
    const all = this.all()
    if (all.delete(profileId)) this.write(all)
  }

  private all(): Map<string, Map<string, Entry>> {
    const parsed = storedSchema.safeParse(this.deps.store.get(KEY))
    const all = new Map<string, Map<string, Entry>>()
    if (!parsed.success) return all
    for (const [profileId, accounts] of Object.entries(parsed.data)) {
      const entries = new Map<string, Entry>()
      const valid = Object.entries(accounts).flatMap(([account, value]) => {
        const entry = entrySchema.safeParse(value)
        return entry.success ? [[account, entry.data] as const] : []
      })
      for (const [account, entry] of valid.sort((a, b) => a[1].savedAt.localeCompare(b[1].savedAt)))
        entries.set(account, entry)
      if (entries.size > 0) all.set(profileId, entries)
    }
    return all
  }

  /** Own properties only (Object.fromEntries), so no id can reach a prototype. */
  private write(all: Map<string, Map<string, Entry>>): void {
    this.deps.store.set(
      KEY,
      Object.fromEntries([...all].map(([profileId, entries]) => [profileId, Object.fromEntries(entries)])),
    )
  }
}
