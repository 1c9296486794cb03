import { useViewStore, type AppView } from '../../stores/view-store'
import './overview.css'

const views: ReadonlyArray<{ view: AppView; label: string }> = [
  { view: 'keys', label: 'Keys' },
  { view: 'overview', label: 'Overview' },
  { view: 'all-profiles', label: 'All profiles' },
  { view: 'identify', label: 'Identify' },
]

/** Switches the signed-in window between the key table, the Overview and All profiles. */
export function ViewNav() {
  const current = useViewStore((s) => s.view)
  const show = useViewStore((s) => s.show)
  return (
    <nav className="view-nav" aria-label="Views">
      {views.map(({ view, label }) => (
        <button
          key={view}
          type="button"
          className="view-nav__item"
          aria-current={current === view ? 'page' : undefined}
          onClick={() => show(view)}
        >
          {label}
        </button>
      ))}
    </nav>
  )
}
