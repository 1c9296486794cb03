import { app, shell, type Session, type WebContents } from 'electron'
import type { Logger } from '../core/log'
import { isAppUrl } from '../core/security/app-origin'
import { isAllowedExternalUrl } from '../core/security/external-url'

/** No page of ours needs a camera, notifications or any other permission: deny them all. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Every web contents stays on our origin; links go to the system browser only when allow-listed. */
export function guardNavigation(log: Logger): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault()
        log.warn('blocked a navigation away from the app')
      }
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
}
