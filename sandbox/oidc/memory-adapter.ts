import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider'

interface Entry {
  payload: AdapterPayload
  expiresAtMs: number | undefined
}

/**
 * oidc-provider storage held in memory, one instance per sandbox (the adapter bundled with
 * oidc-provider keeps a module-level store, which would mix the state of two sandboxes).
 * A persistent implementation only has to provide another AdapterFactory.
 */
export class InMemoryOidcStore {
  readonly #entries = new Map<string, Entry>()
  // Secondary indexes: grant id → entry keys, session uid → entry key, user code → entry key.
  readonly #grantMembers = new Map<string, Set<string>>()
  readonly #byUid = new Map<string, string>()
  readonly #byUserCode = new Map<string, string>()

  readonly adapterFactory: AdapterFactory = (modelName) => new InMemoryAdapter(modelName, this)

  get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAtMs !== undefined && entry.expiresAtMs <= Date.now()) {
      this.delete(key)
      return undefined
    }
    return entry.payload
  }

  set(key: string, payload: AdapterPayload, expiresInSeconds: number | undefined): void {
    const expiresAtMs = typeof expiresInSeconds === 'number' ? Date.now() + expiresInSeconds * 1000 : undefined
    this.#entries.set(key, { payload, expiresAtMs })
    if (payload.grantId) {
      const members = this.#grantMembers.get(payload.grantId) ?? new Set<string>()
      members.add(key)
      this.#grantMembers.set(payload.grantId, members)
    }
    if (payload.uid) this.#byUid.set(payload.uid, key)
    if (payload.userCode) this.#byUserCode.set(payload.userCode, key)
  }

  delete(key: string): void {
    const entry = this.#entries.get(key)
    this.#entries.delete(key)
    if (!entry) return
    const { grantId, uid, userCode } = entry.payload
    if (grantId) this.#grantMembers.get(grantId)?.delete(key)
    if (uid && this.#byUid.get(uid) === key) this.#byUid.delete(uid)
    if (userCode && this.#byUserCode.get(userCode) === key) this.#byUserCode.delete(userCode)
  }

  keyForUid(uid: string): string | undefined {
    return this.#byUid.get(uid)
  }

  keyForUserCode(userCode: string): string | undefined {
    return this.#byUserCode.get(userCode)
  }

  deleteGrant(grantId: string): void {
    for (const key of this.#grantMembers.get(grantId) ?? []) this.delete(key)
    this.#grantMembers.delete(grantId)
  }
}

class InMemoryAdapter implements Adapter {
  constructor(
    private readonly modelName: string,
    private readonly store: InMemoryOidcStore,
  ) {}

  #key(id: string): string {
    return `${this.modelName}:${id}`
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void> {
    this.store.set(this.#key(id), payload, expiresIn)
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.#key(id))
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const key = this.store.keyForUid(uid)
    return key === undefined ? undefined : this.store.get(key)
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const key = this.store.keyForUserCode(userCode)
    return key === undefined ? undefined : this.store.get(key)
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.#key(id))
    if (payload) payload.consumed = Math.floor(Date.now() / 1000)
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.#key(id))
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.store.deleteGrant(grantId)
  }
}
