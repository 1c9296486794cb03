import type { WebSocket } from 'ws'
import { AppError } from '@core/errors'
import type { SaveFileFilter, SaveFileResult } from '@core/platform'
import type { HostMessage } from './bridge-protocol'
import { callerOf } from './page-clipboard'

/** Characters per frame: well under the socket's 1 MB frame limit even when JSON escapes some of them. */
export const DOWNLOAD_CHUNK_CHARS = 256 * 1024
const DOWNLOAD_TIMEOUT_MS = 30_000

interface Waiting {
  socket: WebSocket
  /** The file name the page saves under (the browser's download folder decides where). */
  name: string
  resolve: (result: SaveFileResult) => void
  reject: (error: Error) => void
}

/** The file's media type, from the first filter's extension (csv or json; anything else as plain bytes). */
function mediaType(filters: SaveFileFilter[]): string {
  const extension = filters[0]?.extensions[0]
  if (extension === 'csv') return 'text/csv;charset=utf-8'
  if (extension === 'json') return 'application/json;charset=utf-8'
  return 'application/octet-stream'
}

/**
 * "Save as" in the browser host: the file goes to the page whose call asked for it, in chunks, and
 * that page saves it as a download and says so. Only that page can answer; when it closes, the save fails.
 */
export class PageDownloads {
  private requests = 0
  private readonly waiting = new Map<number, Waiting>()

  save(name: string, content: string, filters: SaveFileFilter[]): Promise<SaveFileResult> {
    const socket = callerOf.getStore()
    if (!socket || socket.readyState !== socket.OPEN)
      return Promise.reject(new AppError('INTERNAL', 'No browser page asked for the file, so nothing was saved.'))
    const requestId = ++this.requests
    const type = mediaType(filters)
    return new Promise<SaveFileResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId)
        reject(new AppError('INTERNAL', 'The browser did not say whether it saved the file.'))
      }, DOWNLOAD_TIMEOUT_MS)
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer)
          done(value)
        }
      this.waiting.set(requestId, { socket, name, resolve: settle(resolve), reject: settle(reject) })
      const chunks = Math.max(1, Math.ceil(content.length / DOWNLOAD_CHUNK_CHARS))
      for (let index = 0; index < chunks; index++) {
        const chunk = content.slice(index * DOWNLOAD_CHUNK_CHARS, (index + 1) * DOWNLOAD_CHUNK_CHARS)
        const message: HostMessage = {
          download: { requestId, name, type, index, last: index === chunks - 1, chunk },
        }
        socket.send(JSON.stringify(message))
      }
    })
  }

  /** A page's answer; only the page that was asked can answer. */
  answer(from: WebSocket, requestId: number, reply: { saved: boolean; error?: string }): boolean {
    const waiting = this.waiting.get(requestId)
    if (!waiting || waiting.socket !== from) return false
    this.waiting.delete(requestId)
    if (reply.error !== undefined)
      waiting.reject(new AppError('INTERNAL', `The browser could not save the file: ${reply.error}`))
    else waiting.resolve(reply.saved ? { saved: true, where: waiting.name } : { saved: false })
    return true
  }

  /** A page went away: its saves fail now. */
  forget(socket: WebSocket): void {
    for (const [id, waiting] of this.waiting) {
      if (waiting.socket !== socket) continue
      this.waiting.delete(id)
      waiting.reject(new AppError('INTERNAL', 'The browser page closed before it saved the file.'))
    }
  }
}
