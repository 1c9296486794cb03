import { z } from 'zod'
import type { KeyList } from './domain/api-key'
import type { Result } from './domain/errors'
import { profileInputSchema, type AccountList, type ProfileSummary } from './domain/profile'
import type { ProfilesOverview, SessionState } from './domain/session'

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
const profileRef = z.object({ profileId: z.string().min(1) }).strict()

export const calls = {
  /** The current session of the active profile. */
  getSession: call<SessionState>()(noInput),
  /** Opens the system browser on the authorization server; resolves when sign-in ends. */
  signIn: call<SessionState>()(noInput),
  /** Stops a pending sign-in and closes its loopback port. */
  cancelSignIn: call<SessionState>()(noInput),
  /** Revokes the refresh token where the server can, and deletes it from the keychain. */
  signOut: call<SessionState>()(noInput),
  /** Every API key of the active profile (and its selected account). */
  listKeys: call<KeyList>()(noInput),

  /** Every connection profile with its status; which one is active. */
  listProfiles: call<ProfilesOverview>()(noInput),
  /** Adds (no id) or edits a profile, after checking it: URLs, the issuer's discovery, pulse API-key login. */
  saveProfile: call<ProfileSummary>()(profileInputSchema),
  /** Removes a profile and deletes its keychain entries. */
  removeProfile: call<ProfilesOverview>()(profileRef),
  /** Makes a profile the active one; the previous profile's requests are cancelled. */
  selectProfile: call<SessionState>()(profileRef),
  /** The wallets or accounts of the active profile, and the selected one. */
  listAccounts: call<AccountList>()(noInput),
  selectAccount: call<AccountList>()(z.object({ accountId: z.string().min(1) }).strict()),
} as const

export const events = {
  /** The active profile's session changed (or another profile became active). */
  sessionChanged: {} as SessionState,
  /** A profile was added, edited, removed, or changed status. */
  profilesChanged: {} as ProfilesOverview,
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
