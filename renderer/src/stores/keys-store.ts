import { create } from 'zustand'
import type { KeyLoadFailedEvent, KeyPageEvent } from '@shared/contracts/fleet'
import type { ApiKey, KeyList } from '@shared/domain/api-key'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '../ipc/bridge'
import { newestWins } from '../lib/newest-wins'
import { KeyPageBatcher } from './key-page-batcher'
import { KeySharing } from './key-sharing'
import { useKeyAccessStore } from './key-access-store'
import { useRevocationsStore } from './revocations-store'
import { useSessionStore } from './session-store'

/** A streamed load of the key list, for the progress bar. */
export interface KeyLoadProgress {
  loadId: string
  /** Keys received so far. */
  loaded: number
  /** Keys the server says there are; null where it does not say. */
  total: number | null
  /** A page failed: the rows so far stay, Retry resumes from that page. */
  failure: AppErrorData | null
}

export interface KeysStoreState {
  /** The last list read; kept while a refresh runs so the table does not flash. */
  list: KeyList | null
  /** Bumped whenever `list.keys` changes (a batch of pages arrived, or the list was replaced). */
  keysVersion: number
  loading: boolean
  error: AppErrorData | null
  /** The load running (or failed) now; null when the list on screen is complete or was cancelled. */
  progress: KeyLoadProgress | null
  /** When the list on screen was saved, ISO 8601, while it is the offline cache; null once live. */
  cachedAt: string | null
  /** Keys being disabled or enabled right now. */
  updatingKeyIds: string[]
  /** The last failed row action (disable, enable), for the table's alert. */
  actionError: AppErrorData | null
  /**
   * Set while the list on screen cannot be acted on (e.g. it is the offline cache and the API cannot be
   * reached): the reason, shown where actions that need the server are disabled. Null when live.
   */
  readOnlyReason: string | null
}

export interface KeysActions {
  /** Reads the keys, and with them what the user may do and the pending revocations. */
  loadKeys: () => Promise<void>
  clearKeys: () => void
  /** Disables or enables a key (where the dialect can), then reads the list again. */
  setKeyEnabled: (keyId: string, enabled: boolean) => Promise<void>
  dismissActionError: () => void
  /** A page of the running load arrived (main's `keyPage`). */
  applyPage: (page: KeyPageEvent) => void
  /** A page of the running load failed (main's `keyLoadFailed`). */
  applyLoadFailure: (failure: KeyLoadFailedEvent) => void
  /** Stops the running load; the rows so far stay. */
  cancelLoad: () => Promise<void>
  /** Resumes a failed load from the page that failed. */
  retryLoad: () => Promise<void>
}

// Bumped by every load and clear: only the newest call's answer is kept, so an answer that arrives
// after a sign-out, a profile switch or an account switch is dropped.
const latest = newestWins()

/** The load whose pages are applied, and where its rows gather; pages of any other load are dropped. */
let running:
  | {
      loadId: string
      batcher: KeyPageBatcher
      /** A list is on screen (the cache, or this list before a refresh): live rows replace it once complete. */
      replacesShown: boolean
      /** The list the rows go into. */
      base: KeyList
      /** The keys on screen by id, while this load replaces them (made at its first live page): unchanged ones are reused. */
      shown: Map<string, ApiKey> | undefined
      /** The cached list's further parts go here (onto the screen), until `cachedTotal` keys came. */
      cache: KeyPageBatcher | undefined
      cachedTotal: number
    }
  | undefined

/** Pages that arrived while `startKeyLoad` had not answered yet (null when none is asked): applied after its answer. */
let early: KeyPageEvent[] | null = null

/** Shares permission objects between keys, and unchanged keys between a list and the one replacing it. */
let sharing = new KeySharing()

function stopRunning(): void {
  running?.batcher.dispose()
  running?.cache?.dispose()
  running = undefined
}

/** The keys of `list` by id, when it is the same profile and account's (else none to share). */
function shownKeys(list: KeyList | null, sameList: boolean): Map<string, ApiKey> | undefined {
  return list && sameList ? new Map(list.keys.map((key) => [key.id, key])) : undefined
}

const offlineReason = (savedAt: string, why: string): string =>
  `The server cannot be reached (${why}). This is the list saved at ${new Date(savedAt).toLocaleString()}; actions that need the server are off until it is back.`

export const useKeysStore = create<KeysStoreState & KeysActions>()((set, get) => {
  return {
    list: null,
    keysVersion: 0,
    loading: false,
    error: null,
    progress: null,
    cachedAt: null,
    updatingKeyIds: [],
    actionError: null,
    readOnlyReason: null,

    loadKeys: async () => {
      const current = latest.begin()
      stopRunning()
      set({ loading: true, error: null })
      // Permissions decide which row actions exist; read them with the keys so they always match.
      void useKeyAccessStore.getState().loadAccess()
      void useRevocationsStore.getState().loadPending()
      early = []
      const result = await invoke('startKeyLoad')
      if (!current()) return
      const arrived = early
      early = null
      if (!result.ok) {
        // Main cancelled the request because the user switched away; the newer view loads its own.
        if (result.error.code === 'CANCELLED') {
          set({ loading: false })
          return
        }
        set({ loading: false, error: result.error, progress: null })
        if (result.error.code === 'UNAUTHENTICATED') void useSessionStore.getState().loadSession()
        return
      }
      const { loadId, profileId, accountId, localCopyKeyIds, cached, offline } = result.value
      const base = { profileId, accountId, localCopyKeyIds }
      const previous = get().list
      const sameList = previous?.profileId === profileId && previous.accountId === accountId
      const cachedBase: KeyList | null = cached && { ...base, keys: [], fetchedAt: cached.savedAt }
      if (cached && cachedBase) {
        set((s) => ({
          list: { ...cachedBase, keys: sharing.prepare(cached.keys, shownKeys(previous, sameList)) },
          keysVersion: s.keysVersion + 1,
          cachedAt: cached.savedAt,
          readOnlyReason: offline === null ? null : offlineReason(cached.savedAt, offline),
          loading: false,
        }))
      } else if (!sameList) {
        set((s) => ({ list: null, keysVersion: s.keysVersion + 1, cachedAt: null, readOnlyReason: null }))
      }
      if (loadId === null) {
        set({ progress: null, loading: false })
        return
      }
      const replacesShown = cached !== null || sameList
      const listBase: KeyList = { ...base, keys: [], fetchedAt: new Date().toISOString() }
      // A fresh list shows its rows as they come (the first page at once); one on screen is replaced when complete.
      const batcher = new KeyPageBatcher((rows) => {
        if (!replacesShown) set((s) => ({ list: { ...listBase, keys: rows }, keysVersion: s.keysVersion + 1 }))
      })
      // The cached list's further parts join the rows on screen as they come.
      const cache =
        cached && cachedBase && cached.total > cached.keys.length
          ? new KeyPageBatcher(
              (rows) => set((s) => ({ list: { ...cachedBase, keys: rows }, keysVersion: s.keysVersion + 1 })),
              get().list?.keys,
            )
          : undefined
      running = {
        loadId,
        batcher,
        replacesShown,
        base: listBase,
        shown: undefined,
        cache,
        cachedTotal: cached?.total ?? 0,
      }
      set({ progress: { loadId, loaded: 0, total: null, failure: null } })
      for (const page of arrived ?? []) get().applyPage(page)
    },

    applyPage: (page) => {
      const load = running
      if (!load) {
        early?.push(page)
        return
      }
      if (load.loadId !== page.loadId) return
      if (page.cached) {
        if (!load.cache) return
        load.cache.add(sharing.prepare(page.keys))
        if (page.loaded >= load.cachedTotal) load.cache.flush()
        return
      }
      // Live rows: the cached list is complete on screen by now (its parts come first), and is what they replace.
      if (load.cache) {
        load.cache.flush()
        load.cache = undefined
      }
      if (load.replacesShown && !load.shown) load.shown = shownKeys(get().list, true) ?? new Map()
      if (page.done) {
        const keys = load.batcher.all()
        stopRunning()
        set((s) => ({
          list: { ...load.base, keys, fetchedAt: page.fetchedAt },
          keysVersion: s.keysVersion + 1,
          cachedAt: null,
          readOnlyReason: null,
          progress: null,
          loading: false,
        }))
        return
      }
      load.batcher.add(sharing.prepare(page.keys, load.shown))
      set({ progress: { loadId: page.loadId, loaded: page.loaded, total: page.total, failure: null }, loading: false })
    },

    applyLoadFailure: (failure) => {
      const load = running
      if (!load || load.loadId !== failure.loadId) return
      if (!load.replacesShown) load.batcher.flush()
      const { cachedAt } = get()
      set({
        progress: { loadId: failure.loadId, loaded: failure.loaded, total: failure.total, failure: failure.error },
        loading: false,
        ...(failure.offline && cachedAt ? { readOnlyReason: offlineReason(cachedAt, failure.error.message) } : {}),
      })
      if (failure.error.code === 'UNAUTHENTICATED') void useSessionStore.getState().loadSession()
    },

    cancelLoad: async () => {
      const load = running
      if (!load) return
      if (!load.replacesShown) load.batcher.flush()
      stopRunning()
      set({ progress: null, loading: false })
      await invoke('cancelKeyLoad', { loadId: load.loadId })
    },

    retryLoad: async () => {
      const progress = get().progress
      if (!progress || !running) return
      set({ progress: { ...progress, failure: null } })
      const result = await invoke('retryKeyLoad', { loadId: progress.loadId })
      if (!result.ok && result.error.code !== 'CANCELLED') set({ progress: { ...progress, failure: result.error } })
    },

    clearKeys: () => {
      latest.invalidate()
      stopRunning()
      sharing = new KeySharing()
      set((s) => ({
        list: null,
        keysVersion: s.keysVersion + 1,
        loading: false,
        error: null,
        progress: null,
        cachedAt: null,
        readOnlyReason: null,
        updatingKeyIds: [],
        actionError: null,
      }))
      useKeyAccessStore.getState().clearAccess()
    },

    setKeyEnabled: async (keyId, enabled) => {
      const profileId = get().list?.profileId
      set((s) => ({ updatingKeyIds: [...s.updatingKeyIds, keyId], actionError: null }))
      const result = await invoke('updateKey', { keyId, changes: { enabled } })
      // The user switched profile or account meanwhile: this answer is not about the table on screen.
      if (get().list?.profileId !== profileId) return
      set((s) => ({ updatingKeyIds: s.updatingKeyIds.filter((id) => id !== keyId) }))
      if (result.ok) {
        void get().loadKeys()
        return
      }
      if (result.error.code === 'CANCELLED') return
      set({ actionError: result.error })
      if (result.error.code === 'UNAUTHENTICATED') void useSessionStore.getState().loadSession()
    },

    dismissActionError: () => set({ actionError: null }),
  }
})
