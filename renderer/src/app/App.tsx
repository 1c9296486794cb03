import { ClipboardNoticeBanner } from '../features/clipboard/ClipboardNoticeBanner'
import { KeyDialogHost } from '../features/keys/dialogs/KeyDialogHost'
import { LockScreen } from '../features/lock/LockScreen'
import { ProfilesDialog } from '../features/profiles/ProfilesDialog'
import { RecoveryNotices } from '../features/recovery/RecoveryNotices'
import { useLockStore } from '../stores/lock-store'
import { useProfilesStore } from '../stores/profiles-store'
import { useSessionStore } from '../stores/session-store'
import { AppShell } from './AppShell'
import { NoProfilesScreen } from './NoProfilesScreen'
import { StartupScreen } from './StartupScreen'
import { useBulkSync } from './useBulkSync'
import { useLockSync } from './useLockSync'
import { useProfilesSync } from './useProfilesSync'
import { useSessionSync } from './useSessionSync'

export function App() {
  useSessionSync()
  useProfilesSync()
  useLockSync()
  useBulkSync()
  const lock = useLockStore((s) => s.lock)
  const session = useSessionStore((s) => s.session)
  const noProfiles = useProfilesStore((s) => s.overview !== null && s.overview.profiles.length === 0)

  if (lock.locked) {
    return (
      <>
        <LockScreen message={lock.message} />
        <ClipboardNoticeBanner />
      </>
    )
  }

  return (
    <>
      {noProfiles ? <NoProfilesScreen /> : session === null ? <StartupScreen /> : <AppShell session={session} />}
      <ProfilesDialog />
      {/* At app level: a one-time secret on screen outlives a sign-out or profile switch behind it. */}
      <KeyDialogHost />
      <RecoveryNotices />
      <ClipboardNoticeBanner />
    </>
  )
}
