import { useEffect, useId, useRef } from 'react'
import { useProfilesStore } from '../../stores/profiles-store'
import { useSessionStore } from '../../stores/session-store'
import { Badge } from '../../ui/Badge'
import { Button } from '../../ui/Button'
import { StatusMessage } from '../../ui/StatusMessage'
import { issuerHost } from '../auth/issuer-host'
import { useProfileDialogStore } from '../../stores/profile-dialog-store'
import { profileStatusLabel, profileStatusTone, shownStatus } from './profile-status'

/** The Profiles dialog's list: every profile with its status, Edit and Remove; Add profile below. */
export function ProfileList({ titleId, returnFocusTo }: { titleId: string; returnFocusTo?: string }) {
  const overview = useProfilesStore((s) => s.overview)
  const session = useSessionStore((s) => s.session)
  const openAdd = useProfileDialogStore((s) => s.openAdd)
  const openEdit = useProfileDialogStore((s) => s.openEdit)
  const confirmRemove = useProfileDialogStore((s) => s.confirmRemove)
  const close = useProfileDialogStore((s) => s.close)
  const bodyRef = useRef<HTMLDivElement>(null)
  const addRef = useRef<HTMLButtonElement>(null)
  const idPrefix = useId()

  // Back from a profile's form or confirmation, focus returns to that profile's Edit button.
  useEffect(() => {
    const edit = returnFocusTo
      ? bodyRef.current?.querySelector<HTMLButtonElement>(
          `[data-profile-id="${CSS.escape(returnFocusTo)}"] .profile-list__edit`,
        )
      : null
    ;(edit ?? addRef.current)?.focus()
  }, [returnFocusTo])

  return (
    <div className="modal__body" ref={bodyRef}>
      <h2 id={titleId} className="modal__title">
        Profiles
      </h2>
      {overview === null ? <StatusMessage>Loading profiles…</StatusMessage> : null}
      {overview !== null && overview.profiles.length === 0 ? (
        <p className="profile-list__empty">No profiles yet.</p>
      ) : null}
      {overview !== null && overview.profiles.length > 0 ? (
        <ul className="profile-list">
          {overview.profiles.map((entry) => {
            const { profile } = entry
            const nameId = `${idPrefix}-${profile.id}`
            const status = shownStatus(entry.status, session, profile.id)
            const shown = session?.profile.id === profile.id
            return (
              <li key={profile.id} className="profile-list__item" data-profile-id={profile.id}>
                <div className="profile-list__about">
                  <div className="profile-list__line">
                    <span id={nameId} className="profile-list__name">
                      {profile.name}
                    </span>
                    <Badge tone={profileStatusTone[status]}>{profileStatusLabel[status]}</Badge>
                    {shown ? <span className="profile-list__current">Current</span> : null}
                  </div>
                  <p className="profile-list__meta">
                    {profile.dialect} · {issuerHost(profile.apiBaseUrl)}
                    {profile.managedBy === 'sandbox' ? ' · local sandbox' : ''}
                  </p>
                  {status === 'offline' && entry.error ? <p className="profile-list__error">{entry.error}</p> : null}
                </div>
                <div className="profile-list__actions">
                  <Button className="profile-list__edit" aria-describedby={nameId} onClick={() => openEdit(profile.id)}>
                    Edit
                  </Button>
                  <Button aria-describedby={nameId} onClick={() => confirmRemove(profile)}>
                    Remove
                  </Button>
                </div>
              </li>
            )
          })}
        </ul>
      ) : null}
      <div className="modal__actions">
        <Button onClick={close}>Close</Button>
        <Button ref={addRef} variant="primary" onClick={openAdd}>
          Add profile
        </Button>
      </div>
    </div>
  )
}
