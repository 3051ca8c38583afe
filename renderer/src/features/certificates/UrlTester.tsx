import { useRef, useState, type FormEvent } from 'react'
import type { CertificateCandidate, CertificateMatch } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Button } from '../../ui/Button'
import { describedBy } from '../../ui/Field'
import { Icon } from '../../ui/Icon'
import { Spinner } from '../../ui/Spinner'
import { TableHead } from '../../ui/TableHead'
import { useVault } from '../../app/vault-context'

const placeholder = 'https://api.example.com/v1/orders'

/** "Test a URL": which stored certificate a request to a URL would present, and why. */
export function UrlTester({ onOpen }: { onOpen: (id: string) => void }) {
  const { noticeFailure } = useVault()
  const [url, setUrl] = useState('')
  const [match, setMatch] = useState<CertificateMatch | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const requests = useRef(0)

  const test = async (event?: FormEvent) => {
    event?.preventDefault()
    if (!url.trim()) {
      setError('Enter the URL a connector would call, e.g. https://api.example.com/v1/orders.')
      document.getElementById('url-test-input')?.focus()
      return
    }
    const request = ++requests.current
    setPending(true)
    const result = await call(() => workbench.matchCertificateForUrl({ url }))
    if (request !== requests.current) return
    setPending(false)
    if (result.ok) {
      setMatch(result.value)
      setError(null)
    } else {
      setMatch(null)
      setError(result.error.message)
      noticeFailure(result.error.code)
    }
  }

  return (
    <section className="card certificates-url-test" data-testid="url-test" aria-labelledby="url-test-title">
      <div className="card-head">
        <h2 className="card-title" id="url-test-title">
          Test a URL
        </h2>
        <p className="card-description">
          Which certificate a request to this URL presents, and why. The most specific authorized domain wins.
        </p>
      </div>
      <div className="card-body certificates-url-test-body">
        <form
          className="certificates-url-test-form"
          onSubmit={(event) => void test(event)}
          noValidate
          autoComplete="off"
        >
          <label className="visually-hidden" htmlFor="url-test-input">
            URL to test
          </label>
          <input
            id="url-test-input"
            className="input mono"
            type="url"
            value={url}
            placeholder={placeholder}
            spellCheck={false}
            onChange={(event) => {
              setUrl(event.target.value)
              setError(null)
            }}
            data-testid="url-test-input"
            {...describedBy('url-test-input', error ?? undefined, false)}
          />
          <Button type="submit" icon="search" disabled={pending} testId="url-test-run">
            Test
          </Button>
        </form>
        {error ? (
          <div
            className="field-error certificates-url-test-error"
            id="url-test-input-error"
            data-testid="error-url"
            role="alert"
          >
            {error}
          </div>
        ) : null}
        {pending ? <Spinner label="Matching…" /> : null}
        {match && !pending ? <MatchResult match={match} onOpen={onOpen} /> : null}
      </div>
    </section>
  )
}

function MatchResult({ match, onOpen }: { match: CertificateMatch; onOpen: (id: string) => void }) {
  const selected = match.selected
  return (
    <div
      className="certificates-url-test-result"
      data-testid="url-test-result"
      data-selected={selected?.name ?? ''}
      role="status"
    >
      <div className={`url-verdict ${selected ? 'is-selected' : 'is-none'}`}>
        <Icon name={selected ? 'success' : 'ban'} size={16} className="url-verdict-icon" />
        <div className="url-verdict-text">
          <div className="url-verdict-head">
            <span data-testid="url-test-verdict">
              {selected ? (
                <>
                  Presents <strong>{selected.name}</strong>
                </>
              ) : (
                'Presents no certificate'
              )}
            </span>
            <code
              className="mono certificates-url-verdict-host"
              title="Host and port the request goes to"
              data-testid="url-test-host"
            >
              {match.host}:{match.port}
            </code>
          </div>
          <p className="url-verdict-explanation" data-testid="url-test-explanation">
            {match.explanation}
          </p>
        </div>
      </div>
      {match.candidates.length ? (
        <div className="table-wrap certificates-url-candidates-wrap">
          <table className="data-table compact-table certificates-url-candidates" data-testid="url-candidates">
            <TableHead
              columns={[
                { label: 'Certificate', col: 'certificates-w-cand-name' },
                { label: 'Matches', col: 'certificates-w-cand-flag' },
                { label: 'Rule', col: 'certificates-w-cand-rule' },
                { label: 'Why' },
                { label: 'Usable', col: 'certificates-w-cand-flag' }
              ]}
            />
            <tbody>
              {match.candidates.map((candidate) => (
                <tr
                  key={candidate.id}
                  className={candidate.id === selected?.id ? 'is-picked' : undefined}
                  data-testid="url-candidate"
                  data-name={candidate.name}
                  data-matched={candidate.matched}
                  data-usable={candidate.usable}
                  data-validity={candidate.validity}
                >
                  <td>
                    <div className="certificates-cand-name-cell">
                      <button
                        type="button"
                        className="link-button certificates-cand-name"
                        onClick={() => onOpen(candidate.id)}
                        title={`Open ${candidate.name}`}
                      >
                        {candidate.name}
                      </button>
                      {candidate.id === selected?.id ? <span className="tag tag-accent">Presented</span> : null}
                    </div>
                  </td>
                  <td>
                    <YesNo value={candidate.matched} />
                  </td>
                  <td>
                    {candidate.rule ? <code className="mono">{candidate.rule}</code> : <span className="faint">—</span>}
                  </td>
                  <td className="certificates-cand-reason">{candidate.reason}</td>
                  <td>
                    <Usable candidate={candidate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}

/** Whether the server would take it: a matching key and dates inside the validity window. */
function Usable({ candidate }: { candidate: CertificateCandidate }) {
  if (candidate.usable) return <YesNo value />
  const why = !candidate.keyMatches
    ? 'No key'
    : candidate.validity === 'expired'
      ? 'Expired'
      : candidate.validity === 'not-yet-valid'
        ? 'Not valid yet'
        : 'No'
  return (
    <span className={`yes-no is-no${candidate.matched ? ' is-bad' : ''}`} data-testid="candidate-unusable">
      <Icon name="x" size={13} />
      {why}
    </span>
  )
}

function YesNo({ value, noTone = 'neutral' }: { value: boolean; noTone?: 'error' | 'neutral' }) {
  return value ? (
    <span className="yes-no is-yes">
      <Icon name="check" size={13} />
      Yes
    </span>
  ) : (
    <span className={`yes-no is-no${noTone === 'error' ? ' is-bad' : ''}`}>
      <Icon name="x" size={13} />
      No
    </span>
  )
}
