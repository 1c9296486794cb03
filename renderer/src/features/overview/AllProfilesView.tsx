import { useEffect } from 'react'
import type { ProfileAttention } from '@shared/contracts/overview'
import type { AttentionBucket } from '@shared/domain/attention'
import { useOverviewStore } from '../../stores/overview-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useSessionStore } from '../../stores/session-store'
import { Alert } from '../../ui/Alert'
import { Button } from '../../ui/Button'
import { StatusMessage } from '../../ui/StatusMessage'
import { AttentionTiles } from './AttentionTiles'
import { openFiltered } from './open-filtered'
import './overview.css'

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function ProfileColumn({ entry }: { entry: ProfileAttention }) {
  const activeId = useSessionStore((s) => s.session?.profile.id)
  const select = useProfilesStore((s) => s.selectProfile)
  const open = async (bucket: AttentionBucket) => {
    if (entry.computedAt === null) return
    if (activeId !== entry.profileId) await select(entry.profileId)
    openFiltered(entry.profileId, { kind: 'bucket', bucket }, Date.parse(entry.computedAt))
  }
  const headingId = `all-profiles-${entry.profileId}`
  return (
    <section className="profile-column" aria-labelledby={headingId} data-profile-id={entry.profileId}>
      <h2 id={headingId}>{entry.profileName}</h2>
      {entry.state === 'cached' && entry.computedAt ? (
        <p className="profile-column__note">
          Offline: cached figures from {when.format(Date.parse(entry.computedAt))}.
        </p>
      ) : null}
      {entry.counts ? (
        <>
          <p className="profile-column__note">
            {entry.total} {entry.total === 1 ? 'key' : 'keys'}
          </p>
          <AttentionTiles counts={entry.counts} context={entry.profileName} onOpen={(bucket) => void open(bucket)} />
        </>
      ) : (
        <p className="profile-column__note">Not loaded. {entry.reason}</p>
      )}
    </section>
  )
}

/** The same tiles for every profile side by side: which environment needs work, at a glance. */
export function AllProfilesView() {
  const profiles = useOverviewStore((s) => s.profiles)
  const loading = useOverviewStore((s) => s.loadingProfiles)
  const error = useOverviewStore((s) => s.error)
  const load = useOverviewStore((s) => s.loadAllProfiles)
  useEffect(() => {
    void load()
  }, [load])
  return (
    <section className="all-profiles" aria-labelledby="all-profiles-title">
      <div className="overview__head">
        <h2 id="all-profiles-title">All profiles</h2>
        <Button onClick={() => void load()} disabled={loading}>
          Refresh
        </Button>
      </div>
      {error ? <Alert>{error.message}</Alert> : null}
      {!profiles ? (
        <StatusMessage>Reading every profile’s keys…</StatusMessage>
      ) : (
        <div className="all-profiles__grid">
          {profiles.map((entry) => (
            <ProfileColumn key={entry.profileId} entry={entry} />
          ))}
        </div>
      )}
    </section>
  )
}
