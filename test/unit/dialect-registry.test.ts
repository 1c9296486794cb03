import { describe, expect, it } from 'vitest'
import { dialects } from '@shared/domain/profile'
import { createAdapter } from '@core/dialects/create-adapter'
import { allDialects, dialectInfos, dialectOf } from '@core/dialects/registry'
import { ApiClient } from '@core/http/api-client'

// The registry is the only place that lists dialects; everything the rest of the app knows about
// one comes from its module. These check the modules agree with themselves and with the registry.

const neverAsked = {
  accessToken: () => Promise.reject(new Error('not used')),
  renewAfterRejection: () => Promise.reject(new Error('not used')),
}

describe('the dialect registry', () => {
  it('has one module per dialect name, in the order of the profile form', () => {
    expect(allDialects().map((module) => module.name)).toEqual([...dialects])
    for (const dialect of dialects) expect(dialectOf(dialect).name).toBe(dialect)
    expect(dialectInfos()).toEqual(
      dialects.map((dialect) => ({ dialect, capabilities: dialectOf(dialect).capabilities })),
    )
  })

  it('gives each dialect grid rows with labels, no id twice', () => {
    for (const module of allDialects()) {
      const ids = module.capabilities.resources.map((r) => r.id)
      expect(ids.length, module.name).toBeGreaterThan(0)
      expect(new Set(ids).size, module.name).toBe(ids.length)
      for (const resource of module.capabilities.resources)
        expect(resource.label.trim(), `${module.name} ${resource.id}`).not.toBe('')
    }
  })

  it('offers an API-key sign-in exactly where the module brings one, and OAuth everywhere', () => {
    for (const module of allDialects()) {
      expect(module.capabilities.signInMethods, module.name).toContain('oauth')
      expect(module.capabilities.signInMethods.includes('api-key'), module.name).toBe(module.apiKeySignIn !== undefined)
    }
  })

  it('puts each dialect of the local sandbox under its own path with its own profile name', () => {
    const paths = allDialects().map((module) => module.sandbox.path)
    const names = allDialects().map((module) => module.sandbox.profileName)
    expect(new Set(paths).size).toBe(paths.length)
    expect(new Set(names).size).toBe(names.length)
  })

  it('makes each dialect’s adapter, with the module’s capabilities and grid rows', () => {
    const api = new ApiClient('https://api.example.com', 'Test', neverAsked)
    for (const module of allDialects()) {
      const adapter = createAdapter(module.name, api)
      expect(adapter.capabilities).toBe(module.capabilities)
      expect(adapter.resources).toEqual(module.capabilities.resources)
    }
  })
})
