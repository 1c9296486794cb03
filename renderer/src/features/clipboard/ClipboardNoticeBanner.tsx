import { useEffect } from 'react'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import { followClipboardNotices, useClipboardNoticeStore } from '../../stores/clipboard-notice-store'

/**
 * Says when clearing a copied secret off the clipboard could not be checked or failed. Mounted once
 * at app level (it subscribes); dialogs that show secrets render `ClipboardNoticeLine` as well.
 */
export function ClipboardNoticeBanner() {
  useEffect(() => followClipboardNotices(), [])
  return (
    <div className="clipboard-notice">
      <ClipboardNoticeLine />
    </div>
  )
}

/** The notice, if there is one, with a way to dismiss it. */
export function ClipboardNoticeLine() {
  const notice = useClipboardNoticeStore((s) => s.notice)
  const dismiss = useClipboardNoticeStore((s) => s.dismiss)
  if (!notice) return null
  return (
    <Alert
      action={
        <Button onClick={dismiss} aria-label="Dismiss the clipboard notice">
          Dismiss
        </Button>
      }
    >
      {notice.message}
    </Alert>
  )
}
