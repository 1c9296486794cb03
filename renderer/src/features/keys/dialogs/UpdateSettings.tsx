import { useId } from 'react'
import type { UpdateChannel } from '@shared/domain/updates'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { SelectField } from '@renderer/ui/SelectField'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { useUpdateStatus } from '../hooks/use-update-status'

export interface UpdateChoices {
  autoUpdate: boolean
  updateChannel: UpdateChannel
}

const channelOptions: ReadonlyArray<{ value: UpdateChannel; label: string }> = [
  { value: 'stable', label: 'Stable' },
  { value: 'beta', label: 'Beta (pre-releases)' },
]

/** The update part of Settings: on/off, channel, and what the updater is doing. */
export function UpdateSettings({ value, onChange }: { value: UpdateChoices; onChange: (next: UpdateChoices) => void }) {
  const autoId = useId()
  const { status, installError, install } = useUpdateStatus()

  return (
    <fieldset className="settings__updates">
      <legend className="field__label">Updates</legend>
      <div className="checkbox-field">
        <input
          id={autoId}
          className="checkbox"
          type="checkbox"
          checked={value.autoUpdate}
          aria-describedby={`${autoId}-hint`}
          onChange={(event) => onChange({ ...value, autoUpdate: event.target.checked })}
        />
        <label htmlFor={autoId}>Update Keywarden automatically</label>
        <p id={`${autoId}-hint`} className="field__hint checkbox-field__hint">
          Checks at start and every 6 hours, downloads in the background, and asks before restarting.
        </p>
      </div>
      <SelectField
        label="Update channel"
        value={value.updateChannel}
        options={channelOptions}
        onChange={(updateChannel) => onChange({ ...value, updateChannel })}
      />
      {status ? <StatusMessage>{status.message}</StatusMessage> : null}
      {status?.state === 'downloaded' ? <Button onClick={() => void install()}>Restart to install</Button> : null}
      {installError ? <Alert>{installError}</Alert> : null}
    </fieldset>
  )
}
