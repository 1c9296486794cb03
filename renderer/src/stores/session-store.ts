import { create } from 'zustand'
import type { AppErrorData } from '@shared/domain/errors'
import type { SessionState } from '@shared/domain/session'
import { invoke } from '../ipc/bridge'

export type SessionPending = 'loading' | 'signing-in' | 'cancelling' | 'confirming' | 'signing-out' | null

export interface SessionStoreState {
  /** null until the first getSession answers. */
  session: SessionState | null
  /** The call in flight, if any. */
  pending: SessionPending
  /** The last failed call; cleared when the next one starts. */
  error: AppErrorData | null
}

export interface SessionActions {
  loadSession: () => Promise<void>
  signIn: () => Promise<void>
  cancelSignIn: () => Promise<void>
  /** Continues as the account a sign-in ended with, when it differs from the profile's last one. */
  confirmSubject: (subject: string) => Promise<void>
  signOut: () => Promise<void>
  /** Applies a session pushed by main or returned by selectProfile. */
  applySession: (session: SessionState) => void
}

export const useSessionStore = create<SessionStoreState & SessionActions>()((set, get) => ({
  session: null,
  pending: null,
  error: null,

  loadSession: async () => {
    set({ pending: 'loading', error: null })
    const result = await invoke('getSession')
    if (result.ok) set({ session: result.value, pending: null })
    else set({ pending: null, error: result.error })
  },

  signIn: async () => {
    set({ pending: 'signing-in', error: null })
    const result = await invoke('signIn')
    if (result.ok) {
      set({ session: result.value, pending: null })
      return
    }
    set({ pending: null, error: result.error })
    // The call failed, so our copy of the session may still say signing-in: ask main for the truth,
    // but keep the sign-in error on screen.
    const refreshed = await invoke('getSession')
    if (refreshed.ok) set({ session: refreshed.value })
  },

  cancelSignIn: async () => {
    set({ pending: 'cancelling' })
    const result = await invoke('cancelSignIn')
    // The pending signIn call resolves on its own (usually AUTH_CANCELLED); it owns the error.
    if (result.ok) set({ session: result.value })
    else set({ error: result.error })
    if (get().pending === 'cancelling') set({ pending: null })
  },

  confirmSubject: async (subject) => {
    set({ pending: 'confirming', error: null })
    const result = await invoke('confirmSubject', { subject })
    if (result.ok) set({ session: result.value, pending: null })
    else set({ pending: null, error: result.error })
  },

  signOut: async () => {
    set({ pending: 'signing-out', error: null })
    const result = await invoke('signOut')
    if (result.ok) set({ session: result.value, pending: null })
    else set({ pending: null, error: result.error })
  },

  applySession: (session) => {
    // A fresh sign-in, or another profile, makes any earlier sign-in or sign-out error stale.
    const previous = get().session
    const becameSignedIn = session.status === 'signed-in' && previous?.status !== 'signed-in'
    const otherProfile = previous !== null && previous.profile.id !== session.profile.id
    set(becameSignedIn || otherProfile ? { session, error: null } : { session })
  },
}))
