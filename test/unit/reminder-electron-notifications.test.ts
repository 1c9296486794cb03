import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { desktopNotifications } from '@main/notifications'

// Electron's Notification, app.setBadgeCount and the window are stood in; the wiring is the shell's own.
function standIns(options: { supported?: boolean; failWith?: string } = {}) {
  const shown: Array<{ options: { title?: string; body?: string }; emit: (event: string) => void }> = []
  class FakeNotification extends EventEmitter {
    static isSupported = () => options.supported ?? true
    constructor(readonly options: { title?: string; body?: string }) {
      super()
    }
    show() {
      shown.push({ options: this.options, emit: (event) => this.emit(event) })
      if (options.failWith) this.emit('failed', {}, options.failWith)
    }
  }
  const badges: number[] = []
  const win = { focused: false, restored: 0, focusCalls: 0 }
  const window = {
    isDestroyed: () => false,
    isMinimized: () => true,
    restore: () => void win.restored++,
    focus: () => void win.focusCalls++,
    isFocused: () => win.focused,
  } as unknown as Parameters<typeof desktopNotifications>[2] extends () => infer W ? NonNullable<W> : never
  const app = Object.assign(new EventEmitter(), { setBadgeCount: (n: number) => (badges.push(n), true) })
  const port = desktopNotifications(FakeNotification, app, () => window)
  return { port, shown, badges, win, app }
}

describe('desktop notifications in the Electron shell', () => {
  it('shows a notification and reports its click (bringing the window to the front)', async () => {
    const { port, shown, win } = standIns()
    const clicks: string[] = []
    port.onNotificationClick((id) => clicks.push(id))
    const id = '0b6c1c2e-8f0e-4a47-9e43-6f1c0a4c9a11'
    expect(await port.notify({ id, title: 'API keys expire soon', body: '12 keys of Prod expire within 7 days' })).toBe(
      'shown',
    )
    expect(shown.map((n) => n.options)).toEqual([
      { title: 'API keys expire soon', body: '12 keys of Prod expire within 7 days' },
    ])
    shown[0]!.emit('click')
    expect(clicks).toEqual([id])
    expect(win).toMatchObject({ restored: 1, focusCalls: 1 })
  })

  it('says unsupported where the system has no notifications, and denied when the system refuses one', async () => {
    expect(await standIns({ supported: false }).port.notify({ id: 'a', title: 't', body: 'b' })).toBe('unsupported')
    expect(await standIns({ failWith: 'disabled' }).port.notify({ id: 'a', title: 't', body: 'b' })).toBe('denied')
  })

  it('sets the dock/taskbar badge and knows when the window is in the background', () => {
    const { port, badges, win } = standIns()
    port.setBadgeCount(3)
    port.setBadgeCount(0)
    expect(badges).toEqual([3, 0])
    expect(port.isInBackground()).toBe(true)
    win.focused = true
    expect(port.isInBackground()).toBe(false)
  })

  it("reports the window's return to the front (held quiet reminders are due then)", () => {
    const { port, app } = standIns()
    let fronts = 0
    port.onForeground(() => fronts++)
    app.emit('browser-window-focus')
    app.emit('browser-window-focus')
    expect(fronts).toBe(2)
  })
})
