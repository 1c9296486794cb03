import { useCallback, useState } from 'react'
import type { AppErrorData } from '@shared/domain/errors'
import { invoke } from '@renderer/ipc/bridge'
import { useMounted } from '@renderer/hooks/use-mounted'

export interface CopySecretState {
  /** "Copied. The clipboard is cleared in 30 seconds." after a copy. */
  message: string | null
  error: AppErrorData | null
  /** Puts the text on the clipboard through main (concealed, cleared later); true when it worked. */
  copy: (text: string) => Promise<boolean>
}

/** Copying goes through main, never navigator.clipboard: only main can clear it later and mark it concealed. */
export function useCopySecret(): CopySecretState {
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const mounted = useMounted()

  const copy = useCallback(
    async (text: string) => {
      setError(null)
      const result = await invoke('copySecret', { text })
      if (!mounted.current) return result.ok
      if (result.ok) {
        const seconds = result.value.clearsAfterSeconds
        setMessage(`Copied. The clipboard is cleared in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`)
      } else {
        setMessage(null)
        setError(result.error)
      }
      return result.ok
    },
    [mounted],
  )

  return { message, error, copy }
}
