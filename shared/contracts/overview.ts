/**
 * The overview part of the IPC contract: its calls and events, spread into `calls` and `events` in
 * `shared/contract.ts`. Declare calls with `call<Output>()(inputSchema)` from `../contract-kit`.
 */
export const overviewCalls = {} as const

export const overviewEvents = {} as const
