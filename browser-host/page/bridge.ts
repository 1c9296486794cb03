import { callNames, eventNames, subscriberNameOf, type EventName } from '@shared/contract'
import type { Result } from '@shared/domain/errors'
import {
  SOCKET_PATH,
  hostMessageSchema,
  pageMessageSchema,
  parseFrame,
  type ClipboardOp,
  type PageMessage,
} from '../bridge-protocol'

/**
 * The page side of the browser host: the same `window.keywarden` the Electron preload gives the
 * renderer, over a WebSocket to the host. Loaded only by pages the host serves, never by the app.
 * It keeps nothing that crossed the bridge: each answer goes to its caller and is forgotten.
 */

const hostStopped: Result<never> = {
  ok: false,
  error: { code: 'NETWORK', message: 'The Keywarden host has stopped. Restart it and reload this page.' },
}

// The page lives under the host's per-instance path; the socket sits under the same path (and cookie).
const socket = new WebSocket(new URL(SOCKET_PATH, location.href.replace(/^http/, 'ws')))
const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }))
const pending = new Map<number, (result: Result<unknown>) => void>()
const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
let nextId = 1

function send(message: PageMessage): void {
  socket.send(JSON.stringify(message))
}

/** Tells the host whether this page is in front (visible and focused), on connect and on every change. */
function reportInFront(): void {
  if (socket.readyState !== WebSocket.OPEN) return
  send({ pageInFront: document.visibilityState === 'visible' && document.hasFocus() })
}
void opened.then(reportInFront)
for (const name of ['focus', 'blur']) window.addEventListener(name, reportInFront)
document.addEventListener('visibilitychange', reportInFront)

/** The host's clipboard is this browser's: the page does the work and says how it went. */
function doClipboardWork(requestId: number, op: ClipboardOp, text: string | undefined): void {
  const work =
    op === 'write'
      ? navigator.clipboard.writeText(text ?? '')
      : op === 'clear'
        ? navigator.clipboard.writeText('')
        : navigator.clipboard.readText()
  work.then(
    (value) =>
      send({ clipboardReply: { requestId, ...(op === 'read' && typeof value === 'string' ? { text: value } : {}) } }),
    (error: unknown) =>
      send({ clipboardReply: { requestId, error: error instanceof Error ? error.message : String(error) } }),
  )
}

/**
 * A reminder from the core, shown with the Web Notification API: the host hears how it went, and
 * about a click (which brings this tab to the front).
 */
async function showNotification(id: string, title: string, body: string): Promise<void> {
  const reply = (result: 'shown' | 'denied' | 'unsupported') => send({ notificationReply: { id, result } })
  if (!('Notification' in window)) return reply('unsupported')
  try {
    const permission =
      Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission
    if (permission !== 'granted') return reply('denied')
    const shown = new Notification(title, { body, tag: id })
    shown.addEventListener('click', () => {
      window.focus()
      send({ notificationClick: { id } })
    })
    reply('shown')
  } catch {
    reply('unsupported')
  }
}

/** Files the host is sending (`download` chunks), by request id, until their last chunk. */
const downloads = new Map<number, string[]>()

/** One chunk of a file to save; the last one saves it as a download (Blob + `<a download>`) and answers. */
function receiveDownload(part: {
  requestId: number
  name: string
  type: string
  index: number
  last: boolean
  chunk: string
}): void {
  const { requestId } = part
  const parts = downloads.get(requestId) ?? []
  if (part.index !== parts.length) {
    downloads.delete(requestId)
    send({ downloadReply: { requestId, saved: false, error: 'the file arrived out of order' } })
    return
  }
  parts.push(part.chunk)
  if (!part.last) {
    downloads.set(requestId, parts)
    return
  }
  downloads.delete(requestId)
  try {
    const url = URL.createObjectURL(new Blob([parts.join('')], { type: part.type }))
    const link = document.createElement('a')
    link.href = url
    link.download = part.name
    link.hidden = true
    document.body.append(link)
    link.click()
    link.remove()
    // The download has its own copy once it started; the page keeps nothing.
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
    send({ downloadReply: { requestId, saved: true } })
  } catch (error) {
    send({ downloadReply: { requestId, saved: false, error: error instanceof Error ? error.message : String(error) } })
  }
}

/**
 * The sign-in page opens in a tab with no way back to this one (noopener; the host also sends
 * Cross-Origin-Opener-Policy). A tab without an opener cannot be watched, so closing it is not
 * noticed: the sign-in screen's Cancel button and the sign-in timeout end a sign-in that was abandoned.
 */
function openTab(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer')
}

/** An answer the page cannot read still ends the call it answers, with an error instead of a hang. */
function failCallOf(data: unknown): void {
  let id: unknown
  try {
    id = typeof data === 'string' ? (JSON.parse(data) as { id?: unknown }).id : undefined
  } catch {
    return
  }
  const resolve = typeof id === 'number' ? pending.get(id) : undefined
  if (resolve === undefined) return
  pending.delete(id as number)
  resolve({
    ok: false,
    error: {
      code: 'BAD_RESPONSE',
      message: 'The Keywarden host sent an answer this page cannot read. Reload the page.',
    },
  })
}

socket.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseFrame(hostMessageSchema, typeof event.data === 'string' ? event.data : '')
  if (!parsed.ok) {
    console.warn(`Keywarden: ignored a message from the host: ${parsed.reason}`)
    failCallOf(event.data)
    return
  }
  const message = parsed.message
  if ('id' in message) {
    const resolve = pending.get(message.id)
    pending.delete(message.id)
    resolve?.(message.result.ok ? { ok: true, value: message.result.value } : message.result)
  } else if ('event' in message) {
    for (const listener of listeners.get(message.event) ?? []) listener(message.payload)
  } else if ('openExternal' in message) {
    openTab(message.openExternal)
  } else if ('download' in message) {
    receiveDownload(message.download)
  } else if ('notify' in message) {
    void showNotification(message.notify.id, message.notify.title, message.notify.body)
  } else {
    doClipboardWork(message.clipboard.requestId, message.clipboard.op, message.clipboard.text)
  }
})

socket.addEventListener('close', () => {
  for (const resolve of pending.values()) resolve(hostStopped)
  pending.clear()
})

async function call(name: string, input: unknown): Promise<Result<unknown>> {
  await opened
  if (socket.readyState !== WebSocket.OPEN) return hostStopped
  const id = nextId++
  const message = pageMessageSchema.safeParse({ id, call: name, input })
  if (!message.success) return { ok: false, error: { code: 'VALIDATION', message: `Unknown call "${name}".` } }
  return new Promise((resolve) => {
    pending.set(id, resolve)
    send(message.data)
  })
}

const bridge: Record<string, unknown> = {}
for (const name of callNames) bridge[name] = (input?: unknown) => call(name, input)
for (const name of eventNames) {
  bridge[subscriberNameOf(name)] = (listener: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set()
    set.add(listener)
    listeners.set(name, set)
    return () => set.delete(listener)
  }
}
Object.defineProperty(window, 'keywarden', { value: Object.freeze(bridge), enumerable: true })
