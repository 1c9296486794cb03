import { ManualClock } from '@core/clock'
import { expect, test } from './fixtures'
import { keyRow, openProfile } from './key-actions'
import type { Page } from '@playwright/test'

test.use({ permissions: ['notifications'] })

const HOUR = 60 * 60 * 1000

// Records every notification the page shows through its real Web Notification API.
const recordNotifications = () => {
  const Real = window.Notification
  const shown: Notification[] = []
  class Recording extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options)
      shown.push(this)
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Real.permission })
  Object.defineProperty(window, 'Notification', { value: Recording, configurable: true, writable: true })
  Object.defineProperty(window, '__shown', { value: shown })
}

const shownTexts = (page: Page) =>
  page.evaluate(() => (window as unknown as { __shown: Notification[] }).__shown.map((n) => `${n.title} | ${n.body}`))

test('a 7-day expiry reminder is raised once, not again an hour later or after a restart, and its click filters the table', async ({
  page,
  startHost,
}) => {
  await page.addInitScript(recordNotifications)
  const clock = new ManualClock()
  const first = await startHost({ clock })
  // The seeded gateway key "crm-sync" expires in 5 days.
  await openProfile(page, first.url, 'Local sandbox · gateway', 'admin')
  expect(await shownTexts(page)).toEqual([])
  // The clock moves by hours: the idle lock (5 minutes) is turned off, as a user would.
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByLabel('Lock Keywarden after I am away for').selectOption('0')
  await expect(settings.getByRole('group', { name: 'Reminders' })).toBeVisible()
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()

  clock.advance(HOUR)
  const reminder = 'API keys expire soon | “crm-sync” of Local sandbox · gateway expires within 7 days'
  await expect.poll(() => shownTexts(page)).toEqual([reminder])

  // The click opens the table filtered to exactly that key.
  await page.evaluate(() =>
    (window as unknown as { __shown: Notification[] }).__shown[0]!.dispatchEvent(new Event('click')),
  )
  await expect(page.getByRole('status').filter({ hasText: 'Filtered by the Overview' })).toContainText(
    'Expiring within 7 days',
  )
  await expect(page.getByRole('table', { name: 'API keys' }).getByRole('rowheader')).toHaveCount(1)
  await expect(keyRow(page, 'crm-sync')).toHaveCount(1)

  clock.advance(HOUR)
  await first.close()
  const second = await startHost({ clock })
  await page.goto(second.url)
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  // The restarted host checks at start and every hour: the reminder it already raised stays quiet.
  clock.advance(HOUR)
  clock.advance(HOUR)
  // A check that would raise it takes well under this; the wait only bounds how long we look.
  await page.waitForTimeout(2000)
  expect(await shownTexts(page)).toEqual([])
})

test('with "Quiet while Keywarden is in the background" a due reminder waits until the page is in front again', async ({
  page,
  startHost,
}) => {
  await page.addInitScript(recordNotifications)
  const clock = new ManualClock()
  const host = await startHost({ clock })
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  // Reminder settings are saved at once; in front, the due 7-day reminder of "crm-sync" (5 days left) comes.
  await settings.getByRole('checkbox', { name: 'Quiet while Keywarden is in the background' }).check()
  const sevenDays = 'API keys expire soon | “crm-sync” of Local sandbox · gateway expires within 7 days'
  await expect.poll(() => shownTexts(page)).toEqual([sevenDays])
  // The clock moves by days: the idle lock is turned off, as a user would.
  await settings.getByLabel('Lock Keywarden after I am away for').selectOption('0')
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()

  // Another tab comes to the front (Playwright's focus emulation off, so the page sees its real focus).
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false })
  const other = await page.context().newPage()
  // The page comes to the front first: Chromium ignores bringing forward a tab it already counts as active.
  await page.bringToFront()
  await other.bringToFront()
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false)

  // Four days later the hourly check finds "crm-sync" within a day of expiry, and keeps quiet.
  clock.advance(4 * 24 * HOUR + HOUR)
  // A check that would raise it takes well under this; the wait only bounds how long we look.
  await page.waitForTimeout(2000)
  expect(await shownTexts(page)).toEqual([sevenDays])

  // Back in front, with no clock change: the held reminder comes, once.
  await page.bringToFront()
  const oneDay = 'API keys expire soon | “crm-sync” of Local sandbox · gateway expires within a day'
  await expect.poll(() => shownTexts(page)).toEqual([sevenDays, oneDay])
  await other.bringToFront()
  await page.bringToFront()
  await page.waitForTimeout(1000)
  expect(await shownTexts(page)).toEqual([sevenDays, oneDay])
})
