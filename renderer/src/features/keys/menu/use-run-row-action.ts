import { useCallback } from 'react'
import type { ApiKey } from '@shared/domain/api-key'
import { useKeyDialogs } from '@renderer/stores/key-dialog-store'
import { useKeysStore } from '@renderer/stores/keys-store'
import type { RowActionKind } from './row-action-list'

/** Runs a row action on a key: opens its dialog, or disables/enables it. */
export function useRunRowAction(): (kind: RowActionKind, apiKey: ApiKey) => void {
  const open = useKeyDialogs((s) => s.open)
  const setKeyEnabled = useKeysStore((s) => s.setKeyEnabled)
  return useCallback(
    (kind, apiKey) => {
      if (kind === 'toggle') void setKeyEnabled(apiKey.id, apiKey.status === 'disabled')
      else open({ kind, key: apiKey })
    },
    [open, setKeyEnabled],
  )
}
