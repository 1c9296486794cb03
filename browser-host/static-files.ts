import { readRendererFile as readFile } from '@core/static/renderer-files'
import { BRIDGE_FILE } from './bridge-protocol'

export interface HostFile {
  body: Buffer | string
  contentType: string
}

/**
 * A file of the built renderer, by its path relative to the host's base path (read by the same code as
 * `app://`). The index page gets the page side of the bridge (a module of the same build) before the
 * app's own scripts; module scripts run in document order, so `window.keywarden` exists when the app starts.
 */
export async function readRendererFile(rendererDir: string, relativePath: string): Promise<HostFile | undefined> {
  const file = await readFile(rendererDir, relativePath)
  if (!file || file.relative !== 'index.html') return file
  const html = file.body.toString('utf8')
  const bridgeTag = `<script type="module" src="./${BRIDGE_FILE}"></script>`
  if (!html.includes('<head>')) throw new Error('the built index.html has no <head> to put the bridge in')
  return { body: html.replace('<head>', `<head>${bridgeTag}`), contentType: file.contentType }
}
