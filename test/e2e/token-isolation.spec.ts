import keytar from 'keytar'
import { expect, signInThroughBrowser, test } from './fixtures'

test('no access or refresh token reaches the renderer', async ({ page, startHost, sandbox, keychainService }) => {
  const host = await startHost()
  // Everything that crosses from the host into the page, seen by the browser (the page keeps no record).
  const received: string[] = []
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => void received.push(String(frame.payload))))
  await page.goto(host.url)
  await signInThroughBrowser(page, 'admin')
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()

  const tokens = sandbox.issuedTokenValues()
  const stored = (await keytar.findCredentials(keychainService)).find((c) => c.account.endsWith(':refresh-token'))
  expect(stored).toBeDefined()
  expect(tokens).toContain(stored!.password)
  expect(tokens.length).toBeGreaterThanOrEqual(2)

  const renderer = await page.evaluate(() => {
    const storage = (s: Storage) => JSON.stringify(Object.fromEntries(Object.entries(s)))
    return {
      state: JSON.stringify((window as unknown as { __keywardenState: () => unknown }).__keywardenState()),
      dom: document.documentElement.outerHTML,
      localStorage: storage(localStorage),
      sessionStorage: storage(sessionStorage),
      url: location.href,
    }
  })
  const searched = { ...renderer, traffic: received.join('\n') }
  // The checks are only meaningful if what we searched really holds the session and the keys.
  expect(searched.state).toContain('signed-in')
  expect(searched.traffic).toContain('checkout-service')
  for (const [where, text] of Object.entries(searched)) {
    for (const token of tokens) expect(text.includes(token), `a token was found in the renderer's ${where}`).toBe(false)
  }
})
