import { SignInScreen } from '../features/auth/SignInScreen'
import { useSessionStore } from '../stores/session-store'
import { SignedInLayout } from './SignedInLayout'
import { StartupScreen } from './StartupScreen'
import { useSessionSync } from './useSessionSync'

export function App() {
  useSessionSync()
  const session = useSessionStore((s) => s.session)

  if (session === null) return <StartupScreen />
  if (session.status === 'signed-in') return <SignedInLayout session={session} />
  return <SignInScreen session={session} />
}
