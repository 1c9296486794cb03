import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { callNames, channelOfCall, channelOfEvent, eventNames, subscriberNameOf } from '@shared/contract'

// `window.keywarden`: one function per contract call and one subscriber per event, derived from the
// contract. The raw ipcRenderer never reaches the page.
const bridge: Record<string, unknown> = {}
for (const name of callNames) {
  const channel = channelOfCall(name)
  bridge[name] = (input?: unknown) => ipcRenderer.invoke(channel, input)
}
for (const name of eventNames) {
  const channel = channelOfEvent(name)
  bridge[subscriberNameOf(name)] = (listener: (payload: unknown) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => ipcRenderer.removeListener(channel, forward)
  }
}
contextBridge.exposeInMainWorld('keywarden', Object.freeze(bridge))
