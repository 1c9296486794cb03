import { useMemo } from 'react'
import type { AttentionContext } from '@shared/domain/attention'
import { useOverviewStore } from '../../stores/overview-store'
import { profileEntry, useProfilesStore } from '../../stores/profiles-store'
import { useRevocationsStore } from '../../stores/revocations-store'

/**
 * The attention rules' context for a profile on screen: its dialect's resources, its rotation policy,
 * its pending revocations, and `at` as "now" (when the figures were computed). Null until the profile is known.
 */
export function useAttentionContext(profileId: string | undefined, at: number | undefined): AttentionContext | null {
  const capabilities = useProfilesStore((s) => profileEntry(s.overview, profileId ?? '')?.capabilities)
  const maxAge = useOverviewStore((s) => (profileId === undefined ? null : (s.rotationPolicies[profileId] ?? null)))
  const pending = useRevocationsStore((s) => s.pending)
  return useMemo(() => {
    if (!capabilities || profileId === undefined || at === undefined) return null
    return {
      now: at,
      resources: capabilities.resources.map((resource) => resource.id),
      rotationMaxAgeDays: maxAge,
      pendingRevocationKeyIds: new Set(pending.filter((p) => p.profileId === profileId).map((p) => p.keyId)),
      reportsLastUse: true,
    }
  }, [capabilities, profileId, at, maxAge, pending])
}
