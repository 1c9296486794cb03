import { SelectField } from '@renderer/ui/SelectField'

export interface SecurityChoices {
  sudoWindowMinutes: number
  lockIdleMinutes: number
}

const SUDO_MINUTES = [0, 5, 10, 15, 30, 60]
const LOCK_MINUTES = [0, 1, 5, 10, 15, 30, 60]

function optionsOf(minutes: readonly number[], current: number, zero: string) {
  const all = minutes.includes(current) ? minutes : [...minutes, current].sort((a, b) => a - b)
  return all.map((m) => ({ value: String(m), label: m === 0 ? zero : `${m} minute${m === 1 ? '' : 's'}` }))
}

/** The security part of Settings: sudo mode's window and the idle time before the lock. */
export function SecuritySettings({
  value,
  onChange,
}: {
  value: SecurityChoices
  onChange: (next: SecurityChoices) => void
}) {
  return (
    <fieldset className="settings__security">
      <legend>Security</legend>
      <SelectField
        label="Ask me to sign in again before revealing, keeping, revoking or rotating keys, when my last sign-in is older than"
        value={String(value.sudoWindowMinutes)}
        options={optionsOf(SUDO_MINUTES, value.sudoWindowMinutes, 'Off')}
        onChange={(m) => onChange({ ...value, sudoWindowMinutes: Number(m) })}
        hint={
          value.sudoWindowMinutes === 0
            ? 'Off: anyone at this computer while you are signed in can reveal, revoke and rotate keys without proving it is you.'
            : 'Keywarden opens your sign-in page again and goes on only after you signed in.'
        }
      />
      <SelectField
        label="Lock Keywarden after I am away for"
        value={String(value.lockIdleMinutes)}
        options={optionsOf(LOCK_MINUTES, value.lockIdleMinutes, 'Never')}
        onChange={(m) => onChange({ ...value, lockIdleMinutes: Number(m) })}
        hint={
          value.lockIdleMinutes === 0
            ? 'Never by idle time: Keywarden still locks when the computer sleeps or the screen locks.'
            : 'It also locks when the computer sleeps or the screen locks. Unlocking needs a new sign-in.'
        }
      />
    </fieldset>
  )
}
