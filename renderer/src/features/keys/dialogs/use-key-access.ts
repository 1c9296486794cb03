import { useCallback, useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../../shared/domain/errors'
import type { KeyAccess } from '../../../../../shared/domain/key-lifecycle'
import { invoke } from '../../../ipc/bridge'

export type KeyAccessState = { status: 'loading' } | { status: 'ready'; access: KeyAccess } | { status: 'failed'; error: AppErrorData }

/**
 * What the user may grant, read fresh when a form opens: grant limits change with the user's own
 * permissions, and a form must not offer a stale grid.
 */
export function useKeyAccess(): { state: KeyAccessState; reload: () => void } {
  const [state, setState] = useState<KeyAccessState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    void invoke('getKeyAccess').then((result) => {
      if (!current) return
      setState(result.ok ? { status: 'ready', access: result.value } : { status: 'failed', error: result.error })
    })
    return () => {
      current = false
    }
  }, [attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
