import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { BRIDGE_PATH } from './bridge-script'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

export interface StaticFile {
  body: Buffer | string
  contentType: string
}

/** Reads a file of the built renderer; the index page gets the bridge script before its own scripts. */
export async function readRendererFile(rendererDir: string, pathname: string): Promise<StaticFile | undefined> {
  const root = normalize(rendererDir + sep)
  const relative = pathname === '/' ? '/index.html' : decodeURIComponent(pathname)
  const file = normalize(join(root, relative))
  if (!file.startsWith(root)) return undefined
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return undefined
  }
  const contentType = contentTypes[extname(file)] ?? 'application/octet-stream'
  if (relative !== '/index.html') return { body, contentType }
  const html = body.toString('utf8')
  const bridgeTag = `<script src="${BRIDGE_PATH}"></script>`
  if (!html.includes('<head>')) throw new Error('the built index.html has no <head> to put the bridge in')
  return { body: html.replace('<head>', `<head>${bridgeTag}`), contentType }
}
