import { systemPreferences } from 'electron'
import { AppError } from '@core/errors'
import type { UserVerificationPort } from '@core/platform'

/**
 * Touch ID on macOS (`systemPreferences.promptTouchID`). Electron reaches no OS user verification
 * on Windows (no Windows Hello API) or Linux, so there is none: sudo mode uses the server there.
 */
export function electronUserVerification(platform: NodeJS.Platform): UserVerificationPort | undefined {
  if (platform !== 'darwin') return undefined
  return {
    label: 'Touch ID',
    available: () => systemPreferences.canPromptTouchID(),
    async verify(reason) {
      try {
        await systemPreferences.promptTouchID(reason)
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error)
        throw new AppError(
          'AUTH_FAILED',
          `Touch ID did not confirm it is you (${detail}). Nothing was shown or changed.`,
        )
      }
    },
  }
}
