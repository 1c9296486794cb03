import { useId, useRef } from 'react'
import { IDENTIFY_MAX_CHARS } from '@shared/contracts/identify'
import { useIdentifyStore } from '@renderer/stores/identify-store'
import { Alert } from '@renderer/ui/Alert'
import { Button } from '@renderer/ui/Button'
import { StatusMessage } from '@renderer/ui/StatusMessage'
import { CandidateCard } from './CandidateCard'

const percent = (p: { done: number; total: number }) => Math.floor((p.done / Math.max(p.total, 1)) * 100)

/**
 * The paste box. The text lives only in this uncontrolled text area (no React state, no store): it
 * goes to the core once, and is gone when the view is left.
 */
export function PasteIdentify() {
  const textId = useId()
  const hintId = useId()
  const textRef = useRef<HTMLTextAreaElement>(null)
  const { identifying, progress, result, error, identify, cancelIdentify } = useIdentifyStore()

  const submit = () => {
    const text = textRef.current?.value ?? ''
    if (text.length > IDENTIFY_MAX_CHARS) {
      useIdentifyStore.setState({
        error: { code: 'VALIDATION', message: 'That text is over 10 MB. Paste a shorter excerpt.' },
      })
      return
    }
    void identify(text)
  }

  return (
    <section className="identify-section" aria-labelledby={`${textId}-title`}>
      <h2 id={`${textId}-title`} className="identify-section__title">
        Paste text
      </h2>
      <label htmlFor={textId} className="field__label">
        Ticket, log excerpt or config file
      </label>
      <textarea
        id={textId}
        ref={textRef}
        className="input textarea identify-paste"
        aria-describedby={hintId}
        spellCheck={false}
        autoComplete="off"
      />
      <p id={hintId} className="field__hint">
        Up to 10 MB. Keywarden reads it on this computer and keeps nothing of it; it is cleared when you leave this
        view.
      </p>
      <div className="identify-section__actions">
        <Button variant="primary" onClick={submit} disabled={identifying}>
          Identify keys
        </Button>
        {identifying ? <Button onClick={cancelIdentify}>Cancel</Button> : null}
      </div>
      {identifying && progress ? <StatusMessage>Reading… {percent(progress)} %</StatusMessage> : null}
      {error ? <Alert>{error.message}</Alert> : null}
      {result ? <IdentifyResults /> : null}
    </section>
  )
}

function IdentifyResults() {
  const result = useIdentifyStore((s) => s.result)
  if (!result) return null
  if (result.cancelled) return <StatusMessage>Cancelled.</StatusMessage>
  return (
    <div className="identify-results">
      <StatusMessage>
        {result.candidates.length === 0
          ? 'No key found in that text.'
          : `${result.candidates.length} ${result.candidates.length === 1 ? 'key' : 'keys'} found.`}
      </StatusMessage>
      {result.signedInProfiles === 0 && result.candidates.length > 0 ? (
        <p className="identify-note">Sign in to identify: no profile is signed in, so these keys cannot be named.</p>
      ) : null}
      {result.unreadable.map((u) => (
        <p key={u.profileName} className="identify-note">
          “{u.profileName}” could not be read: {u.reason}
        </p>
      ))}
      {result.candidates.map((candidate) => (
        <CandidateCard
          key={candidate.id}
          candidate={candidate}
          where={`line ${candidate.line}, column ${candidate.column}`}
        />
      ))}
    </div>
  )
}
