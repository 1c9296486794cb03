import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { hostMessageSchema, parseFrame } from '../../browser-host/bridge-protocol'
import { callerOf } from '../../browser-host/page-clipboard'
import { DOWNLOAD_CHUNK_CHARS, PageDownloads } from '../../browser-host/page-downloads'
import { MAX_FRAME_BYTES } from '../../browser-host/socket-bridge'

// Real sockets on 127.0.0.1: the host end is what PageDownloads writes to, the page end reads the frames.
let server: WebSocketServer
const hostEnds: WebSocket[] = []
beforeAll(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  server.on('connection', (ws) => hostEnds.push(ws))
  await new Promise((resolve) => server.once('listening', resolve))
})
afterAll(() => server.close())

async function connect(): Promise<{ page: WebSocket; host: WebSocket; frames: string[] }> {
  const before = hostEnds.length
  const page = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
  const frames: string[] = []
  page.on('message', (data: Buffer) => frames.push(data.toString('utf8')))
  await new Promise((resolve) => page.once('open', resolve))
  while (hostEnds.length === before) await new Promise((resolve) => setTimeout(resolve, 5))
  return { page, host: hostEnds[hostEnds.length - 1]!, frames }
}

type Download = { requestId: number; name: string; type: string; index: number; last: boolean; chunk: string }
function downloadsIn(frames: string[]): Download[] {
  return frames.map((frame) => {
    const parsed = parseFrame(hostMessageSchema, frame)
    if (!parsed.ok || !('download' in parsed.message)) throw new Error(`not a download frame: ${frame.slice(0, 80)}`)
    return parsed.message.download
  })
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('browser host saveFile (PageDownloads)', () => {
  it('sends a file larger than a frame in ordered chunks, each frame under the limit, to the calling page', async () => {
    const { page, host, frames } = await connect()
    const downloads = new PageDownloads()
    const content = `\uFEFFid,name\r\n${'x"'.repeat(1_500_000)}`
    const saving = callerOf.run(host, () => downloads.save('keys.csv', content, [{ name: 'CSV', extensions: ['csv'] }]))
    const chunks = Math.ceil(content.length / DOWNLOAD_CHUNK_CHARS)
    await until(() => frames.length === chunks)
    const parts = downloadsIn(frames)
    expect(parts.map((p) => p.index)).toEqual([...Array(chunks).keys()])
    expect(parts.map((p) => p.last)).toEqual(parts.map((_, i) => i === chunks - 1))
    for (const frame of frames) expect(Buffer.byteLength(frame)).toBeLessThan(MAX_FRAME_BYTES)
    expect(parts.map((p) => p.chunk).join('')).toBe(content)
    expect(parts[0]?.type).toBe('text/csv;charset=utf-8')
    const requestId = parts[0]!.requestId
    expect(downloads.answer(host, requestId, { saved: true })).toBe(true)
    await expect(saving).resolves.toEqual({ saved: true, where: 'keys.csv' })
    page.close()
  })

  it('a second page cannot answer (or fake) the save another page was asked for', async () => {
    const asked = await connect()
    const other = await connect()
    const downloads = new PageDownloads()
    const saving = callerOf.run(asked.host, () => downloads.save('a.json', '[]', []))
    await until(() => asked.frames.length === 1)
    expect(other.frames).toEqual([])
    const { requestId } = downloadsIn(asked.frames)[0]!
    expect(downloads.answer(other.host, requestId, { saved: true })).toBe(false)
    expect(downloads.answer(asked.host, requestId, { saved: false })).toBe(true)
    await expect(saving).resolves.toEqual({ saved: false })
    asked.page.close()
    other.page.close()
  })

  it('fails clearly when the page closes before it saved, or when no page asked', async () => {
    const { page, host, frames } = await connect()
    const downloads = new PageDownloads()
    const saving = callerOf.run(host, () => downloads.save('a.csv', 'x', []))
    await until(() => frames.length === 1)
    downloads.forget(host)
    await expect(saving).rejects.toThrow('The browser page closed before it saved the file.')
    await expect(downloads.save('a.csv', 'x', [])).rejects.toThrow('No browser page asked for the file')
    page.close()
  })
})
