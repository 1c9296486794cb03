import { useCallback, useEffect, useState } from 'react'
import type { AppErrorData } from '@shared/domain/errors'
import type { LocalAuditEntry } from '@shared/domain/key-lifecycle'
import { invoke } from '@renderer/ipc/bridge'

export type AuditLogState =
  { status: 'loading' } | { status: 'ready'; entries: LocalAuditEntry[] } | { status: 'failed'; error: AppErrorData }

/** This computer's audit log, newest first, read when the dialog opens and again on reload. */
export function useAuditLog(): { state: AuditLogState; reload: () => void } {
  const [state, setState] = useState<AuditLogState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    void invoke('listAuditLog').then((result) => {
      if (!current) return
      if (result.ok) {
        const entries = [...result.value].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
        setState({ status: 'ready', entries })
      } else setState({ status: 'failed', error: result.error })
    })
    return () => {
      current = false
    }
  }, [attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
