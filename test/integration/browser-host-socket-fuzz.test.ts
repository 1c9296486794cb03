import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { MAX_FRAME_BYTES } from '@host/socket-bridge'
import { callNames } from '@shared/contract'
import { callOver, exchangeLink, pageSocket, startTestHost, type TestHost } from './browser-host-client'

// Random bytes, random JSON and oversized frames at the host's socket, from a page that has a real
// session (the worst case: the checks before the socket are passed). The host must stay up, answer
// nothing, run no handler, log a warning, and still serve a well-formed call afterwards.

let host: TestHost
let cookie: string
beforeAll(async () => {
  host = await startTestHost()
  cookie = await exchangeLink(host.url)
})
afterAll(() => host.dispose())

/** Every frame the host sends to this socket. */
function record(socket: WebSocket): string[] {
  const frames: string[] = []
  socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')))
  return frames
}

const warnings = () => host.log.filter((line) => line.startsWith('warn ')).length
const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
// Frames a handler would have answered arrive after the host read the next call; bound that wait.
const settle = () => new Promise((resolve) => setTimeout(resolve, 25))

/** Looks like a bridge message, but is not one: wrong types, unknown calls, extra keys, bad replies. */
const nearMessage = fc.oneof(
  fc.record({
    id: fc.oneof(fc.integer({ max: 0 }), fc.double(), fc.string(), fc.constant(null)),
    call: fc.constantFrom('getSession', 'revealKey', 'createKey'),
  }),
  fc.record({
    id: fc.integer({ min: 1 }),
    call: fc.string().filter((name) => !(callNames as string[]).includes(name)),
  }),
  fc.record({
    id: fc.integer({ min: 1 }),
    call: fc.constant('getSession'),
    extra: fc.anything().filter((value) => value !== undefined),
  }),
  fc.record({ clipboardReply: fc.record({ requestId: fc.anything(), text: fc.anything() }) }),
  fc.record({ call: fc.constant('signOut') }),
)

const textFrame = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.json(),
  nearMessage.map((value) => JSON.stringify(value)),
  fc.constant('{"__proto__":{"call":"signOut"},"id":7}'),
  fc.constant('{"id":7,"call":"getSession","constructor":{"prototype":{"polluted":true}}}'),
)

describe('the host socket under random frames', () => {
  it('drops random text, random JSON and near-miss messages with a warning, answers none, and still serves a call', async () => {
    const socket = await pageSocket(host, cookie)
    const frames = record(socket)
    let id = 1_000_000
    await fc.assert(
      fc.asyncProperty(fc.array(textFrame, { minLength: 1, maxLength: 5 }), async (batch) => {
        frames.length = 0
        const before = warnings()
        for (const text of batch) socket.send(text)
        const callId = ++id
        const answer = await callOver(socket, callId, 'getSession')
        await settle()
        expect(answer).toMatchObject({ ok: true, value: { status: 'signed-out' } })
        expect(frames.map((frame) => (JSON.parse(frame) as { id?: number }).id)).toEqual([callId])
        expect(warnings() - before).toBe(batch.length)
      }),
      { numRuns: 200 },
    )
    socket.close()
  })

  it('drops random binary frames with a warning and answers none', async () => {
    const socket = await pageSocket(host, cookie)
    const frames = record(socket)
    let id = 2_000_000
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 4096 }), async (bytes) => {
        frames.length = 0
        const before = warnings()
        socket.send(bytes, { binary: true })
        const callId = ++id
        expect(await callOver(socket, callId, 'getSession')).toMatchObject({ ok: true })
        expect(frames).toHaveLength(1)
        expect(warnings() - before).toBe(1)
      }),
      { numRuns: 200 },
    )
    socket.close()
  })

  it('closes a socket that sends a frame just over the limit, or invalid UTF-8 as text, and stays up for the next page', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .integer({ min: 1, max: 64 })
            .map((over) => ({ kind: 'oversized', data: Buffer.alloc(MAX_FRAME_BYTES + over, 0x7b), binary: false })),
          fc.constant({
            kind: 'oversized JSON',
            data: Buffer.from(JSON.stringify({ id: 1, call: 'getSession', input: 'x'.repeat(MAX_FRAME_BYTES) })),
            binary: false,
          }),
          fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
            kind: 'invalid UTF-8',
            data: Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), bytes]),
            binary: false,
          })),
        ),
        async (frame) => {
          const socket = await pageSocket(host, cookie)
          const frames = record(socket)
          const before = warnings()
          const closing = closed(socket)
          socket.send(frame.data, { binary: frame.binary })
          expect([1007, 1009]).toContain(await closing)
          expect(frames).toEqual([])
          expect(warnings() - before).toBe(1)
          expect(host.log.at(-1)).toMatch(/^warn host: closed a socket after a bad frame: /)
          const next = await pageSocket(host, cookie)
          expect(await callOver(next, 1, 'getSession')).toMatchObject({ ok: true })
          next.close()
        },
      ),
      { numRuns: 25 },
    )
  })

  it('survives random bytes written on the raw connection after the upgrade', async () => {
    const port = Number(new URL(host.origin).port)
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2048 }), async (bytes) => {
        const raw = connect(port, '127.0.0.1')
        await new Promise((resolve) => raw.once('connect', resolve))
        raw.on('error', () => undefined)
        raw.write(
          `GET ${host.basePath}__keywarden/socket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${host.origin}\r\nCookie: ${cookie}\r\n` +
            `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        )
        await new Promise((resolve) => raw.once('data', resolve))
        raw.write(bytes)
        raw.end()
        await new Promise((resolve) => raw.once('close', resolve))
        const next = await pageSocket(host, cookie)
        expect(await callOver(next, 1, 'getSession')).toMatchObject({ ok: true })
        next.close()
      }),
      { numRuns: 50 },
    )
  })
})
