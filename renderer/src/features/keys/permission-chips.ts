import type { ApiKey } from '../../../../shared/domain/api-key'
// BRIDGE (the renderer helper replaces this file): labels come from capabilities.resources there;
// until then a chip shows the resource id.
const resourceLabels = new Map<string, string>()

export interface PermissionChip {
  key: string
  /** "Payments · Change", "Reports · View". */
  text: string
  /** The same permission in the dialect's own words, for the tooltip. */
  title: string
}

/** The key's grid as chips, one per resource; its native words where the grid could not read them. */
export function permissionChips(apiKey: Pick<ApiKey, 'permissions' | 'nativePermissions'>): PermissionChip[] {
  const native = apiKey.nativePermissions
  const entries = Object.entries(apiKey.permissions)
  if (entries.length === 0) return native.map((word) => ({ key: word, text: word, title: word }))
  return entries.map(([resource, access]) => {
    const words = native.filter((word) => word.toLowerCase().includes(resource.toLowerCase()))
    return {
      key: resource,
      text: `${resourceLabels.get(resource) ?? resource} · ${access === 'change' ? 'Change' : 'View'}`,
      title: (words.length > 0 ? words : native).join(', '),
    }
  })
}
