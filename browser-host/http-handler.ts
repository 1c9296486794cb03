import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '@core/log'
import { isOwnHost, type HostAccess } from './host-access'
import { SECURITY_HEADERS, sendPage } from './security-headers'
import { readRendererFile } from './static-files'

/** What the page of an expired or used link tells the person who opened it. */
export const NEW_LINK_HINT =
  'To get a new link, press Enter in the terminal where Keywarden runs, then open the link it prints.'

export interface HttpContext {
  access: HostAccess
  rendererDir: string
  port: () => number
  log: Logger
}

/**
 * The host's HTTP side: only its own Host, only under its base path, only with its session cookie;
 * a link's single-use code is exchanged for that cookie and the browser sent on to the clean URL.
 */
export function createRequestHandler(context: HttpContext) {
  const { access } = context
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isOwnHost(req.headers.host, context.port())) {
      context.log.warn('host: refused a request for a foreign Host')
      sendPage(
        res,
        403,
        'Wrong address',
        `The Keywarden host answers only at 127.0.0.1:${context.port()} or localhost:${context.port()}.`,
      )
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendPage(res, 405, 'Not allowed', 'The Keywarden host only serves pages.', { allow: 'GET, HEAD' })
      return
    }
    const url = new URL(req.url ?? '/', 'http://host.invalid')
    if (url.pathname === access.basePath.slice(0, -1)) {
      res.writeHead(308, { ...SECURITY_HEADERS, location: access.basePath }).end()
      return
    }
    if (!url.pathname.startsWith(access.basePath)) {
      sendPage(res, 404, 'Not found', 'Open the link the Keywarden host printed.')
      return
    }
    const code = url.searchParams.get('code')
    if (code !== null) {
      exchangeCode(context, req, res, code)
      return
    }
    if (!access.hasSession(req)) {
      sendPage(
        res,
        403,
        'Not signed in to this Keywarden host',
        `This browser has no session with the Keywarden host. ${NEW_LINK_HINT}`,
      )
      return
    }
    const file = await readRendererFile(context.rendererDir, url.pathname.slice(access.basePath.length))
    if (!file) {
      sendPage(res, 404, 'Not found', 'There is no such file in Keywarden.')
      return
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.contentType })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }
}

/**
 * `?code=…`: used up here, whatever the outcome; a browser that has a session just goes on. The
 * answer is a page that moves on to the clean URL by itself rather than a redirect: a link opened
 * from another site or a file is a cross-site navigation, and a redirect in it would not carry the
 * SameSite=Strict cookie; a navigation started by this page does.
 */
function exchangeCode({ access, log }: HttpContext, req: IncomingMessage, res: ServerResponse, code: string): void {
  const check = access.useCode(code)
  if (access.hasSession(req)) {
    sendOnward(res, access.basePath)
    return
  }
  if (check !== 'accepted') {
    log.warn(`host: refused a link code (${check === 'expired' ? 'expired' : 'already used or never issued'})`)
    sendPage(
      res,
      403,
      'This link has expired or was already used',
      `Each Keywarden link works once, for about a minute. ${NEW_LINK_HINT}`,
    )
    return
  }
  sendOnward(res, access.basePath, access.sessionCookie(access.startSession()))
}

function sendOnward(res: ServerResponse, cleanPath: string, cookie?: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${cleanPath}"><title>Opening Keywarden</title></head><body><p>Opening Keywarden…</p></body></html>`
  res
    .writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      ...(cookie ? { 'set-cookie': cookie } : {}),
    })
    .end(body)
}
