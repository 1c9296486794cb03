import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, signInThroughBrowser, test } from './fixtures'
import { createKeyInUi, keyRow, openProfile, rendererText, secretIn, rowAction, rowActionNames } from './key-actions'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

/** How each dialect's demo resource is called with a key, to prove the API accepts or rejects it. */
const tryDirectly = {
  gateway: (base: string, value: string) => fetch(`${base}/gateway/v1/sales`, { headers: { 'x-api-key': value } }),
  wallet: (base: string, value: string) =>
    fetch(`${base}/wallet/v1/demo/payments`, { headers: { 'x-api-key': value } }),
  pulse: (base: string, value: string, secret: string | null) =>
    fetch(`${base}/pulse/merchants`, { headers: { 'x-api-key': value, 'x-api-secret': secret ?? '' } }),
}
const grid = { gateway: 'Sales', wallet: 'Payments', pulse: 'Merchants' } as const

for (const dialect of ['gateway', 'wallet', 'pulse'] as const) {
  test(`${dialect}: create with the grid, see the secret once, copy it, edit, revoke with “Yes”`, async ({
    page,
    startHost,
    sandbox,
    dataDir,
    hostLog,
  }) => {
    const host = await startHost()
    await openProfile(page, host.url, `Local sandbox · ${dialect}`, 'admin')
    const name = `e2e-${dialect}-${Date.now()}`
    const created = await createKeyInUi(page, {
      name,
      resource: grid[dialect],
      ...(dialect === 'wallet' ? { notes: 'first notes', preset: '90 days' as const } : {}),
    })
    expect(created.value.length).toBeGreaterThan(20)
    expect(host.contentProtected()).toBe(true)
    expect((await tryDirectly[dialect](sandbox.url, created.value, created.secret)).status).toBe(200)

    // Copy: the clipboard holds the value; closing needs no "you won't see this again" question.
    await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
    await expect(created.dialog).toContainText('Copied.')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(created.value)
    await created.dialog.getByRole('button', { name: 'Done' }).click()
    await expect(page.getByRole('dialog', { name: 'Your new API key' })).toBeHidden()
    expect(host.contentProtected()).toBe(false)

    // The secret is not shown again anywhere in the app. (Pulse's key is a public id, like a user
    // name, and is listed; its secret is what must never come back.)
    await expect(keyRow(page, name)).toBeVisible()
    const shown = await rendererText(page)
    if (created.secret) expect(shown.includes(created.secret)).toBe(false)
    else expect(shown.includes(created.value)).toBe(false)

    // Edit: wallet keeps name and expiry fixed and changes notes; the others rename.
    await rowAction(page, name, 'Edit')
    const edit = page.getByRole('dialog', { name: 'Edit API key' })
    let currentName = name
    if (dialect === 'wallet') {
      await expect(edit.getByRole('textbox', { name: 'Name', exact: true })).not.toBeEditable()
      await expect(edit.getByLabel('Expiry date')).not.toBeEditable()
      await edit.getByLabel('Notes').fill('second notes')
      await edit.getByRole('button', { name: 'Save' }).click()
      await expect(keyRow(page, name)).toContainText('second notes')
    } else {
      currentName = `${name}-renamed`
      await edit.getByRole('textbox', { name: 'Name', exact: true }).fill(currentName)
      await edit.getByRole('button', { name: 'Save' }).click()
      await expect(keyRow(page, currentName)).toBeVisible()
    }
    await expect(edit).toBeHidden()

    // Revoke with "Yes": the key leaves the table and the API rejects it.
    await rowAction(page, currentName, 'Revoke')
    const confirm = page.getByRole('alertdialog', { name: 'Revoke API key' })
    await expect(confirm).toContainText(currentName)
    await expect(confirm).toContainText('This key was used')
    await confirm.getByRole('button', { name: 'Yes' }).click()
    await expect(keyRow(page, currentName)).toHaveCount(0)
    expect((await tryDirectly[dialect](sandbox.url, created.value, created.secret)).status).toBe(401)

    // Nothing secret was written to any file (settings, audit log, journal, the encrypted cache) or the log.
    const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
    expect(files).toEqual(expect.arrayContaining(['settings.json', 'audit-log.jsonl']))
    const contents = files.map((f) => join(dataDir, f)).filter((path) => statSync(path).isFile())
    const written = [...contents.map((path) => readFileSync(path, 'utf8')), hostLog.join('\n')].join('\n')
    expect(written).toContain(name)
    expect(written.includes(created.value)).toBe(false)
    if (created.secret) expect(written.includes(created.secret)).toBe(false)
  })
}

test('closing the secret dialog without copying asks “You won’t see this secret again”', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'admin')
  const created = await createKeyInUi(page, { name: `uncopied-${Date.now()}`, resource: 'Sales' })
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  const ask = page
    .getByRole('alertdialog', { name: 'You won’t see this secret again' })
    .or(page.getByRole('alertdialog', { name: "You won't see this secret again" }))
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Go back' }).click()
  await expect(created.dialog).toBeVisible()
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  await ask.getByRole('button', { name: 'Close anyway' }).click()
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toBeHidden()
})

test('viewer cannot create, edit or revoke; support reveals a gateway key', async ({ page, startHost }) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'viewer')
  const row = keyRow(page, 'checkout-service')
  await expect(row).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add API key' })).toHaveCount(0)
  const offered = await rowActionNames(page, 'checkout-service')
  expect(offered).toContain('Try key')
  for (const action of ['Edit', 'Revoke', 'Rotate']) expect(offered).not.toContain(action)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()

  // The sandbox remembers viewer's login; forget it so support can sign in.
  await page.context().clearCookies()
  await page.goto(host.url)
  await signInThroughBrowser(page, 'support')
  // The profile was last signed in as viewer: Keywarden asks before it shows support's keys.
  await page.getByRole('button', { name: 'Continue as Sam Support' }).click()
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible()
  await keyRow(page, 'checkout-service').getByRole('button', { name: 'Reveal' }).click()
  await page.getByRole('alertdialog', { name: 'Reveal API key' }).getByRole('button', { name: 'Reveal' }).click()
  await expect(page.getByText(/Hidden again in \d+ s/)).toBeVisible()
  const value = await secretIn(page.getByLabel('API key', { exact: true }))
  expect(value).toMatch(/^apk_[A-Za-z0-9]{30,}$/)
  await page.keyboard.press('Escape')

  // Trying the key sends one request with it to the gateway's demo resource.
  await rowAction(page, 'checkout-service', 'Try key')
  const tryDialog = page.getByRole('dialog', { name: 'Try API key' })
  await tryDialog.getByRole('button', { name: 'Send request' }).click()
  await expect(tryDialog.getByRole('status')).toContainText('200')
  await expect(tryDialog).toContainText('/gateway/v1/sales')
  expect(await tryDialog.textContent()).not.toContain(value)
  await tryDialog.getByRole('button', { name: 'Close' }).click()

  // The reveal is in the local audit log: who, which key, when; never the value.
  await page.getByRole('button', { name: 'Audit log' }).click()
  const audit = page.getByRole('table', { name: 'Audit log' })
  await expect(
    audit
      .getByRole('row')
      .filter({ hasText: 'checkout-service' })
      .filter({ hasText: /revealed/i })
      .first(),
  ).toBeVisible()
  await expect(audit).toContainText('Sam Support')
  expect(await audit.textContent()).not.toContain(value)
})

test('a 403 from the server is shown clearly: support cannot rotate a key whose scopes it does not hold', async ({
  page,
  startHost,
}) => {
  const host = await startHost()
  await openProfile(page, host.url, 'Local sandbox · gateway', 'support')
  // checkout-service holds sale:write; support holds only read scopes, so the successor is refused.
  await rowAction(page, 'checkout-service', 'Rotate')
  const rotate = page.getByRole('dialog', { name: 'Rotate API key' })
  await rotate.getByRole('button', { name: 'Rotate' }).click()
  await expect(rotate.getByRole('alert')).toContainText(
    'You can only grant scopes you hold yourself; missing: sale:write',
  )
  await expect(page.getByRole('dialog', { name: 'Your new API key' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Pending revocations' })).toHaveCount(0)
})
