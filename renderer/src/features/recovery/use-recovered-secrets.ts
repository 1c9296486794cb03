import { useEffect, useRef } from 'react'
import { invoke, subscribe } from '@renderer/ipc/bridge'
import { protectScreen } from '@renderer/stores/key-actions'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { recoveryLine, useRecoveryStore } from '@renderer/stores/recovery-store'

/**
 * Follows what crash recovery found and shows each recovered secret in the one-time secret dialog,
 * one after another (a queue): the next opens once no key dialog is open. Main forgets a recovery
 * once the dialog showed it.
 */
export function useRecoveredSecrets(): void {
  const recoveries = useRecoveryStore((s) => s.recoveries)
  const dialogOpen = useKeyDialogs((s) => s.dialog !== null)
  const opening = useRef<string | null>(null)

  useEffect(() => {
    const { loadRecoveries, applyRecoveries } = useRecoveryStore.getState()
    const stop = subscribe('recoveriesChanged', applyRecoveries)
    void loadRecoveries()
    return stop
  }, [])

  useEffect(() => {
    if (dialogOpen) return
    const next = recoveries.find((r) => r.kind === 'secret')
    if (!next || next.kind !== 'secret' || opening.current === next.id) return
    opening.current = next.id
    void (async () => {
      const result = await invoke('recoveredSecret', { recoveryId: next.id })
      if (!result.ok) {
        opening.current = null
        useRecoveryStore.setState({ error: result.error })
        return
      }
      await protectScreen()
      useKeyDialogs.getState().open({
        kind: 'secret',
        created: result.value,
        origin: next.operation,
        canReveal: next.canReveal,
        recovery: { id: next.id, line: recoveryLine(next) },
      })
    })()
  }, [recoveries, dialogOpen])
}
