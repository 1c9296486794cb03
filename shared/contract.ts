import { z } from 'zod'
import type { KeyList } from './domain/api-key'
import type { Result } from './domain/errors'
import type { SessionState } from './domain/session'

/**
 * The IPC contract: the single source of truth for every call from the renderer to the main
 * process and every event pushed back. The preload, the main-side registration and the browser
 * test host are all derived from these two objects.
 */

/** A call: its input schema, and its result type carried as a phantom. */
export interface CallSpec<Input extends z.ZodType, Output> {
  input: Input
  /** Never read at run time; only carries the result type. */
  readonly output?: Output
}

function call<Output>() {
  return <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({ input })
}

const noInput = z.undefined()

export const calls = {
  /** The current session of the active profile. */
  getSession: call<SessionState>()(noInput),
  /** Opens the system browser on the authorization server; resolves when sign-in ends. */
  signIn: call<SessionState>()(noInput),
  /** Stops a pending sign-in and closes its loopback port. */
  cancelSignIn: call<SessionState>()(noInput),
  /** Revokes the refresh token where the server can, and deletes it from the keychain. */
  signOut: call<SessionState>()(noInput),
  /** Every API key of the active profile. */
  listKeys: call<KeyList>()(noInput),
} as const

export const events = {
  sessionChanged: {} as SessionState,
} as const

export type Calls = typeof calls
export type CallName = keyof Calls
export type EventName = keyof typeof events
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type ParsedCallInput<K extends CallName> = z.output<Calls[K]['input']>
export type CallOutput<K extends CallName> = NonNullable<Calls[K]['output']>
export type EventPayload<E extends EventName> = (typeof events)[E]

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]

/** The one place channel names are spelled. */
export const channelOfCall = (name: CallName): string => `keywarden:call:${name}`
export const channelOfEvent = (name: EventName): string => `keywarden:event:${name}`

/** Event subscription functions are named `on` + the event, e.g. `onSessionChanged`. */
export type EventSubscriberName<E extends EventName> = `on${Capitalize<E>}`
export const subscriberNameOf = <E extends EventName>(name: E): EventSubscriberName<E> =>
  `on${name[0]!.toUpperCase()}${name.slice(1)}` as EventSubscriberName<E>

type CallFunction<K extends CallName> = undefined extends CallInput<K>
  ? (input?: CallInput<K>) => Promise<Result<CallOutput<K>>>
  : (input: CallInput<K>) => Promise<Result<CallOutput<K>>>

/** `window.keywarden`: one function per call, one subscriber per event. Nothing else. */
export type KeywardenBridge = { readonly [K in CallName]: CallFunction<K> } & {
  readonly [E in EventName as EventSubscriberName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void
}
