import { useEffect, useState } from 'react'
import type { ScreenCaptureProtection } from '@shared/contract'
import { invoke } from '@renderer/ipc/bridge'

/**
 * Protects the window from screen capture while the calling component shows a secret, and says
 * whether this platform can (null until main has answered).
 */
export function useSecretOnScreen(onScreen = true): ScreenCaptureProtection | null {
  const [protection, setProtection] = useState<ScreenCaptureProtection | null>(null)
  useEffect(() => {
    if (!onScreen) return
    let current = true
    void invoke('setSecretOnScreen', { onScreen: true }).then((result) => {
      if (current) setProtection(result.ok ? result.value : { available: false, where: 'here' })
    })
    return () => {
      current = false
      void invoke('setSecretOnScreen', { onScreen: false })
    }
  }, [onScreen])
  return protection
}

/** The line a secret dialog shows where screen capture cannot be blocked; null where it can. */
export function captureWarning(protection: ScreenCaptureProtection | null): string | null {
  if (!protection || protection.available) return null
  return `Screen capture protection is not available ${protection.where}: make sure nobody is sharing or recording this screen.`
}
