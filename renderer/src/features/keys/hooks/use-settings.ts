import { useCallback, useEffect, useState } from 'react'
import type { CallInput } from '@shared/contract'
import type { AppSettings } from '@shared/domain/key-lifecycle'
import type { AppErrorData, Result } from '@shared/domain/errors'
import { invoke } from '@renderer/ipc/bridge'

export interface SettingsState {
  /** null until read. */
  settings: AppSettings | null
  loadError: AppErrorData | null
  reload: () => void
  save: (settings: CallInput<'updateSettings'>) => Promise<Result<AppSettings>>
}

/** The app's settings, read when the dialog opens; `save` writes them through main. */
export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<AppSettings | null>(null)
  const [loadError, setLoadError] = useState<AppErrorData | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    setLoadError(null)
    void invoke('getSettings').then((result) => {
      if (!current) return
      if (result.ok) setSettings(result.value)
      else setLoadError(result.error)
    })
    return () => {
      current = false
    }
  }, [attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  const save = useCallback((next: CallInput<'updateSettings'>) => invoke('updateSettings', next), [])
  return { settings, loadError, reload, save }
}
