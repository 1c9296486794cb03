/**
 * A typed contract client over the browser host's WebSocket, as the page bridge is: it exchanges a
 * link for the session cookie, opens the socket with the page's Origin, sends calls and collects
 * events. When the host asks the page to open a URL (sign-in), the given "browser" visits it.
 *
 *   const client = await HostClient.connect(await host.newLink(), loginAs(ADMIN))
 *   const keys = await client.call('listKeys')
 */
import type { WebSocket } from 'ws'
import { SOCKET_PATH } from '@host/bridge-protocol'
import type { CallInput, CallName, CallOutput, EventName } from '@shared/contract'
import type { AppErrorData, Result } from '@shared/domain/errors'
import { exchangeLink, openSocket } from '../integration/browser-host-client'

export class HostCallError extends Error {
  constructor(
    readonly call: string,
    readonly data: AppErrorData,
  ) {
    super(`${call} failed (${data.code}): ${data.message}`)
    this.name = 'HostCallError'
  }
}

/** The socket closed before the answer came (the host was killed or stopped). */
export class HostGoneError extends Error {
  constructor(readonly call: string) {
    super(`the host went away before answering ${call}`)
    this.name = 'HostGoneError'
  }
}

export type Browser = (url: string) => Promise<unknown>

interface HostMessage {
  id?: number
  result?: Result<unknown>
  event?: EventName
  payload?: unknown
  openExternal?: string
  clipboard?: { requestId: number }
}

export class HostClient {
  readonly events: Array<{ event: EventName; payload: unknown }> = []
  /** What each visit of the browser ended with. */
  readonly visits: Array<Promise<unknown>> = []
  private nextId = 1
  private readonly pending = new Map<number, { call: string; settle: (result: Result<unknown> | null) => void }>()

  private constructor(
    private readonly socket: WebSocket,
    browser: Browser,
  ) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as HostMessage
      if (message.id !== undefined && message.result) {
        this.pending.get(message.id)?.settle(message.result)
        this.pending.delete(message.id)
      } else if (message.event) {
        this.events.push({ event: message.event, payload: message.payload })
      } else if (message.openExternal) {
        const visit = browser(message.openExternal)
        visit.catch(() => {})
        this.visits.push(visit)
      } else if (message.clipboard) {
        const reply = { requestId: message.clipboard.requestId, error: 'no clipboard in this test' }
        socket.send(JSON.stringify({ clipboardReply: reply }))
      }
    })
    socket.on('close', () => {
      for (const { settle } of this.pending.values()) settle(null)
      this.pending.clear()
    })
  }

  static async connect(link: string, browser: Browser = refuseToBrowse): Promise<HostClient> {
    const url = new URL(link)
    const cookie = await exchangeLink(link)
    const opened = await openSocket(`ws://${url.host}${url.pathname}${SOCKET_PATH}`, { cookie, origin: url.origin })
    if (!('socket' in opened)) throw new Error(`the host refused the socket: ${opened.refused}`)
    return new HostClient(opened.socket, browser)
  }

  /** The call's value; a HostCallError for the contract's error answer; a HostGoneError when the host died. */
  call<K extends CallName>(name: K, input?: CallInput<K>): Promise<CallOutput<K>> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      if (this.socket.readyState !== this.socket.OPEN) {
        reject(new HostGoneError(name))
        return
      }
      this.pending.set(id, {
        call: name,
        settle: (result) => {
          if (result === null) reject(new HostGoneError(name))
          else if (result.ok) resolve(result.value as CallOutput<K>)
          else reject(new HostCallError(name, result.error))
        },
      })
      this.socket.send(JSON.stringify({ id, call: name, ...(input === undefined ? {} : { input }) }))
    })
  }

  close(): void {
    this.socket.terminate()
  }
}

const refuseToBrowse: Browser = async (url) => {
  throw new Error(`the browser was not expected to open (${url})`)
}
