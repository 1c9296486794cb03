import { useProfileDialogStore } from '../stores/profile-dialog-store'
import { Button } from '../ui/Button'

/** Every profile was removed: the only way on is to add one. */
export function NoProfilesScreen() {
  const openAdd = useProfileDialogStore((s) => s.openAdd)
  return (
    <main className="sign-in">
      <section className="sign-in__card" aria-labelledby="no-profiles-title">
        <h1 id="no-profiles-title" className="sign-in__product">
          Keywarden
        </h1>
        <p className="sign-in__profile">There are no connection profiles. Add one to manage its API keys.</p>
        <Button variant="primary" className="sign-in__button" onClick={openAdd}>
          Add a profile
        </Button>
      </section>
    </main>
  )
}
