/** Accepted or refused, with what was judged: the scheme, the credential and how it was chosen, the time. */
import type { RequestInspection } from '../../../../preload/contract'
import { formatDateTimeLong } from '../../ui/format'
import { Icon } from '../../ui/Icon'
import { asOfLabel, count, sourceWords } from './words'

export function VerdictBanner({
  result,
  onSetAsOf
}: {
  result: RequestInspection
  /** Moves to the As of field (offered when the time came from the request's own signature). */
  onSetAsOf: () => void
}) {
  const { ok, problems, scheme, credential, asOf } = result
  return (
    <section
      className={`request-inspector-verdict ${ok ? 'is-ok' : 'is-refused'}`}
      aria-labelledby="ri-verdict-title"
      data-testid="ri-verdict"
      data-ok={ok}
    >
      <div className="request-inspector-verdict-head">
        <Icon name={ok ? 'success' : 'error'} size={18} className="request-inspector-verdict-icon" />
        <h2 className="request-inspector-verdict-title" id="ri-verdict-title" data-testid="ri-verdict-title">
          {ok ? 'Accepted' : `Refused: ${count(problems.length, 'problem')}`}
        </h2>
      </div>
      <dl className="request-inspector-verdict-facts">
        <dt>Read as</dt>
        <dd>
          <span className="badge badge-outline" data-testid="ri-scheme" data-kind={scheme.kind}>
            {scheme.label}
          </span>
          <span className="request-inspector-verdict-why" data-testid="ri-source" data-source={result.source}>
            in {sourceWords(result)}
          </span>
        </dd>
        <dt>Credential</dt>
        <dd data-testid="ri-credential-matched">
          {credential ? (
            <>
              <strong data-testid="ri-credential-name">{credential.name}</strong>
              {credential.org ? <span className="tag">{credential.org}</span> : null}
              <span className="request-inspector-verdict-why" data-testid="ri-matched-by">
                matched by {credential.matchedBy}
              </span>
            </>
          ) : (
            <span className="request-inspector-verdict-why">None of the stored credentials fits</span>
          )}
        </dd>
        <dt>As of</dt>
        <dd data-testid="ri-as-of-used" data-from={asOf.from} data-at={asOf.at}>
          <strong>{formatDateTimeLong(asOf.at)}</strong>
          <span className="request-inspector-verdict-why">from {asOfLabel[asOf.from]}</span>
          <span className="request-inspector-verdict-explanation">
            {asOf.explanation}
            {asOf.from === 'signed-time' ? (
              <>
                {' '}
                <button type="button" className="request-inspector-link" onClick={onSetAsOf} data-testid="ri-set-as-of">
                  Set As of
                </button>
              </>
            ) : null}
          </span>
        </dd>
      </dl>
    </section>
  )
}
