import { useEffect } from 'react'
import { subscribe } from '@renderer/ipc/bridge'
import { useIdentifyStore } from '@renderer/stores/identify-store'
import { PasteIdentify } from './PasteIdentify'
import { ScanFolder } from './ScanFolder'
import './identify.css'

/** Find a key from its value: paste text, or scan a folder. Leaving the view drops text and results. */
export function IdentifyView() {
  useEffect(() => {
    const store = useIdentifyStore.getState()
    const off = [
      subscribe('identifyProgress', store.applyProgress),
      subscribe('scanProgress', store.applyScanProgress),
      subscribe('scanFinding', store.applyFinding),
    ]
    return () => {
      for (const unsubscribe of off) unsubscribe()
      useIdentifyStore.getState().reset()
    }
  }, [])
  return (
    <div className="identify-view">
      <h2 className="identify-view__title">Identify a key</h2>
      <p className="identify-view__intro">
        Find which of your keys a value is, on every signed-in profile. Values are shown masked only.
      </p>
      <PasteIdentify />
      <ScanFolder />
    </div>
  )
}
