import { useCallback, useEffect, useState } from 'react'
import type { AppErrorData } from '@shared/domain/errors'
import type { KeyAccess } from '@shared/domain/key-lifecycle'
import { invoke } from '@renderer/ipc/bridge'
import { useKeyAccessStore } from '@renderer/stores/key-access-store'

export type KeyAccessState =
  { status: 'loading' } | { status: 'ready'; access: KeyAccess } | { status: 'failed'; error: AppErrorData }

/**
 * What the user may grant, read fresh when a form opens: grant limits follow the user's own
 * permissions, which may have changed since the table read them.
 */
export function useKeyAccess(): { state: KeyAccessState; reload: () => void } {
  // The table's copy fills the form at once; the fresh answer replaces it when it comes.
  const [state, setState] = useState<KeyAccessState>(() => {
    const known = useKeyAccessStore.getState().access
    return known ? { status: 'ready', access: known } : { status: 'loading' }
  })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }))
    void invoke('getKeyAccess').then((result) => {
      if (!current) return
      if (result.ok) setState({ status: 'ready', access: result.value })
      // A failed refresh over a known answer keeps it: the server checks every change anyway.
      else if (result.error.code !== 'CANCELLED')
        setState((previous) => (previous.status === 'ready' ? previous : { status: 'failed', error: result.error }))
    })
    return () => {
      current = false
    }
  }, [attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
