import { app, shell, type Session, type WebContents } from 'electron'
import { redact, type Logger } from '@core/log'
import { isAppUrl } from '@core/security/app-origin'
import { externalUrlVerdict } from '@core/security/external-url'

/** No page of ours needs a camera, notifications or any other permission: deny them all. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/**
 * Every web contents stays on our origin. A link the renderer opens (target=_blank, window.open)
 * goes to the system browser only when it is on the allow-list of Keywarden's own pages; sign-in
 * does not come this way (the core opens the issuer), so no issuer is allowed here.
 */
export function guardNavigation(log: Logger): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault()
        log.warn(`blocked a navigation away from the app to ${redact(url)}`)
      }
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      const verdict = externalUrlVerdict(url)
      if (verdict.allowed) void shell.openExternal(url)
      else log.warn(`refused to open ${redact(url)} from the window: ${verdict.reason}`)
      return { action: 'deny' }
    })
  })
}
