import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, it } from 'vitest'
import { callNames, channelOfCall } from '@shared/contract'
import type { Result } from '@shared/domain/errors'
import type { SessionState } from '@shared/domain/session'
import type { CallHandlers } from '@core/ipc/dispatch'
import { silentLogger } from '@core/log'
import { registerIpc } from '@main/ipc'

// ipc.ts only type-imports electron: the fake below stands in for ipcMain and for the invoke event.

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>

const state: SessionState = {
  status: 'signed-out',
  profile: {
    id: 'p1',
    name: 'Test',
    dialect: 'gateway',
    apiBaseUrl: 'https://api.example',
    auth: { kind: 'oauth', issuer: 'https://id.example', clientId: 'c' },
    defaultAccountId: null,
    managedBy: null,
  },
}

function setUp() {
  const registered = new Map<string, Listener>()
  const fakeIpcMain = {
    handle(channel: string, listener: Listener) {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`)
      registered.set(channel, listener)
    },
  }
  const handled: string[] = []
  // Every call of the contract is registered; each records that it ran and answers the state.
  const handlers = Object.fromEntries(
    callNames.map((name) => [name, async () => (handled.push(name), state)]),
  ) as unknown as CallHandlers
  registerIpc(fakeIpcMain, handlers, silentLogger)
  const invoke = (channel: string, event: unknown, input?: unknown) => {
    const listener = registered.get(channel)
    if (!listener) throw new Error(`nothing registered on ${channel}`)
    return listener(event as IpcMainInvokeEvent, input)
  }
  return { registered, handled, invoke }
}

/** An invoke event from a frame at `url`; the main frame unless `subframe`. */
function eventFrom(url: string, { subframe = false } = {}) {
  const mainFrame = { url: subframe ? 'app://keywarden/index.html' : url }
  const senderFrame = subframe ? { url } : mainFrame
  return { senderFrame, sender: { mainFrame } }
}

const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } }

describe('registerIpc', () => {
  it('registers exactly one handler per contract call, on the channel the contract names', () => {
    const { registered } = setUp()
    expect([...registered.keys()].sort()).toEqual(callNames.map(channelOfCall).sort())
  })

  it('lets the main frame of the app origin through to the handler', async () => {
    const { handled, invoke } = setUp()
    const result = await invoke(channelOfCall('getSession'), eventFrom('app://keywarden/index.html'))
    expect(result).toEqual({ ok: true, value: state })
    expect(handled).toEqual(['getSession'])
  })

  it('still parses the input of a trusted sender: bad input is VALIDATION, the handler is not run', async () => {
    const { handled, invoke } = setUp()
    const result = await invoke(channelOfCall('signOut'), eventFrom('app://keywarden/index.html'), { x: 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(handled).toEqual([])
  })

  it.each([
    ['a subframe of the app', eventFrom('app://keywarden/frame.html', { subframe: true })],
    ['another origin', eventFrom('https://evil.example/index.html')],
    ['a file: page', eventFrom('file:///opt/Keywarden/resources/index.html')],
    ['a look-alike app host', eventFrom('app://keywarden.evil/index.html')],
    ['app origin with credentials', eventFrom('app://user:pw@keywarden/index.html')],
    [
      'a destroyed frame (no senderFrame)',
      { senderFrame: null, sender: { mainFrame: { url: 'app://keywarden/index.html' } } },
    ],
  ])('refuses %s with FORBIDDEN and never runs the handler', async (_label, event) => {
    const { handled, invoke } = setUp()
    for (const name of callNames) {
      expect(await invoke(channelOfCall(name), event)).toEqual(forbidden)
    }
    expect(handled).toEqual([])
  })
})
