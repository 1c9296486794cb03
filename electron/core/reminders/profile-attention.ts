import type { ProfileAttention } from '@shared/contracts/overview'
import { summarize, type AttentionContext } from '@shared/domain/attention'
import type { PendingRevocation } from '@shared/domain/key-lifecycle'
import { dialectOf } from '../dialects/registry'
import type { Profile } from '../settings/profiles'
import type { RotationPolicies } from '../settings/rotation-policy'
import type { ProfileKeys } from './profile-keys'

export interface AttentionInputs {
  policies: RotationPolicies
  pending: () => readonly PendingRevocation[]
}

/** The rules' context for one profile: its dialect's resources, its rotation policy, its pending revocations. */
export function attentionContextOf(profile: Profile, now: number, inputs: AttentionInputs): AttentionContext {
  return {
    now,
    resources: dialectOf(profile.dialect).capabilities.resources.map((resource) => resource.id),
    rotationMaxAgeDays: inputs.policies.get(profile.id).maxAgeDays,
    pendingRevocationKeyIds: new Set(
      inputs
        .pending()
        .filter((p) => p.profileId === profile.id)
        .map((p) => p.keyId),
    ),
    reportsLastUse: true,
  }
}

/** One profile's tiles for "All profiles": counts only, never a key. */
export function profileAttention(read: ProfileKeys, inputs: AttentionInputs): ProfileAttention {
  const base = { profileId: read.profile.id, profileName: read.profile.name }
  if (read.state === 'not-loaded')
    return { ...base, state: 'not-loaded', reason: read.reason, total: null, counts: null, computedAt: null }
  const summary = summarize(read.keys, attentionContextOf(read.profile, read.readAt, inputs))
  return {
    ...base,
    state: read.state,
    reason: read.state === 'cached' ? `Saved list: ${read.reason}` : null,
    total: summary.total,
    counts: summary.counts,
    computedAt: new Date(read.readAt).toISOString(),
  }
}
