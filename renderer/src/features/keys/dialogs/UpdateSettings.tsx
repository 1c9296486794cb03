import type { UpdateChannel } from '@shared/domain/updates'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { CheckboxField } from '@renderer/ui/CheckboxField'
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
  const { status, installError, install } = useUpdateStatus()

  return (
    <fieldset className="settings__updates">
      <legend className="field__label">Updates</legend>
      <CheckboxField
        label="Update Keywarden automatically"
        hint="Checks at start and every 6 hours, downloads in the background, and asks before restarting."
        checked={value.autoUpdate}
        onChange={(autoUpdate) => onChange({ ...value, autoUpdate })}
      />
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
