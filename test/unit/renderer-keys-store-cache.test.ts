import { afterEach, describe, expect, it, vi } from 'vitest'
import type { KeyLoadStart, KeyPageEvent } from '@shared/contracts/fleet'
import type { ApiKey } from '@shared/domain/api-key'
import { apiKey } from './renderer-fixtures'

// The keys store with the cache sent in parts: the head from startKeyLoad's answer, the other parts
// as `keyPage` events marked `cached` (even one that arrives before the answer), then the live rows,
// which reuse the cached key objects that did not change.

let answer: (value: KeyLoadStart) => void = () => {}
vi.mock('@renderer/ipc/bridge', () => ({
  invoke: vi.fn((name: string) =>
    name === 'startKeyLoad'
      ? new Promise((resolve) => (answer = (value) => resolve({ ok: true, value })))
      : Promise.resolve({ ok: false, error: { code: 'NETWORK', message: 'not in this test' } }),
  ),
  subscribe: vi.fn(() => () => {}),
}))

const { useKeysStore } = await import('@renderer/stores/keys-store')

const keys = Array.from({ length: 7 }, (_, i) =>
  apiKey({ id: `k${i}`, name: `key-${i}`, permissions: { payments: 'view' }, nativePermissions: ['payments:read'] }),
)
const savedAt = '2026-11-30T10:42:00.000Z'
const page = (over: Partial<KeyPageEvent>): KeyPageEvent => ({
  loadId: 'L1',
  profileId: 'p',
  accountId: null,
  keys: [],
  loaded: 0,
  total: null,
  done: false,
  fetchedAt: savedAt,
  ...over,
})
const shownIds = () => useKeysStore.getState().list?.keys.map((k) => k.id)
// A fresh copy, as a new event would bring.
const copy = (key: ApiKey): ApiKey => JSON.parse(JSON.stringify(key)) as ApiKey

afterEach(() => useKeysStore.getState().clearKeys())

describe('keys store: the cache in parts, then live rows', () => {
  it('shows the head, adds the cached parts (one sent before the answer), then swaps in the live list', async () => {
    const store = useKeysStore.getState()
    const loading = store.loadKeys()
    // A cached part that overtook the answer is kept and applied after it.
    store.applyPage(page({ keys: keys.slice(3, 5).map(copy), loaded: 5, total: 7, cached: true }))
    answer({
      loadId: 'L1',
      profileId: 'p',
      accountId: null,
      localCopyKeyIds: [],
      cached: { keys: keys.slice(0, 3).map(copy), savedAt, total: 7 },
      offline: null,
    })
    await loading
    expect(shownIds()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4'])
    expect(useKeysStore.getState().cachedAt).toBe(savedAt)

    store.applyPage(page({ keys: keys.slice(5).map(copy), loaded: 7, total: 7, cached: true }))
    expect(shownIds()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6'])
    const cachedList = useKeysStore.getState().list!.keys
    // Keys with the same permissions share them.
    expect(cachedList[0]!.permissions).toBe(cachedList[6]!.permissions)

    // Live rows: the cached list stays on screen until the live list is complete.
    const live = keys.map(copy)
    live[2] = { ...live[2]!, notes: 'changed since' }
    store.applyPage(page({ keys: live.slice(0, 4), loaded: 4, total: 7, fetchedAt: '2026-12-01T00:00:00.000Z' }))
    expect(useKeysStore.getState().list!.keys).toBe(cachedList)
    store.applyPage(page({ keys: live.slice(4), loaded: 7, total: 7 }))
    store.applyPage(page({ done: true, loaded: 7, total: 7, fetchedAt: '2026-12-01T00:00:00.000Z' }))

    const state = useKeysStore.getState()
    expect(state.cachedAt).toBeNull()
    expect(state.progress).toBeNull()
    expect(state.list!.keys.map((k) => k.id)).toEqual(keys.map((k) => k.id))
    // Unchanged keys are the cached objects; the changed one is the live one.
    expect(state.list!.keys[0]).toBe(cachedList[0])
    expect(state.list!.keys[6]).toBe(cachedList[6])
    expect(state.list!.keys[2]).not.toBe(cachedList[2])
    expect(state.list!.keys[2]!.notes).toBe('changed since')
  })

  it('drops a page of another load that arrives while the answer is awaited', async () => {
    const store = useKeysStore.getState()
    const loading = store.loadKeys()
    store.applyPage(page({ loadId: 'OLD', keys: [copy(keys[6]!)], loaded: 1, total: 1 }))
    answer({ loadId: 'L1', profileId: 'p', accountId: null, localCopyKeyIds: [], cached: null, offline: null })
    await loading
    expect(useKeysStore.getState().list).toBeNull()
    store.applyPage(page({ keys: [copy(keys[0]!)], loaded: 1, total: 1 }))
    expect(shownIds()).toEqual(['k0'])
  })
})
