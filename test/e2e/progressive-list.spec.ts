import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import AxeBuilder from '@axe-core/playwright'
import { addProfileThroughUi, expect, selectProfile, signInThroughBrowser, withSeededSandbox } from './fixtures'

// The key table at fleet scale: the sandbox seeded with 20,000 gateway keys, the real browser host
// and Chromium. The first rows and the progress bar show before the list is complete; the count ends
// at the server's total.

const SEEDED = 20_000

const test = withSeededSandbox(SEEDED)

/** What the page showed the first time a key row and the progress bar were on screen together. */
interface FirstSight {
  rows: number
  now: number
  max: number
  label: string
}

declare global {
  interface Window {
    __firstSight?: FirstSight
  }
}

test('the first rows and the progress bar show before the full count; the count ends at the server’s total', async ({
  page,
  startHost,
  sandbox,
}) => {
  test.setTimeout(300_000)
  const { total } = await sandbox.deps.keys.list({ dialect: 'gateway', tenantId: '', offset: 0, limit: 1 })
  expect(total).toBeGreaterThanOrEqual(SEEDED)

  // Watches every change of the page from the start: the moment rows and the bar are both there.
  await page.addInitScript(() => {
    const look = () => {
      if (window.__firstSight) return
      const bar = document.querySelector('[role="progressbar"]')
      const rows = document.querySelectorAll('table tbody tr[data-key-id], table tbody tr td').length
      if (!bar || rows === 0) return
      window.__firstSight = {
        rows,
        now: Number(bar.getAttribute('aria-valuenow') ?? -1),
        max: Number(bar.getAttribute('aria-valuemax') ?? -1),
        label: bar.getAttribute('aria-valuetext') ?? '',
      }
    }
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true })
  })

  const host = await startHost()
  await page.goto(host.url)
  await signInThroughBrowser(page, 'admin')

  await expect.poll(() => page.evaluate(() => window.__firstSight ?? null), { timeout: 60_000 }).not.toBeNull()
  const sight = (await page.evaluate(() => window.__firstSight))!
  expect(sight.rows).toBeGreaterThan(0)
  expect(sight.max).toBe(total)
  expect(sight.now).toBeGreaterThan(0)
  expect(sight.now).toBeLessThan(total)
  expect(sight.label).toMatch(/^Loading [\d,]+ of [\d,]+$/)

  // The count ends at the server's total, and the bar goes away.
  await expect(page.locator('.keys__count')).toHaveText(`${total.toLocaleString('en-US')} keys`, { timeout: 60_000 })
  await expect(page.getByRole('progressbar')).toHaveCount(0)
})

/** A real HTTP proxy in front of the sandbox that answers each key-list page `delayMs` late. */
async function slowProxy(target: string, delayMs: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    const headers: Record<string, string> = {}
    if (req.headers.authorization) headers.authorization = req.headers.authorization
    const wait = path.includes('/apikeys?') ? delayMs : 0
    setTimeout(() => {
      void fetch(`${target}${path}`, { method: req.method, headers }).then(
        async (answer) => {
          const body = await answer.text()
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
          res.end(body)
        },
        () => res.destroy(),
      )
    }, wait)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

test('Cancel stops the load and keeps the rows so far; axe finds nothing serious in the progress bar', async ({
  page,
  startHost,
  sandbox,
}) => {
  test.setTimeout(300_000)
  const proxy = await slowProxy(sandbox.url, 3000)
  try {
    const host = await startHost()
    await page.goto(host.url)
    await signInThroughBrowser(page, 'admin')
    await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible({ timeout: 60_000 })
    await addProfileThroughUi(page, {
      name: 'Slow gateway',
      dialect: 'gateway',
      apiBaseUrl: `${proxy.url}/gateway`,
      issuer: sandbox.url,
    })
    await selectProfile(page, 'Slow gateway')
    const signIn = page.getByRole('button', { name: 'Sign in', exact: true })
    const bar = page.getByRole('progressbar', { name: 'Loading API keys' })
    await expect(signIn.or(bar)).toBeVisible()
    if (await signIn.isVisible()) await signInThroughBrowser(page, 'admin')
    await expect(bar).toBeVisible({ timeout: 30_000 })
    await expect(page.locator('tr[data-key-id]').first()).toBeVisible()
    const results = await new AxeBuilder({ page }).include('.load-progress').analyze()
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])

    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(bar).toHaveCount(0)
    const shown = await page.locator('.keys__count').innerText()
    const count = Number(shown.replace(/[^\d]/g, ''))
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThan(SEEDED)
    // Nothing more arrives after the cancel.
    await page.waitForTimeout(1500)
    await expect(page.locator('.keys__count')).toHaveText(shown)
  } finally {
    await proxy.close()
  }
})
