import { useEffect } from 'react'
import { reminderThresholdOptions, type ReminderSettings as Settings } from '@shared/contracts/overview'
import { useReminderStore } from '../../stores/reminder-store'
import { useSessionStore } from '../../stores/session-store'
import { Alert } from '../../ui/Alert'
import { RotationPolicyField } from './RotationPolicyField'
import './overview.css'

/**
 * Settings → Reminders: which reminders, the expiry thresholds, quiet in the background, and the
 * profile's rotation policy. Each change is saved at once. Says so, and why, when notifications are off.
 */
export function ReminderSettings() {
  const status = useReminderStore((s) => s.status)
  const error = useReminderStore((s) => s.error)
  const load = useReminderStore((s) => s.load)
  const save = useReminderStore((s) => s.save)
  const profileId = useSessionStore((s) => (s.session?.status === 'signed-in' ? s.session.profile.id : undefined))
  useEffect(() => {
    void load()
  }, [load])
  if (!status) return error ? <Alert>{error.message}</Alert> : null
  const settings = status.settings
  const change = (next: Partial<Settings>) => void save({ ...settings, ...next })
  const off = status.notifications.state === 'denied' || status.notifications.state === 'unsupported'

  const toggle = (name: 'expiry' | 'revocationFailed' | 'rotationDue' | 'quietInBackground', label: string) => (
    <label className="reminders__option">
      <input type="checkbox" checked={settings[name]} onChange={(event) => change({ [name]: event.target.checked })} />
      {label}
    </label>
  )

  return (
    <fieldset className="reminders">
      <legend>Reminders</legend>
      {off ? (
        <p className="reminders__off" role="status">
          Notifications are off: {status.notifications.reason} The Overview and the badges still show what needs
          attention.
        </p>
      ) : null}
      {error ? <Alert>{error.message}</Alert> : null}
      {toggle('expiry', 'Remind me before keys expire')}
      <div className="reminders__thresholds" role="group" aria-label="Days before expiry">
        {reminderThresholdOptions.map((days) => (
          <label key={days} className="reminders__option">
            <input
              type="checkbox"
              disabled={!settings.expiry}
              checked={settings.expiryThresholds[days]}
              onChange={(event) =>
                change({ expiryThresholds: { ...settings.expiryThresholds, [days]: event.target.checked } })
              }
            />
            {days === 1 ? '1 day' : `${days} days`}
          </label>
        ))}
      </div>
      {toggle('revocationFailed', 'When a scheduled revocation failed and will be retried')}
      {toggle('rotationDue', 'When a key’s rotation is due')}
      {toggle('quietInBackground', 'Quiet while Keywarden is in the background')}
      {profileId ? <RotationPolicyField profileId={profileId} /> : null}
    </fieldset>
  )
}
