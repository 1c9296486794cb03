import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import keytar from 'keytar'
import {
  clipboardText,
  contentProtected,
  expect,
  openSignedIn,
  skipElectron,
  skipReason,
  test,
  type LaunchedApp,
} from './fixtures'

test.skip(skipElectron, skipReason)

async function setClipboardDelay(launched: LaunchedApp, seconds: number): Promise<void> {
  const { window } = launched
  await window.getByRole('button', { name: 'Settings' }).click()
  const settings = window.getByRole('dialog', { name: 'Settings' })
  await settings.getByLabel('Clear the clipboard after (seconds)').fill(String(seconds))
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()
}

async function createKey(launched: LaunchedApp, name: string) {
  const { window } = launched
  await window.getByRole('button', { name: 'Add API key' }).click()
  const form = window.getByRole('dialog', { name: 'Add API key' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByRole('checkbox', { name: 'Change Sales' }).check()
  await form.getByRole('button', { name: 'Save' }).click()
  const dialog = window.getByRole('dialog', { name: 'Your new API key' })
  await expect(dialog).toBeVisible()
  const field = dialog.getByLabel('API key', { exact: true })
  const value = (await field.inputValue().catch(async () => (await field.textContent()) ?? '')).trim()
  expect(value.length).toBeGreaterThan(10)
  return { dialog, value }
}

/** electron-store's file and the other files Keywarden writes in its user-data folder. */
async function keywardenFiles(userDataDir: string): Promise<Array<{ name: string; text: string }>> {
  const names = (await readdir(userDataDir, { withFileTypes: true }))
    .filter((e) => e.isFile() && /\.(json|jsonl)$/.test(e.name))
    .map((e) => e.name)
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(userDataDir, name), 'utf8') })))
}

test('a new key: shown once under content protection, copied, cleared after the delay and on quit; nothing secret on disk', async ({
  launch,
  sandbox,
  keychainService,
  userDataDir,
}) => {
  const launched = await launch()
  const { app } = launched
  await openSignedIn(launched, 'admin')
  await setClipboardDelay(launched, 5)
  expect(await contentProtected(app)).toBe(false)

  const created = await createKey(launched, `electron-${Date.now()}`)
  await expect.poll(() => contentProtected(app)).toBe(true)

  // Copy: on the clipboard now, gone after the configured 5 seconds (the poll only bounds the wait).
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await expect(created.dialog).toContainText('The clipboard is cleared in 5 seconds.')
  expect(await clipboardText(app)).toBe(created.value)
  await expect.poll(() => clipboardText(app), { timeout: 15_000 }).toBe('')

  // Copy again and quit while it is on the clipboard: quitting clears it.
  await created.dialog.getByRole('button', { name: 'Copy API key' }).click()
  await expect.poll(() => clipboardText(app)).toBe(created.value)
  await created.dialog.getByRole('button', { name: 'Done' }).click()
  await expect(created.dialog).toBeHidden()
  await expect.poll(() => contentProtected(app)).toBe(false)
  await app.close()

  // A second run reads the system clipboard. (On Linux/X11 the clipboard also empties when its
  // owner exits, so this step proves the quit handler on macOS and Windows.)
  const again = await launch()
  expect(await clipboardText(again.app)).not.toBe(created.value)
  await again.app.close()

  // Nothing secret in electron-store's settings.json or the audit log.
  const secrets = [
    created.value,
    ...sandbox.issuedTokenValues(),
    ...(await keytar.findCredentials(keychainService)).map((c) => c.password),
  ]
  expect(secrets.length).toBeGreaterThan(2)
  const files = await keywardenFiles(userDataDir)
  expect(files.map((f) => f.name)).toContain('settings.json')
  for (const file of files) {
    for (const secret of secrets) expect(file.text.includes(secret), `${file.name} holds a secret`).toBe(false)
  }
})
