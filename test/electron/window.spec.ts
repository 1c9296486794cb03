import { callNames, eventNames, subscriberNameOf } from '@shared/contract'
import { expect, skipElectron, skipReason, test } from './fixtures'

test.skip(skipElectron, skipReason)

test('the window is isolated, sandboxed and without Node, loads from app:// and exposes only `keywarden`', async ({
  launch,
}) => {
  const { app, window } = await launch()

  // Read from the main process: what the window's web contents really run with. Electron has
  // `getLastWebPreferences()` at run time but leaves it out of its typings, hence the cast.
  const preferences = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
      getLastWebPreferences(): Electron.WebPreferences | null
    }
    const prefs = contents.getLastWebPreferences()
    return {
      contextIsolation: prefs?.contextIsolation,
      sandbox: prefs?.sandbox,
      nodeIntegration: prefs?.nodeIntegration,
      webviewTag: prefs?.webviewTag,
    }
  })
  expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false })

  await expect(window.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible()
  expect(window.url()).toMatch(/^app:\/\/keywarden\//)

  // The page's globals, minus those of a blank sandboxed page: the preload adds `keywarden` and
  // nothing else (`__keywardenState` is the renderer's own debugging snapshot, set by main.tsx).
  const blank = await app.evaluate(async ({ BrowserWindow }) => {
    const probe = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } })
    await probe.loadURL('about:blank')
    const names = (await probe.webContents.executeJavaScript('Object.getOwnPropertyNames(window)')) as string[]
    probe.destroy()
    return names
  })
  const names = await window.evaluate(() => Object.getOwnPropertyNames(globalThis))
  expect(names.filter((name) => !blank.includes(name)).sort()).toEqual(['__keywardenState', 'keywarden'])

  const bridge = await window.evaluate(() => {
    const g = globalThis as Record<string, unknown>
    const keywarden = g.keywarden as Record<string, unknown>
    return {
      keys: Object.keys(keywarden).sort(),
      allFunctions: Object.values(keywarden).every((v) => typeof v === 'function'),
      frozen: Object.isFrozen(keywarden),
      node: ['require', 'process', 'module', 'Buffer', 'ipcRenderer', 'electron'].filter((name) => name in g),
    }
  })
  expect(bridge).toEqual({
    keys: [...callNames, ...eventNames.map(subscriberNameOf)].sort(),
    allFunctions: true,
    frozen: true,
    node: [],
  })
})
