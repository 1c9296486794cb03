import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { callNames, channelOfCall } from '@shared/contract'
import type { Result } from '@shared/domain/errors'
import { dispatchCall, type CallHandlers } from '@core/ipc/dispatch'
import type { Logger } from '@core/log'
import { isTrustedSender } from '@core/security/app-origin'

/** The frame an IPC message came from must be our app origin and the main frame (as VS Code checks). */
export function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  return isTrustedSender(frame.url, frame === event.sender.mainFrame)
}

/** Registers one ipcMain handler per contract call: sender check, then schema parse, then handler. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: CallHandlers, log: Logger): void {
  for (const name of callNames) {
    ipcMain.handle(channelOfCall(name), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!senderIsTrusted(event)) {
        log.warn(`ipc: refused ${name} from an untrusted frame`)
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not call Keywarden.' } }
      }
      return dispatchCall(handlers, name, input, log)
    })
  }
}
