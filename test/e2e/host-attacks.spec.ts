import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { ManualClock } from '@core/clock'
import { expect, test } from './fixtures'
import { createKeyInUi, openProfile } from './key-actions'

// The browser host attacked from the browser side: another server on 127.0.0.1, script in the page,
// the sign-in tab, a second page. Each plays the attack as it was reproduced against the host.

/** A server on another 127.0.0.1 port that records every request the browser sends it. */
async function recordingServer(): Promise<{
  origin: string
  requests: Array<{ path: string; cookie: string }>
  close(): Promise<void>
}> {
  const requests: Array<{ path: string; cookie: string }> = []
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', cookie: req.headers.cookie ?? '' })
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Another local server</title><p>hello</p>')
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    requests,
    // The browser keeps its connections alive: end them, or close() waits for the test's timeout.
    close: () =>
      new Promise((done) => {
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

/** The host's session cookie as the browser keeps it. */
async function hostCookies(
  context: BrowserContext,
): Promise<Array<{ name: string; value: string; path: string; httpOnly: boolean; sameSite: string }>> {
  return (await context.cookies()).filter((cookie) => cookie.name.startsWith('keywarden'))
}

/** Every frame the host sends to this page (the page keeps no record of its own). */
function framesOf(page: Page): string[] {
  const frames: string[] = []
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => void frames.push(String(frame.payload))))
  return frames
}

test('another server on 127.0.0.1 that the same browser visits never receives the session secret', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  const other = await recordingServer()
  try {
    await page.goto(host.url)
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
    const [session] = await hostCookies(page.context())
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: host.basePath })
    // The address bar and history hold no usable credential: the code is gone and used up.
    expect(page.url()).toBe(`${host.origin}${host.basePath}`)

    const visitor = await page.context().newPage()
    for (const path of ['/', '/index.html', '/__keywarden/socket', '/assets/x.js'])
      await visitor.goto(`${other.origin}${path}`)
    await visitor.evaluate(() => fetch('/probe', { credentials: 'include' }).then((r) => r.text()))
    expect(other.requests.length).toBeGreaterThanOrEqual(5)
    for (const request of other.requests)
      expect(request.cookie, `cookie sent to ${request.path}`).not.toContain(session!.value)
  } finally {
    await other.close()
  }
})

test('no global exposes bridge traffic, and no created secret is reachable from page script after its dialog closed', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  const created = await createKeyInUi(page, { name: `no-trace-${Date.now()}`, resource: 'Sales' })
  expect(created.value.length).toBeGreaterThan(8)
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  const ask = page.getByRole('alertdialog', { name: /You won.t see this secret again/ })
  await ask.getByRole('button', { name: 'Close anyway' }).click()
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toBeHidden()

  const reachable = await page.evaluate(() => {
    const globals = window as unknown as Record<string, unknown>
    const ours = Object.getOwnPropertyNames(window).filter((name) => /keywarden/i.test(name))
    const storage = (s: Storage) => JSON.stringify(Object.fromEntries(Object.entries(s)))
    const state = (globals.__keywardenState as (() => unknown) | undefined)?.()
    return {
      ours,
      traffic: typeof globals.__keywardenBridgeTraffic,
      text: [
        document.documentElement.outerHTML,
        JSON.stringify(state),
        storage(localStorage),
        storage(sessionStorage),
        document.cookie,
        location.href,
      ].join('\n'),
    }
  })
  expect(reachable.traffic).toBe('undefined')
  expect(reachable.ours.sort()).toEqual(['__keywardenState', 'keywarden'])
  expect(reachable.text).toContain('no-trace-') // the key is listed, by name and masked value
  expect(reachable.text).not.toContain(created.value)
})

test('the sign-in tab has no opener and cannot send the Keywarden tab to a phishing page', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  const phishing = await recordingServer()
  try {
    await page.goto(host.url)
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
    const keywardenUrl = page.url()
    expect(keywardenUrl).toBe(`${host.origin}${host.basePath}`)
    const loginTab = page.context().waitForEvent('page')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    const tab = await loginTab
    await expect(tab.getByLabel('Username')).toBeVisible()

    const fromTab = await tab.evaluate((target) => {
      const opener = window.opener as Window | null
      let navigated = false
      try {
        if (opener) {
          opener.location.href = target
          navigated = true
        }
      } catch {
        navigated = false
      }
      return { openerIsNull: opener === null, navigated, referrer: document.referrer }
    }, `${phishing.origin}/phish`)
    expect(fromTab).toEqual({ openerIsNull: true, navigated: false, referrer: '' })
    await page.waitForTimeout(300)
    expect(page.url()).toBe(keywardenUrl)
    expect(phishing.requests).toEqual([])
  } finally {
    await phishing.close()
  }
})

test.describe('clipboard work goes only to the page that asked', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

  test('page A copies a secret: page B, connected later, receives no clipboard frame, not even when the clear timer fires after A closed', async ({
    page,
    startHost,
  }) => {
    const clock = new ManualClock()
    const host = await startHost({ clock })
    await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
    const created = await createKeyInUi(page, { name: `two-pages-${Date.now()}`, resource: 'Sales' })

    const pageB = await page.context().newPage()
    const framesB = framesOf(pageB)
    await pageB.goto(`${host.origin}${host.basePath}`)
    await expect(pageB.getByRole('table', { name: 'API keys' })).toBeVisible()
    expect(framesB.length).toBeGreaterThan(0)

    await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
    await expect(created.dialog).toContainText('The clipboard is cleared in 30 seconds.')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(created.value)

    await page.close()
    clock.advance(31_000)
    await pageB.waitForTimeout(300)
    expect(framesB.filter((frame) => frame.includes('"clipboard"'))).toEqual([])
    expect(framesB.join('\n')).not.toContain(created.value)
  })
})

test('the launcher page that `npm start` opens (no code on any command line) signs this browser in', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  const processes = pathToFileURL(resolve('scripts/lib/processes.mjs')).href
  const { writeRedirectPage } = (await import(processes)) as { writeRedirectPage: (url: string) => string }
  const link = host.url
  const file = writeRedirectPage(link)
  await page.goto(pathToFileURL(file).href)
  await expect(page).toHaveURL(`${host.origin}${host.basePath}`)
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  expect(file).not.toContain(new URL(link).searchParams.get('code')!)
})
