import { expect, signInThroughBrowser, withSeededSandbox } from './fixtures'

// The offline cache of a long list, opened in parts: after a full load of 20,000 keys, a new page
// shows the cache's head first (marked with its age), its other parts join it, and the live list
// replaces it with the same count.

const SEEDED = 20_000

const test = withSeededSandbox(SEEDED)

interface Sight {
  count: string
  cached: boolean
}

declare global {
  interface Window {
    __sights?: Sight[]
  }
}

test('a new page shows the cached head first, then the whole cached list, then the live one', async ({
  page,
  startHost,
  sandbox,
}) => {
  test.setTimeout(300_000)
  const { total } = await sandbox.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 1 })
  const host = await startHost()
  await page.goto(host.url)
  await signInThroughBrowser(page, 'admin')
  const full = `${total.toLocaleString('en-US')} keys`
  await expect(page.locator('.keys__count')).toHaveText(full, { timeout: 120_000 })
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 120_000 })

  // Every count shown while rows are on screen, and whether the list shown was the cache.
  await page.addInitScript(() => {
    const sights: Sight[] = []
    window.__sights = sights
    new MutationObserver(() => {
      if (!document.querySelector('tr[data-key-id]')) return
      const count = document.querySelector('.keys__count')?.textContent ?? ''
      const cached = document.querySelector('.load-progress__age') !== null
      const last = sights.at(-1)
      if (!last || last.count !== count || last.cached !== cached) sights.push({ count, cached })
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  await page.reload()
  await expect(page.locator('.keys__count')).toHaveText(full, { timeout: 120_000 })
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 120_000 })

  const sights = await page.evaluate(() => window.__sights ?? [])
  const number = (sight: Sight) => Number(sight.count.replace(/\D/g, ''))
  // First the cache's head alone, with its age.
  expect(sights[0]?.cached).toBe(true)
  expect(number(sights[0]!)).toBeLessThan(total)
  // The cache grows part by part to the whole list before the live list takes over.
  const cached = sights.filter((sight) => sight.cached).map(number)
  expect(cached).toEqual([...cached].sort((a, b) => a - b))
  expect(cached.at(-1)).toBe(total)
  expect(sights.at(-1)).toEqual({ count: full, cached: false })
})
