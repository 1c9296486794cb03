import { useCallback, useEffect, useState } from 'react'
import type { UpdateStatus } from '@shared/domain/updates'
import { invoke } from '@renderer/ipc/bridge'

export interface UpdateStatusState {
  /** null until read (and in builds that never update, what main says about that). */
  status: UpdateStatus | null
  installError: string | null
  /** Restarts into a downloaded, verified update; main refuses when none is ready. */
  install: () => Promise<void>
}

/** What the updater is doing, read when Settings opens. */
export function useUpdateStatus(): UpdateStatusState {
  const [status, setStatus] = useState<UpdateStatus | null>(null)
  const [installError, setInstallError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    void invoke('getUpdateStatus').then((result) => {
      if (current && result.ok) setStatus(result.value)
    })
    return () => {
      current = false
    }
  }, [])

  const install = useCallback(async () => {
    setInstallError(null)
    const result = await invoke('installUpdate')
    if (!result.ok) setInstallError(result.error.message)
  }, [])
  return { status, installError, install }
}
