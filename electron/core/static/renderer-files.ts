import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export interface StaticFile {
  /** The path inside the renderer folder, `index.html` for the root. */
  relative: string
  body: Buffer
  contentType: string
}

/**
 * Reads one file of the built renderer for `app://` (the Electron shell) and the browser host alike.
 * `relativePath` is the URL path below the served root, still percent-encoded; anything that does not
 * decode, holds a NUL, or resolves outside `rendererDir` (`..`, encoded slashes) is not found.
 */
export async function readRendererFile(rendererDir: string, relativePath: string): Promise<StaticFile | undefined> {
  const root = normalize(rendererDir + sep)
  let relative: string
  try {
    const trimmed = relativePath.replace(/^\/+/, '')
    relative = trimmed === '' ? 'index.html' : decodeURIComponent(trimmed)
  } catch {
    return undefined
  }
  if (relative.includes('\0')) return undefined
  const file = normalize(join(root, relative))
  if (!file.startsWith(root)) return undefined
  try {
    return {
      relative,
      body: await readFile(file),
      contentType: contentTypes[extname(file)] ?? 'application/octet-stream',
    }
  } catch {
    return undefined
  }
}
