import { useMemo } from 'react'
import type { KeyList } from '@shared/domain/api-key'
import type { DialectCapabilities } from '@shared/domain/capabilities'
import { useAccountsStore } from '@renderer/stores/accounts-store'
import { useKeyPanelStore } from '@renderer/stores/key-panel-store'
import { displayedStatus } from '../displayed-status'
import { KeyPanel } from './KeyPanel'

/** The detail panel of the key the panel store names, if it is in the list on screen. */
export function KeyPanelHost({ list, capabilities }: { list: KeyList; capabilities: DialectCapabilities }) {
  const openKeyId = useKeyPanelStore((s) => s.openKeyId)
  const accounts = useAccountsStore((s) => s.list)
  const apiKey = useMemo(
    () => (openKeyId === null ? null : (list.keys.find((key) => key.id === openKeyId) ?? null)),
    [list, openKeyId],
  )
  if (!apiKey) return null
  const account = accounts?.accounts.find((a) => a.id === apiKey.accountId)
  return (
    <KeyPanel
      key={apiKey.id}
      apiKey={apiKey}
      status={displayedStatus(apiKey, new Date())}
      capabilities={capabilities}
      hasLocalCopy={list.localCopyKeyIds.includes(apiKey.id)}
      accountName={account?.name ?? null}
    />
  )
}
