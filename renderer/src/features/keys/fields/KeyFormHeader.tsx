import { AlertLines } from '@renderer/ui/AlertLines'
import type { KeyDialogContext } from '../hooks/use-dialog-context'

export interface KeyFormHeaderProps {
  titleId: string
  title: string
  account: KeyDialogContext['account']
  /** The last Save's messages that name no field. */
  alertLines: readonly string[]
}

/** The top of the Add and Edit key forms: the title, the account the key belongs to, and the alert. */
export function KeyFormHeader({ titleId, title, account, alertLines }: KeyFormHeaderProps) {
  return (
    <>
      <h2 id={titleId} className="modal__title">
        {title}
      </h2>
      {account ? (
        <p className="key-form__account">
          {account.label}: <strong>{account.name}</strong>
        </p>
      ) : null}

      <AlertLines lines={alertLines} />
    </>
  )
}
