import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { IDENTIFY_PART_CHARS, type IdentifyResult } from '@shared/contracts/identify'
import { MAX_FRAME_BYTES } from '@host/socket-bridge'
import { GATEWAY_KEY_FORMAT, newKeyValue } from '@sandbox/keys/key-format'
import { callOver, exchangeLink, pageSocket, startTestHost, type TestHost } from './browser-host-client'

// A 10 MB paste through the browser host: one message that large is refused by the socket (its
// frames stop at about 1 MB), so the page sends it in parts and the core joins them. The key at the
// very end is still found, with the line it is on, and nothing of the text reaches the log.

let host: TestHost
let socket: WebSocket
beforeAll(async () => {
  host = await startTestHost()
  socket = await pageSocket(host, await exchangeLink(host.url))
})
afterAll(async () => {
  socket?.close()
  await host?.dispose()
})

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }

describe('a paste larger than one socket message', () => {
  it('is sent in parts and identified whole: the key on its last line is found', async () => {
    const key = newKeyValue(GATEWAY_KEY_FORMAT)
    const line = '2026-11-30T10:00:00Z INFO request served in 12 ms by worker 7 of the pool\n'
    const lines = Math.ceil((10 * 1024 * 1024 - 200) / line.length)
    const text = `${line.repeat(lines)}customer pasted ${key} here\n`
    expect(text.length).toBeGreaterThan(MAX_FRAME_BYTES * 9)

    let id = 1
    let sent = 0
    while (text.length - sent > IDENTIFY_PART_CHARS) {
      const part = text.slice(sent, sent + IDENTIFY_PART_CHARS)
      expect(((await callOver(socket, id++, 'stageIdentifyText', { part })) as Answer).ok).toBe(true)
      sent += part.length
    }
    const answer = (await callOver(socket, id, 'identifyText', { text: text.slice(sent) })) as Answer
    expect(answer.ok).toBe(true)
    const result = (answer as { ok: true; value: IdentifyResult }).value
    expect(result.signedInProfiles).toBe(0)
    const found = result.candidates.filter((c) => c.dialect === 'gateway')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ line: lines + 1, verdict: 'unknown' })
    expect(JSON.stringify(result)).not.toContain(key)
    expect(host.log.join('\n')).not.toContain(key)
  }, 120_000)

  it('refuses parts that would pass the 10 MB limit, with a clear message, and forgets them', async () => {
    const part = 'x'.repeat(IDENTIFY_PART_CHARS)
    let id = 1000
    let refused: Answer | undefined
    for (let i = 0; i < 100 && !refused; i++) {
      const answer = (await callOver(socket, id++, 'stageIdentifyText', { part })) as Answer
      if (!answer.ok) refused = answer
    }
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('10 MB') },
    })
    // Nothing staged is left over for the next paste.
    const next = (await callOver(socket, id, 'identifyText', { text: 'nothing here' })) as Answer
    expect(next).toMatchObject({ ok: true, value: { candidates: [] } })
  }, 120_000)
})
