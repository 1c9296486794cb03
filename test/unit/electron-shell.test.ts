import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

// Unit tests of the Electron shell. Electron's runtime is not available here, so the `electron`
// module — and only it — is replaced by a recording stand-in; everything else is the real shell code.
const recorded = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; loaded?: string; contentProtection?: boolean }>,
  protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
  privileged: [] as unknown[],
  appListeners: new Map<string, (...args: unknown[]) => void>(),
  opened: [] as string[],
  clipboardWrites: [] as Array<Array<Record<string, unknown>>>,
}))

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof recorded.windows)[number]
    constructor(options: Record<string, unknown>) {
      this.record = { options }
      recorded.windows.push(this.record)
    }
    once() {}
    loadURL(url: string) {
      this.record.loaded = url
      return Promise.resolve()
    }
    setContentProtection(on: boolean) {
      this.record.contentProtection = on
    }
  }
  return {
    BrowserWindow,
    app: { on: (event: string, listener: (...args: unknown[]) => void) => recorded.appListeners.set(event, listener) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) =>
        (recorded.protocolHandler = handler),
    },
    shell: { openExternal: async (url: string) => void recorded.opened.push(url) },
    // Electron 45's clipboard: one write() of ClipboardItems commits every format together.
    ClipboardItem: class {
      constructor(readonly items: Record<string, unknown>) {}
    },
    clipboard: {
      write: async (items: Array<{ items: Record<string, unknown> }>) =>
        void recorded.clipboardWrites.push(items.map((item) => item.items)),
      readText: async () => '',
      clear() {},
    },
  }
})

const { createMainWindow } = await import('@main/window')
const { registerAppScheme, serveRenderer } = await import('@main/protocol')
const { denyAllPermissions, guardNavigation } = await import('@main/security')
const { electronPlatform } = await import('@main/platform')
const { applicationMenuTemplate } = await import('@main/menu')
const { silentLogger } = await import('@core/log')

// The renderer folder, with a file beside it that a path-traversal request would try to reach.
const base = mkdtempSync(join(tmpdir(), 'keywarden-shell-'))
const rendererDir = join(base, 'renderer')
mkdirSync(join(rendererDir, 'assets'), { recursive: true })
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Keywarden</title>')
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(base, 'secret.txt'), 'outside the renderer')
afterAll(() => rmSync(base, { recursive: true, force: true }))

beforeEach(() => {
  recorded.opened.length = 0
  recorded.clipboardWrites.length = 0
})

describe('the main window', () => {
  it('is isolated and sandboxed, without Node, and loads the app from app://keywarden', () => {
    createMainWindow('/app/out/preload/index.cjs')
    const window = recorded.windows.at(-1)!
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    })
    expect(window.loaded).toBe('app://keywarden/index.html')
  })

  it('has no DevTools when packaged, and keeps them for development', () => {
    createMainWindow('/app/out/preload/index.cjs', { isPackaged: true })
    expect(recorded.windows.at(-1)!.options.webPreferences).toMatchObject({ devTools: false })
    createMainWindow('/app/out/preload/index.cjs')
    expect(recorded.windows.at(-1)!.options.webPreferences).toMatchObject({ devTools: false })
    createMainWindow('/app/out/preload/index.cjs', { isPackaged: false })
    expect(recorded.windows.at(-1)!.options.webPreferences).toMatchObject({ devTools: true })
  })
})

describe('the application menu', () => {
  type Item = { role?: string; submenu?: unknown; accelerator?: string }
  const flatten = (items: Item[]): Item[] =>
    items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu as Item[]) : [])])
  const developerRoles = ['toggleDevTools', 'reload', 'forceReload']

  it.each(['darwin', 'win32', 'linux'] as const)('has no developer items when packaged (%s)', (platform) => {
    const items = flatten(applicationMenuTemplate({ isPackaged: true, platform, appName: 'Keywarden' }))
    expect(items.filter((item) => developerRoles.includes(item.role ?? ''))).toEqual([])
    expect(items.some((item) => item.accelerator !== undefined)).toBe(false)
    expect(items.some((item) => item.role === 'copy')).toBe(true)
  })

  it('keeps reload and DevTools in development', () => {
    const roles = flatten(applicationMenuTemplate({ isPackaged: false, platform: 'linux', appName: 'Keywarden' })).map(
      (item) => item.role,
    )
    expect(roles).toEqual(expect.arrayContaining(developerRoles))
  })
})

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme and serves the renderer with the CSP header', async () => {
    registerAppScheme()
    expect(recorded.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ])
    serveRenderer(rendererDir)
    const response = await recorded.protocolHandler!(new Request('app://keywarden/index.html'))
    expect(response.status).toBe(200)
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toContain('unsafe-inline')
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(
      (await recorded.protocolHandler!(new Request('app://keywarden/assets/app.js'))).headers.get('content-type'),
    ).toContain('javascript')
  })

  it('serves nothing outside the renderer folder and nothing for another host', async () => {
    serveRenderer(rendererDir)
    for (const url of [
      'app://keywarden/../secret.txt',
      'app://keywarden/%2e%2e/secret.txt',
      'app://keywarden/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://other/index.html',
      'app://keywarden/missing.js',
    ]) {
      const response = await recorded.protocolHandler!(new Request(url))
      expect(response.status, url).toBe(404)
    }
  })
})

describe('navigation and permission guards', () => {
  function guardedContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
    let openHandler: ((details: { url: string }) => { action: string }) | undefined
    const contents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) =>
        listeners.set(event, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (openHandler = handler),
    }
    guardNavigation(silentLogger)
    recorded.appListeners.get('web-contents-created')!({}, contents)
    return { listeners, open: (url: string) => openHandler!({ url }) }
  }

  it('keeps every page on the app origin', () => {
    const { listeners } = guardedContents()
    const navigate = (url: string) => {
      let prevented = false
      listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url)
      return prevented
    }
    expect(navigate('https://evil.example/')).toBe(true)
    expect(navigate('file:///etc/passwd')).toBe(true)
    expect(navigate('app://keywarden/index.html')).toBe(false)
    let webviewBlocked = false
    listeners.get('will-attach-webview')!({ preventDefault: () => (webviewBlocked = true) })
    expect(webviewBlocked).toBe(true)
  })

  it("denies every new window, sending only Keywarden's own help pages to the system browser", async () => {
    const { open } = guardedContents()
    expect(open('https://keywarden.dev/help/keys')).toEqual({ action: 'deny' })
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' })
    await Promise.resolve()
    expect(recorded.opened).toEqual(['https://keywarden.dev/help/keys'])
  })

  it('refuses and logs a renderer link to another https host (attack: any https host opened)', async () => {
    const lines: string[] = []
    const log = { info() {}, warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) }
    const listeners = new Map<string, unknown>()
    let openHandler: ((details: { url: string }) => { action: string }) | undefined
    guardNavigation(log)
    recorded.appListeners.get('web-contents-created')!(
      {},
      {
        on: (event: string, listener: unknown) => listeners.set(event, listener),
        setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
      },
    )
    expect(openHandler!({ url: 'https://evil.example/?code=stolen-code' })).toEqual({ action: 'deny' })
    expect(openHandler!({ url: 'https://docs.example/keys' })).toEqual({ action: 'deny' })
    await Promise.resolve()
    expect(recorded.opened).toEqual([])
    expect(lines).toHaveLength(2)
    expect(lines[0]).toContain('refused to open https://evil.example/')
    expect(lines[0]).not.toContain('stolen-code')
  })

  it('denies every permission request and check', () => {
    let requestHandler:
      ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
    let checkHandler: (() => boolean) | undefined
    denyAllPermissions({
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    } as never)
    let granted: boolean | undefined
    requestHandler!({}, 'media', (value) => (granted = value))
    expect(granted).toBe(false)
    expect(checkHandler!()).toBe(false)
  })
})

describe('the platform port', () => {
  it('opens only http(s) URLs and protects the window from capture on request', async () => {
    createMainWindow('/preload.cjs')
    const window = recorded.windows.at(-1)!
    const platform = electronPlatform(
      () => ({ setContentProtection: (on: boolean) => (window.contentProtection = on) }) as never,
    )
    await platform.openExternal('http://127.0.0.1:4010/auth?x=1')
    await expect(platform.openExternal('file:///etc/passwd')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(recorded.opened).toEqual(['http://127.0.0.1:4010/auth?x=1'])
    platform.setContentProtection(true)
    expect(window.contentProtection).toBe(true)
  })

  it('says where screen-capture protection works: macOS and Windows, not Linux', () => {
    expect(electronPlatform(() => undefined, undefined, 'darwin').screenCaptureProtection).toEqual({
      available: true,
      where: 'on macOS',
    })
    expect(electronPlatform(() => undefined, undefined, 'win32').screenCaptureProtection).toEqual({
      available: true,
      where: 'on Windows',
    })
    expect(electronPlatform(() => undefined, undefined, 'linux').screenCaptureProtection).toEqual({
      available: false,
      where: 'on Linux',
    })
  })

  const raw = (format: string) => `electron application/osclipboard;format="${format}"`
  const bytesOf = async (value: unknown) =>
    value instanceof Blob ? [...new Uint8Array(await value.arrayBuffer())] : value

  it('writes the secret with the macOS concealed marker in one write', async () => {
    await electronPlatform(() => undefined, undefined, 'darwin').clipboard.writeSecret('apk_secret')
    expect(recorded.clipboardWrites).toEqual([
      [{ 'text/plain': 'apk_secret', [raw('org.nspasteboard.ConcealedType')]: '' }],
    ])
  })

  it('writes the secret with the Windows history, cloud and monitor exclusions in one write', async () => {
    await electronPlatform(() => undefined, undefined, 'win32').clipboard.writeSecret('apk_secret')
    expect(recorded.clipboardWrites).toHaveLength(1)
    const [[item]] = recorded.clipboardWrites as [[Record<string, unknown>]]
    expect(Object.keys(item).sort()).toEqual(
      [
        'text/plain',
        raw('ExcludeClipboardContentFromMonitorProcessing'),
        raw('CanIncludeInClipboardHistory'),
        raw('CanUploadToCloudClipboard'),
      ].sort(),
    )
    expect(item['text/plain']).toBe('apk_secret')
    expect(await bytesOf(item[raw('CanIncludeInClipboardHistory')])).toEqual([0, 0, 0, 0])
    expect(await bytesOf(item[raw('CanUploadToCloudClipboard')])).toEqual([0, 0, 0, 0])
  })

  it('writes the secret with the KDE password-manager hint on Linux', async () => {
    await electronPlatform(() => undefined, undefined, 'linux').clipboard.writeSecret('apk_secret')
    expect(recorded.clipboardWrites).toEqual([
      [{ 'text/plain': 'apk_secret', [raw('x-kde-passwordManagerHint')]: 'secret' }],
    ])
  })
})
