import type { IdentifiedCandidate, KeyMatch } from '@shared/contracts/identify'
import { formatDate } from '../keys/format-date'
import { StatusBadge } from '../keys/StatusBadge'
import { Badge } from '@renderer/ui/Badge'
import { MatchActions } from './MatchActions'

function matchName(match: KeyMatch): string {
  return match.keyName ?? `key ${match.keyId}`
}

function MatchLine({ match }: { match: KeyMatch }) {
  const where = [match.profileName, match.accountName].filter(Boolean).join(' · ')
  return (
    <li className="identify-match">
      <div className="identify-match__what">
        <strong>{matchName(match)}</strong>
        <span className="identify-match__where">on {where}</span>
        {match.status ? <StatusBadge status={match.status} /> : null}
        <span className="identify-match__expiry">
          Expires: {match.expiresAt ? formatDate(match.expiresAt) : 'never'}
        </span>
        {match.how === 'exact' ? <Badge tone="chip">exact (keychain copy)</Badge> : null}
        {match.cached ? <Badge tone="warning">from the offline cache</Badge> : null}
      </div>
      <MatchActions match={match} label={`${matchName(match)} on ${match.profileName}`} />
    </li>
  )
}

/** One value found: its masked form, its format, and the key(s) it is. */
export function CandidateCard({ candidate, where }: { candidate: IdentifiedCandidate; where: string }) {
  return (
    <article className="identify-candidate" aria-label={`${candidate.label} ${candidate.masked}`}>
      <header className="identify-candidate__head">
        <code className="identify-candidate__masked">{candidate.masked}</code>
        <span className="identify-candidate__format">{candidate.label}</span>
        {candidate.pairedId ? <span className="identify-candidate__pair">with {candidate.pairedId}</span> : null}
        <span className="identify-candidate__where">{where}</span>
      </header>
      {candidate.verdict === 'unknown' ? (
        <p className="identify-candidate__unknown">
          Unknown key: none of the keys of your signed-in profiles has this form.
        </p>
      ) : null}
      {candidate.verdict === 'ambiguous' ? (
        <p className="identify-candidate__ambiguous">
          Ambiguous: {candidate.matches.length} keys have this masked form. It is one of these.
        </p>
      ) : null}
      {candidate.matches.length > 0 ? (
        <ul className="identify-candidate__matches">
          {candidate.matches.map((match) => (
            <MatchLine key={`${match.profileId}:${match.keyId}`} match={match} />
          ))}
        </ul>
      ) : null}
    </article>
  )
}
