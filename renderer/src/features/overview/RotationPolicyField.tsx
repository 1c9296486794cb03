import { useEffect, useId } from 'react'
import { rotationMaxAgeOptions } from '@shared/contracts/overview'
import { useOverviewStore } from '../../stores/overview-store'

/** The profile's rotation policy: keys older than it are "Rotation due". Stored by the core per profile. */
export function RotationPolicyField({ profileId }: { profileId: string }) {
  const id = useId()
  const policy = useOverviewStore((s) => s.rotationPolicies[profileId])
  const load = useOverviewStore((s) => s.loadRotationPolicy)
  const save = useOverviewStore((s) => s.setRotationPolicy)
  useEffect(() => {
    void load(profileId)
  }, [load, profileId])
  return (
    <div className="rotation-policy">
      <label htmlFor={id}>Rotation policy (maximum key age)</label>
      <select
        id={id}
        value={policy === undefined || policy === null ? 'off' : String(policy)}
        disabled={policy === undefined}
        onChange={(event) => {
          const value = event.target.value
          const days = rotationMaxAgeOptions.find((option) => String(option) === value)
          void save(profileId, days ?? null)
        }}
      >
        <option value="off">Off</option>
        {rotationMaxAgeOptions.map((days) => (
          <option key={days} value={days}>
            {days} days
          </option>
        ))}
      </select>
    </div>
  )
}
