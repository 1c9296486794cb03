/**
 * Gateway keys made and read straight over the sandbox's HTTP API, with the admin's token, so a
 * bulk test sets up and checks the server without going through the code under test.
 *
 *   const gateway = await gatewayAsAdmin(sandbox.url)
 *   const ids = await gateway.create(['a', 'b'])
 *   expect(await gateway.status(ids[0])).toBe(404)
 */
import { randomUUID } from 'node:crypto'
import { sandboxAccessToken } from './sandbox-access-token'

export interface GatewayAdmin {
  token: string
  /** Creates one key per name (scope sale:read); their ids, in order. */
  create(names: readonly string[]): Promise<string[]>
  /** As create, with each key's value (to try it against the API). */
  createWithValues(names: readonly string[]): Promise<Array<{ id: string; value: string }>>
  /** The HTTP status of GET /v1/apikeys/{id}: 200 while it exists, 404 once revoked. */
  status(id: string): Promise<number>
  /** The key as the server has it (name, status). */
  get(id: string): Promise<{ name: string; status: 'Active' | 'Disabled' }>
  /** Every key's name (all pages). */
  names(): Promise<string[]>
  remove(id: string): Promise<number>
  /** Disables the key on the server (PATCH status); the HTTP status. */
  disable(id: string): Promise<number>
}

export async function gatewayAsAdmin(sandboxUrl: string): Promise<GatewayAdmin> {
  const token = await sandboxAccessToken(sandboxUrl, 'admin')
  const base = `${sandboxUrl}/gateway/v1/apikeys`
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' }
  const admin: GatewayAdmin = {
    token,
    async create(names) {
      return (await admin.createWithValues(names)).map((key) => key.id)
    },
    async createWithValues(names) {
      const created: Array<{ id: string; value: string }> = []
      for (const name of names) {
        const response = await fetch(base, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ name, scopes: 'sale:read' }),
        })
        if (response.status !== 201) throw new Error(`create ${name}: ${response.status} ${await response.text()}`)
        const body = (await response.json()) as { id: string; key: string }
        created.push({ id: body.id, value: body.key })
      }
      return created
    },
    async status(id) {
      const response = await fetch(`${base}/${id}`, { headers })
      await response.arrayBuffer()
      return response.status
    },
    async get(id) {
      const response = await fetch(`${base}/${id}`, { headers })
      if (!response.ok) throw new Error(`get ${id}: ${response.status}`)
      return (await response.json()) as { name: string; status: 'Active' | 'Disabled' }
    },
    async names() {
      const names: string[] = []
      let path: string | undefined = `/v1/apikeys?page=0&size=200`
      while (path) {
        const body = (await (await fetch(`${sandboxUrl}/gateway${path}`, { headers })).json()) as {
          _embedded: { apikeys: Array<{ name: string }> }
          _links: { next?: { href: string } }
        }
        names.push(...body._embedded.apikeys.map((k) => k.name))
        path = body._links.next?.href
      }
      return names
    },
    async disable(id) {
      const response = await fetch(`${base}/${id}`, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'Disabled' }),
      })
      await response.arrayBuffer()
      return response.status
    },
    async remove(id) {
      const response = await fetch(`${base}/${id}`, { method: 'DELETE', headers })
      await response.arrayBuffer()
      return response.status
    },
  }
  return admin
}
