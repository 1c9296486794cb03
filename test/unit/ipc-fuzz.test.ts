import type { IpcMainInvokeEvent } from 'electron'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { callNames, calls, channelOfCall, type CallName } from '@shared/contract'
import type { Result } from '@shared/domain/errors'
import type { CallHandlers } from '@core/ipc/dispatch'
import { silentLogger } from '@core/log'
import { registerIpc } from '@main/ipc'
import { malformedArbitrary } from '../support/contract-arbitraries'

// The Electron shell's path, sender check and dispatch together, under fuzzed input and fuzzed
// senders. Only `ipcMain` and the invoke event are stood in (ipc.ts only type-imports electron).
// What reaches ipcMain has crossed a structured clone, so every input is cloned first, as the wire does.

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>

function setUp() {
  const registered = new Map<string, Listener>()
  const ipcMain = { handle: (channel: string, listener: Listener) => void registered.set(channel, listener) }
  const ran: CallName[] = []
  const handlers = Object.fromEntries(
    callNames.map((name) => [name, async () => (ran.push(name), null)]),
  ) as unknown as CallHandlers
  registerIpc(ipcMain, handlers, silentLogger)
  return { registered, ran }
}

const appUrl = 'app://keywarden/index.html'

/** An invoke event from a main frame at `url`, or from a subframe at `subframeUrl` inside the app. */
function eventFrom(url: string, subframeUrl?: string) {
  const mainFrame = { url }
  return { senderFrame: subframeUrl === undefined ? mainFrame : { url: subframeUrl }, sender: { mainFrame } }
}

/** A sender: the trusted main frame, or one of the ways a frame can be foreign. */
const sender = fc.oneof(
  fc.constant({ trusted: true, event: eventFrom(appUrl) }),
  fc
    .webUrl({ withQueryParameters: true, withFragments: true })
    .map((url) => ({ trusted: false, event: eventFrom(url) })),
  fc
    .constantFrom('app://keywarden/frame.html', appUrl, 'https://evil.example/')
    .map((url) => ({ trusted: false, event: eventFrom(appUrl, url) })),
  fc
    .constantFrom(
      'app://keywarden.evil/index.html',
      'app://user:pw@keywarden/index.html',
      'file:///opt/Keywarden/index.html',
      'app://keywarden@evil/index.html',
      '',
    )
    .map((url) => ({ trusted: false, event: eventFrom(url) })),
  fc.constant({ trusted: false, event: { senderFrame: null, sender: { mainFrame: { url: appUrl } } } }),
)

/** What arrives in main: the structured clone of what the renderer sent; a value too deep to clone never leaves it. */
function overTheWire(input: unknown): { arrived: true; input: unknown } | { arrived: false } {
  try {
    return { arrived: true, input: structuredClone(input) }
  } catch {
    return { arrived: false }
  }
}

const malformedByCall = new Map(callNames.map((name) => [name, malformedArbitrary(calls[name].input)]))

const anyCallWithInput = fc.constantFrom(...callNames).chain((name) =>
  malformedByCall
    .get(name)!
    .map(overTheWire)
    .filter((wire) => wire.arrived && !calls[name].input.safeParse(wire.input).success)
    .map((wire) => ({ name, input: wire.arrived ? wire.input : undefined })),
)

describe('ipc fuzz: registerIpc (sender check + dispatch) on malformed input', () => {
  it('never throws; a foreign sender gets FORBIDDEN, the app frame gets VALIDATION; no handler runs', async () => {
    const { registered, ran } = setUp()
    const seen = { forbidden: 0, validation: 0 }
    await fc.assert(
      fc.asyncProperty(anyCallWithInput, sender, async ({ name, input }, from) => {
        const listener = registered.get(channelOfCall(name))!
        const result = await listener(from.event as unknown as IpcMainInvokeEvent, input)
        expect(result.ok).toBe(false)
        if (result.ok) return
        expect(result.error.code).toBe(from.trusted ? 'VALIDATION' : 'FORBIDDEN')
        seen[from.trusted ? 'validation' : 'forbidden'] += 1
        expect(ran).toEqual([])
      }),
      { numRuns: 2_000, seed: 0x6970 },
    )
    expect(seen.forbidden).toBeGreaterThan(400)
    expect(seen.validation).toBeGreaterThan(200)
  })
})
