import { useEffect, useRef } from 'react'
import { useKeyPanelStore } from '@renderer/stores/key-panel-store'

/** Another profile or account on screen: the panel of a key of the old one closes. */
export function useClosePanelOnScopeChange(scope: string): void {
  const previous = useRef(scope)
  useEffect(() => {
    if (previous.current !== scope) useKeyPanelStore.getState().close()
    previous.current = scope
  }, [scope])
}
