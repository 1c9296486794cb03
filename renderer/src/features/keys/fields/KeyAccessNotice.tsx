import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import type { KeyAccessState } from '../hooks/use-key-access'

export interface KeyAccessNoticeProps {
  state: KeyAccessState
  onRetry: () => void
  /** Which right the form needs. */
  needs: 'canCreate' | 'canEdit'
  loadingText: string
  deniedText: string
}

/** Above the permission grid: what the user may grant is loading, failed to load, or forbids this form. */
export function KeyAccessNotice({ state, onRetry, needs, loadingText, deniedText }: KeyAccessNoticeProps) {
  if (state.status === 'loading') return <StatusMessage>{loadingText}</StatusMessage>
  if (state.status === 'failed')
    return <Alert action={<Button onClick={onRetry}>Retry</Button>}>{state.error.message}</Alert>
  return state.access[needs] ? null : <Alert>{state.access.reason ?? deniedText}</Alert>
}
