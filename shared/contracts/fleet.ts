/**
 * The fleet part of the IPC contract: its calls and events, spread into `calls` and `events` in
 * `shared/contract.ts`. Declare calls with `call<Output>()(inputSchema)` from `../contract-kit`.
 */
export const fleetCalls = {} as const

export const fleetEvents = {} as const
