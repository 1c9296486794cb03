/**
 * Every key of the sandbox's gateway as its API returns it (all pages), read over HTTP as another
 * client would: what a test compares the app's figures with.
 *
 *   const keys = await gatewayWireKeys(sandbox.url, await sandboxAccessToken(sandbox.url, 'admin'))
 */
export interface GatewayWireKey {
  id: string
  name: string
  status: 'Active' | 'Disabled'
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
}

export async function gatewayWireKeys(sandboxUrl: string, token: string): Promise<GatewayWireKey[]> {
  const keys: GatewayWireKey[] = []
  for (let page = 0; ; page++) {
    const response = await fetch(`${sandboxUrl}/gateway/v1/apikeys?page=${page}&size=50`, {
      headers: { authorization: `Bearer ${token}` },
    })
    if (response.status !== 200) throw new Error(`the gateway answered ${response.status} to the key list`)
    const body = (await response.json()) as {
      _embedded?: { apikeys: GatewayWireKey[] }
      page: { totalPages: number }
    }
    keys.push(...(body._embedded?.apikeys ?? []))
    if (page + 1 >= body.page.totalPages) return keys
  }
}
