import type { DialectCapabilities } from '@shared/domain/capabilities'
import type { KeyAccess } from '@shared/domain/key-lifecycle'

export type RevealAvailability = { available: true } | { available: false; reason: string }

const NO_COPY = "and this computer's keychain holds no copy."

/** Whether a key's value can be shown again, and if not, why (for the disabled button's tooltip). */
export function revealAvailability(
  capabilities: Pick<DialectCapabilities, 'canReveal'>,
  access: Pick<KeyAccess, 'canRevealFromServer'> | null,
  hasLocalCopy: boolean,
): RevealAvailability {
  if (hasLocalCopy) return { available: true }
  if (capabilities.canReveal && access?.canRevealFromServer) return { available: true }
  if (!capabilities.canReveal)
    return { available: false, reason: `Keys of this API can't be shown again after they are created, ${NO_COPY}` }
  if (access === null) return { available: false, reason: `Your permissions here could not be read, ${NO_COPY}` }
  return { available: false, reason: `You may not reveal keys from the server, ${NO_COPY}` }
}
