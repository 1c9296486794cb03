import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NO_ROUTE_MESSAGE } from '@sandbox/routing'
import { startSandbox, type Sandbox } from '@sandbox/server'

// /openapi.json against what the sandbox really serves, both ways.

interface Operation {
  operationId: string
  security?: Array<Record<string, string[]>>
  parameters?: Array<{ name: string; in: string; example?: string }>
  requestBody?: unknown
}
interface Document {
  openapi: string
  servers: Array<{ url: string }>
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }
}

let sandbox: Sandbox
let document: Document
let bearer: string
let gatewayKey: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  const config = await client.discovery(
    new URL(sandbox.url),
    'sandbox-cli',
    undefined,
    client.ClientSecretBasic(sandbox.cliClientSecret),
    {
      execute: [client.allowInsecureRequests],
    },
  )
  bearer = (await client.clientCredentialsGrant(config)).access_token
  const created = await fetch(`${sandbox.url}/gateway/v1/apikeys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'openapi-probe', scopes: 'sale:read sale:write' }),
  })
  gatewayKey = ((await created.json()) as { key: string }).key
  const response = await fetch(`${sandbox.url}/openapi.json`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('application/json')
  document = (await response.json()) as Document
})
afterAll(async () => {
  await sandbox?.close()
})

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

function documentedOperations(): Array<{ method: string; path: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method: method.toUpperCase(),
      path,
      operation: item[method] as Operation,
    })),
  )
}

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document for this server', () => {
    expect(document.openapi).toBe('3.1.0')
    expect(document.servers).toEqual([{ url: sandbox.url }])
    expect(Object.keys(document.paths).some((path) => path.startsWith('/gateway/'))).toBe(true)
  })

  it('documents every route the sandbox serves', () => {
    const documented = new Set(documentedOperations().map(({ method, path }) => `${method} ${path}`))
    const undocumented = sandbox.routes
      .map(({ method, path }) => `${method} ${path}`)
      .filter((route) => !documented.has(route))
    expect(undocumented).toEqual([])
  })

  it('documents only routes the sandbox serves', () => {
    const served = new Set(sandbox.routes.map(({ method, path }) => `${method} ${path}`))
    const phantom = documentedOperations()
      .map(({ method, path }) => `${method} ${path}`)
      .filter((operation) => !served.has(operation))
    expect(phantom).toEqual([])
  })

  it('has unique operation ids, resolvable $refs and known security schemes', () => {
    const ids = documentedOperations().map(({ operation }) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1] ?? '',
    )
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([])
    const schemes = documentedOperations().flatMap(({ operation }) =>
      (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)),
    )
    expect(schemes.filter((name) => !(name in document.components.securitySchemes))).toEqual([])
  })

  it('every documented operation answers with something other than a routing 404 or a 405', async () => {
    const misses: string[] = []
    for (const { method, path, operation } of documentedOperations()) {
      const url = path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
        const example = operation.parameters?.find(
          (parameter) => parameter.in === 'path' && parameter.name === name,
        )?.example
        return encodeURIComponent(example ?? 'example')
      })
      const headers: Record<string, string> = { authorization: `Bearer ${bearer}` }
      if (path.startsWith('/gateway/')) headers['x-api-key'] = gatewayKey
      const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT'
      if (hasBody) headers['content-type'] = 'application/json'
      const response = await fetch(sandbox.url + url, { method, headers, ...(hasBody ? { body: '{}' } : {}) })
      const text = await response.text()
      const routingMiss = response.status === 404 && text.includes(NO_ROUTE_MESSAGE)
      if (response.status === 405 || routingMiss) misses.push(`${method} ${path} → ${response.status}`)
    }
    expect(misses).toEqual([])
  })
})
