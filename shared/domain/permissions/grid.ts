/**
 * The permission grid: rows are resources, columns are View and Change; Change implies View.
 * A resource that is absent has no access. Every dialect's vocabulary maps onto this.
 */
export type Access = 'view' | 'change'
export type PermissionGrid = Readonly<Record<string, Access>>

export interface GridResource {
  id: string
  label: string
}

/** The most a user may grant on each resource, with the reason where it is less than Change. */
export type GrantLimits = Readonly<Record<string, { max: Access | 'none'; reason?: string }>>

/** Ticking Change ticks View too; unticking Change leaves View. */
export function withChange(grid: PermissionGrid, resource: string, on: boolean): PermissionGrid {
  if (on) return { ...grid, [resource]: 'change' }
  if (grid[resource] !== 'change') return grid
  return { ...grid, [resource]: 'view' }
}

/** View alone is read-only; unticking View removes the resource (and its Change). */
export function withView(grid: PermissionGrid, resource: string, on: boolean): PermissionGrid {
  if (on) return grid[resource] ? grid : { ...grid, [resource]: 'view' }
  const next = { ...grid }
  delete next[resource]
  return next
}

const rank: Record<Access | 'none', number> = { none: 0, view: 1, change: 2 }

/** The resources of `grid` that ask for more than `limits` allow, for a clear refusal. */
export function beyondLimits(grid: PermissionGrid, limits: GrantLimits): string[] {
  return Object.entries(grid)
    .filter(([resource, access]) => rank[access] > rank[limits[resource]?.max ?? 'none'])
    .map(([resource]) => resource)
}

export function gridsEqual(a: PermissionGrid, b: PermissionGrid): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) if (a[key] !== b[key]) return false
  return true
}

/** Known resources first, in their order, then any the server used that we did not know. */
export function resourcesOf(known: readonly GridResource[], ...grids: PermissionGrid[]): GridResource[] {
  const ids = new Set(known.map((r) => r.id))
  const extra = grids.flatMap((g) => Object.keys(g)).filter((id) => !ids.has(id) && (ids.add(id), true))
  return [...known, ...extra.map((id) => ({ id, label: id }))]
}
