import type { Adapter, AdapterFactory } from 'oidc-provider'

// Opaque token values are the ids under which oidc-provider stores these models.
const TOKEN_MODELS = new Set(['AccessToken', 'RefreshToken', 'ClientCredentials'])

/**
 * Wraps any adapter factory so that every access-token and refresh-token value the provider
 * issues is remembered, even after it is revoked or expires. Tests use the list to prove that
 * no token reached a place it must not (renderer, logs, settings files).
 */
export function recordIssuedTokens(inner: AdapterFactory): { adapterFactory: AdapterFactory; values(): string[] } {
  const issued = new Set<string>()
  const adapterFactory: AdapterFactory = (modelName) => {
    const adapter = inner(modelName)
    if (!TOKEN_MODELS.has(modelName)) return adapter
    const recording: Adapter = {
      upsert: async (id, payload, expiresIn) => {
        issued.add(id)
        await adapter.upsert(id, payload, expiresIn)
      },
      find: (id) => adapter.find(id),
      findByUid: (uid) => adapter.findByUid(uid),
      findByUserCode: (userCode) => adapter.findByUserCode(userCode),
      consume: (id) => adapter.consume(id),
      destroy: (id) => adapter.destroy(id),
      revokeByGrantId: (grantId) => adapter.revokeByGrantId(grantId),
    }
    return recording
  }
  return { adapterFactory, values: () => [...issued] }
}
