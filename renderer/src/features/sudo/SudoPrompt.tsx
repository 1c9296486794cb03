import { reauthenticate } from '@renderer/stores/sudo-actions'
import { ProofForm } from './ProofForm'

/**
 * "Prove it is you": says why (the reason from main), then asks for the proof this profile has
 * here. The action goes on only after main granted sudo mode; a cancel or a refusal leaves
 * everything as it was.
 */
export function SudoPrompt({
  reason,
  onProved,
  onCancel,
}: {
  reason: string
  onProved: () => void
  onCancel: () => void
}) {
  return (
    <div className="sudo-prompt">
      <p>{reason}</p>
      <ProofForm
        submitLabel="Sign in again"
        onCancel={onCancel}
        submit={async (proof) => {
          const result = await reauthenticate(proof)
          if (result.ok) onProved()
          return result
        }}
      />
    </div>
  )
}
