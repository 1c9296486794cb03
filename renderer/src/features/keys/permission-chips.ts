import type { ApiKey } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'

/** Resource id → label ("payments" → "Payments"), from the dialect's capabilities. */
export type ResourceLabels = ReadonlyMap<string, string>

/** The labels a profile's capabilities give its resources; none known reads each resource by its id. */
export function resourceLabelsOf(resources: DialectCapabilities['resources'] | undefined): ResourceLabels {
  return new Map((resources ?? []).map((resource) => [resource.id, resource.label]))
}

export interface PermissionChip {
  key: string
  /** "Payments · Change", "Reports · View". */
  text: string
  /** The same permission in the dialect's own words, for the tooltip. */
  title: string
}

/** The key's grid as chips, one per resource; its native words where the grid could not read them. */
export function permissionChips(
  apiKey: Pick<ApiKey, 'permissions' | 'nativePermissions'>,
  labels: ResourceLabels,
): PermissionChip[] {
  const native = apiKey.nativePermissions
  const entries = Object.entries(apiKey.permissions)
  if (entries.length === 0) return native.map((word) => ({ key: word, text: word, title: word }))
  return entries.map(([resource, access]) => {
    const words = native.filter((word) => word.toLowerCase().includes(resource.toLowerCase()))
    return {
      key: resource,
      text: `${labels.get(resource) ?? resource} · ${access === 'change' ? 'Change' : 'View'}`,
      title: (words.length > 0 ? words : native).join(', '),
    }
  })
}

/**
 * How many chips fit in `budget` characters (each chip costs its text and its padding); the rest
 * go behind a "+N". At least one is shown.
 */
export function fittingChipCount(chips: readonly PermissionChip[], budget: number): number {
  let used = 0
  for (let i = 0; i < chips.length; i++) {
    used += chips[i]!.text.length + 3
    // The "+N" needs room too, unless this is the last chip.
    const reserve = i < chips.length - 1 ? 4 : 0
    if (used + reserve > budget) return Math.max(1, i)
  }
  return chips.length
}
