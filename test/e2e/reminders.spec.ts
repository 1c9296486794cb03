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
