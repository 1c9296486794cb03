import { protocol } from 'electron'
import { APP_HOST, APP_SCHEME, RENDERER_CSP } from '@core/security/app-origin'
import { readRendererFile } from '@core/static/renderer-files'

/** Must run before `app.whenReady()`: makes app:// a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer from `rendererDir` under app://keywarden/, with the CSP header. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 })
    const file = await readRendererFile(rendererDir, url.pathname)
    if (!file) return new Response('Not found', { status: 404 })
    return new Response(file.body, {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
      },
    })
  })
}
