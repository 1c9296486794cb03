import { z } from 'zod'
import { bulkCalls, bulkEvents } from './contracts/bulk'
import { fleetCalls, fleetEvents } from './contracts/fleet'
import { identifyCalls, identifyEvents } from './contracts/identify'
import { journalCalls, journalEvents } from './contracts/journal'
import { overviewCalls, overviewEvents } from './contracts/overview'
import { sudoCalls, sudoEvents } from './contracts/sudo'
import { tableCalls } from './contracts/table'
import { call, keyRef, noInput, profileRef, type CallSpec } from './contract-kit'
import type { ApiKey, KeyList } from './domain/api-key'
import {
  appSettingsSchema,
  graceOptions,
  keyChangesSchema,
  keyDraftSchema,
  type AppSettings,
  type CreatedKeyView,
  type KeyAccess,
  type LocalAuditEntry,
  type PendingRevocation,
  type RevealedKey,
  type RotationResult,
  type TryKeyResult,
} from './domain/key-lifecycle'
import type { DialectInfo } from './domain/capabilities'
import type { Result } from './domain/errors'
import { profileInputSchema, type AccountList, type ProfileSummary } from './domain/profile'
import type { ProfilesOverview, SessionState } from './domain/session'
import type { LockState } from './domain/lock'
import type { SudoGrant } from './domain/sudo'
import type { UpdateStatus } from './domain/updates'

/**
 * The IPC contract: the single source of truth for every call from the renderer to the main
 * process and every event pushed back. The preload, the main-side registration and the browser
 * test host are all derived from these two objects.
 */

/** What proves it is you: see SudoProofInput. */
const sudoProofInput = z
  .object({
    forceLogin: z.boolean(),
    apiSecret: z.string().min(1).max(512).optional(),
    useServer: z.boolean().optional(),
  })
  .strict()

export const calls = {
  /** The current session of the active profile. */
  getSession: call<SessionState>()(noInput),
  /** Opens the system browser on the authorization server; resolves when sign-in ends. */
  signIn: call<SessionState>()(noInput),
  /** Stops a pending sign-in and closes its loopback port. */
  cancelSignIn: call<SessionState>()(noInput),
  /** Continues as the account a sign-in ended with, after the app said it differs from the profile's last one. */
  confirmSubject: call<SessionState>()(z.object({ subject: z.string().min(1).max(255) }).strict()),
  /** Revokes the refresh token where the server can, and deletes it from the keychain. */
  signOut: call<SessionState>()(noInput),
  /** Every API key of the active profile (and its selected account). */
  listKeys: call<KeyList>()(noInput),

  /** The dialects Keywarden speaks and what each can do; the profile form asks these, never a dialect's name. */
  listDialects: call<DialectInfo[]>()(noInput),
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

  /** What the user may do with keys here: grantable permissions, create/edit/delete/reveal. */
  getKeyAccess: call<KeyAccess>()(noInput),
  /**
   * Creates a key; its value (and secret) come back this once, for the one-time secret dialog. The
   * core chooses the idempotency key and journals the operation (a retry of the same unfinished
   * create reuses it); `secretShown` ends it.
   */
  createKey: call<CreatedKeyView>()(z.object({ draft: keyDraftSchema }).strict()),
  updateKey: call<ApiKey>()(z.object({ keyId: z.string().min(1), changes: keyChangesSchema }).strict()),
  /** Revokes (deletes) a key at once. */
  revokeKey: call<void>()(keyRef),
  /**
   * Sudo mode: proves it is you now. First the OS's user verification (Touch ID) where this computer
   * offers it and `useServer` is not set; else the server: OAuth asks for a new sign-in in the system
   * browser (max_age=0; prompt=login when `forceLogin`; cancelSignIn stops it) and is refused unless
   * auth_time shows a fresh sign-in as the same account; an API-key profile logs in again with the
   * `apiSecret` the user typed.
   */
  reauthenticate: call<SudoGrant>()(sudoProofInput),
  /** Whether Keywarden is locked, and why. */
  getLockState: call<LockState>()(noInput),
  /** Locks now (the user asked). */
  lock: call<LockState>()(noInput),
  /** Unlocks with the same proof as sudo mode (see reauthenticate); cancelSignIn stops a browser sign-in. */
  unlock: call<LockState>()(sudoProofInput.optional()),
  /** The user did something in the window: the idle time before the lock starts again. */
  reportActivity: call<void>()(noInput),
  /** The one-time value of a key created or rotated in this run, for the secret dialog a lock closed. */
  heldSecret: call<{ value: string; secret: string | null }>()(keyRef),
  /** Reveals a key's value: from the server where it can, else from this computer's keychain copy. Needs sudo mode. */
  revealKey: call<RevealedKey>()(keyRef),
  /**
   * Creates a successor with the same permissions, notes and expiry rules; the old key goes now or
   * after a grace period. Journaled like createKey, with an idempotency key the core chooses.
   */
  rotateKey: call<RotationResult>()(z.object({ keyId: z.string().min(1), grace: z.enum(graceOptions) }).strict()),
  listPendingRevocations: call<PendingRevocation[]>()(noInput),
  /** Sends one request with the key to a demo resource of the API and returns the answer. */
  tryKey: call<TryKeyResult>()(
    z
      .object({
        keyId: z.string().min(1),
        value: z.string().min(1).max(512).optional(),
        secret: z.string().min(1).max(512).optional(),
      })
      .strict(),
  ),
  /** Puts a secret on the clipboard, marked concealed, cleared after the configured time if unchanged. */
  copySecret: call<{ clearsAfterSeconds: number }>()(z.object({ text: z.string().min(1).max(4096) }).strict()),
  /** Keeps a copy of a just-created key in this computer's keychain, so it can be revealed later. */
  keepSecretCopy: call<void>()(
    z
      .object({
        keyId: z.string().min(1),
        value: z.string().min(1).max(4096),
        secret: z.string().min(1).max(4096).nullable(),
      })
      .strict(),
  ),
  /** Protects the window from screen capture while a secret is on screen; says whether this platform can. */
  setSecretOnScreen: call<ScreenCaptureProtection>()(z.object({ onScreen: z.boolean() }).strict()),
  listAuditLog: call<LocalAuditEntry[]>()(noInput),
  getSettings: call<AppSettings>()(noInput),
  updateSettings: call<AppSettings>()(appSettingsSchema),
  /** What the updater is doing (installed builds only): checking, downloading, ready to install, or failed. */
  getUpdateStatus: call<UpdateStatus>()(noInput),
  /** Restarts to install a downloaded, verified update; refused when none is ready. */
  installUpdate: call<void>()(noInput),
  ...journalCalls,
  ...bulkCalls,
  ...fleetCalls,
  ...overviewCalls,
  ...identifyCalls,
  ...sudoCalls,
  ...tableCalls,
} as const

export const events = {
  /** The active profile's session changed (or another profile became active). */
  sessionChanged: {} as SessionState,
  /** Keywarden locked or unlocked. */
  lockChanged: {} as LockState,
  /** A profile was added, edited, removed, or changed status. */
  profilesChanged: {} as ProfilesOverview,
  /** A pending revocation was added, carried out, or failed (and will be retried). */
  revocationsChanged: {} as PendingRevocation[],
  /** Keys of a profile changed without the user asking (a scheduled revocation ran). */
  keysChanged: {} as { profileId: string },
  /** Clearing a copied secret off the clipboard went wrong or could not be checked: the user must know. */
  clipboardNotice: {} as ClipboardNotice,
  ...journalEvents,
  ...bulkEvents,
  ...fleetEvents,
  ...overviewEvents,
  ...identifyEvents,
  ...sudoEvents,
} as const

/** What happened to a secret Keywarden copied, when the user has to be told. */
export interface ClipboardNotice {
  /** `cleared-unchecked`: the clipboard could not be read back, so it was cleared anyway. `clear-failed`: it may still hold the secret. */
  outcome: 'cleared-unchecked' | 'clear-failed'
  message: string
}

/** Whether the window can be kept out of screenshots and screen sharing here. */
export interface ScreenCaptureProtection {
  available: boolean
  /** Where it is (not) available, to finish a sentence: "on Linux", "in this browser". */
  where: string
}

export type Calls = typeof calls
export type CallName = keyof Calls
export type EventName = keyof typeof events
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type ParsedCallInput<K extends CallName> = z.output<Calls[K]['input']>
export type CallOutput<K extends CallName> = Calls[K] extends CallSpec<z.ZodType, infer Output> ? Output : never
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

type CallFunction<K extends CallName> =
  undefined extends CallInput<K>
    ? (input?: CallInput<K>) => Promise<Result<CallOutput<K>>>
    : (input: CallInput<K>) => Promise<Result<CallOutput<K>>>

/** `window.keywarden`: one function per call, one subscriber per event. Nothing else. */
export type KeywardenBridge = { readonly [K in CallName]: CallFunction<K> } & {
  readonly [E in EventName as EventSubscriberName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void
}
