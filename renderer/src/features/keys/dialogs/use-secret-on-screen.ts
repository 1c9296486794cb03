import { useEffect } from 'react'
import { invoke } from '../../../ipc/bridge'

/** Protects the window from screen capture while the calling component shows a secret. */
export function useSecretOnScreen(onScreen = true): void {
  useEffect(() => {
    if (!onScreen) return
    void invoke('setSecretOnScreen', { onScreen: true })
    return () => {
      void invoke('setSecretOnScreen', { onScreen: false })
    }
  }, [onScreen])
}
