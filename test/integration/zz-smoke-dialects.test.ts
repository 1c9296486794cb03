import { it, expect } from 'vitest'
import { startSandbox } from '../../sandbox/server'
it('starts', async () => {
  const s = await startSandbox({ port: 0 })
  const r = await fetch(`${s.url}/wallet/v1/wallets`)
  console.log(r.status, await r.text())
  await s.close()
})
