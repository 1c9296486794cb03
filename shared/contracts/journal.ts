/**
 * The journal part of the IPC contract: its calls and events, spread into `calls` and `events` in
 * `shared/contract.ts`. Declare calls with `call<Output>()(inputSchema)` from `../contract-kit`.
 */
export const journalCalls = {} as const

export const journalEvents = {} as const
