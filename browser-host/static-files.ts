import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { BRIDGE_FILE } from './bridge-protocol'

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

/**
 * Reads a file of the built renderer, by its path relative to the host's base path. The index page
 * gets the page side of the bridge (a module of the same build) before the app's own scripts; module
 * scripts run in document order, so `window.keywarden` exists when the app starts.
 */
export async function readRendererFile(rendererDir: string, relativePath: string): Promise<StaticFile | undefined> {
  const root = normalize(rendererDir + sep)
  let relative: string
  try {
    relative = relativePath === '' ? 'index.html' : decodeURIComponent(relativePath)
  } catch {
    return undefined
  }
  const file = normalize(join(root, relative))
  if (!file.startsWith(root) || relative.includes('\0')) return undefined
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return undefined
  }
  const contentType = contentTypes[extname(file)] ?? 'application/octet-stream'
  if (relative !== 'index.html') return { body, contentType }
  const html = body.toString('utf8')
  const bridgeTag = `<script type="module" src="./${BRIDGE_FILE}"></script>`
  if (!html.includes('<head>')) throw new Error('the built index.html has no <head> to put the bridge in')
  return { body: html.replace('<head>', `<head>${bridgeTag}`), contentType }
}
