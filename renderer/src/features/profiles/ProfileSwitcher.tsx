import { useId } from 'react'
import type { SessionState } from '@shared/domain/session'
import { profileEntry, useProfilesStore, type ProfileEntry } from '../../stores/profiles-store'
import { Badge } from '../../ui/Badge'
import { profileStatusLabel, profileStatusOrder, profileStatusTone, shownStatus } from './profile-status'

interface SwitcherOption {
  id: string
  name: string
  status: ProfileEntry['status']
  error?: string
}

/**
 * The header's profile switcher: a native select named "Profile", its options grouped by status
 * (so each option's text is just the profile's name), and the shown profile's status beside it.
 */
export function ProfileSwitcher({ session }: { session: SessionState }) {
  const overview = useProfilesStore((s) => s.overview)
  const selectingProfileId = useProfilesStore((s) => s.selectingProfileId)
  const selectProfile = useProfilesStore((s) => s.selectProfile)
  const id = useId()
  const statusId = `${id}-status`

  const listed = overview?.profiles ?? []
  const options: SwitcherOption[] = listed.map((entry) => ({
    id: entry.profile.id,
    name: entry.profile.name,
    status: shownStatus(entry.status, session, entry.profile.id),
    error: entry.error,
  }))
  // Until main lists the profiles (or if it cannot), the profile on screen is still offered.
  if (!options.some((o) => o.id === session.profile.id)) {
    options.unshift({ id: session.profile.id, name: session.profile.name, status: session.status })
  }

  const current = options.find((o) => o.id === session.profile.id)!
  const currentError =
    current.status === 'offline' ? (profileEntry(overview, current.id)?.error ?? undefined) : undefined

  return (
    <div className="profile-switcher">
      <label className="profile-switcher__label" htmlFor={id}>
        Profile
      </label>
      <select
        id={id}
        className="select profile-switcher__select"
        value={selectingProfileId ?? session.profile.id}
        aria-describedby={statusId}
        disabled={selectingProfileId !== null}
        onChange={(event) => void selectProfile(event.target.value)}
      >
        {profileStatusOrder.map((status) => {
          const inGroup = options.filter((o) => o.status === status)
          if (inGroup.length === 0) return null
          return (
            <optgroup key={status} label={profileStatusLabel[status]}>
              {inGroup.map((o) => (
                <option key={o.id} value={o.id} title={o.error}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          )
        })}
      </select>
      <span id={statusId} className="profile-switcher__status">
        <Badge tone={profileStatusTone[current.status]} title={currentError}>
          {profileStatusLabel[current.status]}
        </Badge>
        {currentError ? <span className="visually-hidden">: {currentError}</span> : null}
      </span>
    </div>
  )
}
