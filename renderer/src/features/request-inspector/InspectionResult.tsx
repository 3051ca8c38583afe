/** The right column: the verdict first, then why, then everything it was judged from. */
import type { RequestInspection } from '../../../../preload/contract'
import { Button } from '../../ui/Button'
import { shortcutLabel } from '../../ui/format'
import { Icon } from '../../ui/Icon'
import { ResultSection } from '../../ui/ResultSection'
import { ChangeBlock } from './ChangeBlock'
import { ClientComparison } from './ClientComparison'
import { CodeView, type LineNote } from './CodeView'
import { HarEntryList } from './HarEntryList'
import { RequestAsRead } from './RequestAsRead'
import { SigV4Facts } from './SigV4Facts'
import { VerdictBanner } from './VerdictBanner'
import { count, type InspectInput } from './words'

const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256'

/** The lines of `text` that a client-diff row's computed side is, by line number. */
function clientNotes(text: string, diff: NonNullable<RequestInspection['clientDiff']>): Map<number, LineNote> {
  const lines = text.split('\n')
  const used = new Set<number>()
  const notes = new Map<number, LineNote>()
  for (const row of diff) {
    if (!row.server) continue
    const at = lines.findIndex((line, index) => line === row.server && !used.has(index))
    if (at < 0) continue
    used.add(at)
    notes.set(at + 1, { label: 'the client has', other: row.client })
  }
  return notes
}

interface InspectionResultProps {
  result: RequestInspection
  ranWith: InspectInput
  stale: boolean
  pending: boolean
  /** The HAR entry asked for while its answer is not back. */
  requestedEntry: number | null
  onEntry: (index: number) => void
  onInspect: () => void
  onSetAsOf: () => void
}

export function InspectionResult({
  result,
  ranWith,
  stale,
  pending,
  requestedEntry,
  onEntry,
  onInspect,
  onSetAsOf
}: InspectionResultProps) {
  const { change, clientDiff } = result
  const clientText = ranWith.clientCanonical.trim()
  // The service compares a pasted string to sign with its string to sign, anything else with its canonical request.
  const clientOf =
    clientText.startsWith(SIGV4_ALGORITHM) || !result.canonicalRequest ? 'string to sign' : 'canonical request'
  const notesFor = (of: 'canonical request' | 'string to sign', text: string) => {
    const notes = clientDiff && clientOf === of ? clientNotes(text, clientDiff) : new Map<number, LineNote>()
    if (change?.line && change.of === of) notes.set(change.line.line, { label: 'signed as', other: change.line.signed })
    return notes
  }
  const otherProblems = result.problems.filter((problem) => problem !== change?.sentence)
  const changedHeader = change?.part.startsWith('header ') ? change.part.slice('header '.length).toLowerCase() : null
  const showLine = (line: number) => {
    const block = document.querySelector(
      `[data-testid="${change?.of === 'string to sign' ? 'ri-string-to-sign' : 'ri-canonical-request'}"] [data-line="${line}"]`
    )
    block?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  }

  return (
    <div
      className={`request-inspector-result${pending ? ' is-pending' : ''}`}
      data-testid="ri-result"
      data-ok={result.ok}
      aria-busy={pending}
    >
      {stale ? (
        <div className="stale-note" data-testid="ri-stale">
          <Icon name="warning" size={13} />
          The inputs changed since this result.
          <Button size="sm" onClick={onInspect} testId="ri-inspect-again" shortcut={shortcutLabel('↵')}>
            Inspect again
          </Button>
        </div>
      ) : null}

      {result.source === 'har' ? (
        <HarEntryList
          entries={result.harEntries}
          chosen={result.entry}
          loading={pending && requestedEntry !== result.entry ? requestedEntry : null}
          onPick={onEntry}
        />
      ) : null}

      <VerdictBanner result={result} onSetAsOf={onSetAsOf} />

      {change ? <ChangeBlock change={change} onShowLine={showLine} /> : null}

      {otherProblems.length ? (
        <ResultSection
          level={2}
          title={change ? 'Other problems' : 'Problems'}
          meta={`${otherProblems.length}`}
          testId="ri-problems"
        >
          <ol className="request-inspector-problems">
            {otherProblems.map((problem, index) => (
              <li key={index} data-testid="ri-problem">
                <Icon name="error" size={14} className="request-inspector-problem-icon" />
                <span>{problem}</span>
              </li>
            ))}
          </ol>
        </ResultSection>
      ) : null}

      {result.notes.length ? (
        <ResultSection level={2} title="Notes" meta={`${result.notes.length}`} testId="ri-notes">
          <ul className="request-inspector-notes">
            {result.notes.map((note, index) => (
              <li key={index} data-testid="ri-note">
                <Icon name="info" size={14} className="request-inspector-note-icon" />
                <span>{note}</span>
              </li>
            ))}
          </ul>
        </ResultSection>
      ) : null}

      {clientDiff !== null || result.clientCanonicalSigned !== null ? (
        <ClientComparison diff={clientDiff} signed={result.clientCanonicalSigned} of={clientOf} />
      ) : null}

      {result.sigv4 ? (
        <SigV4Facts
          sigv4={result.sigv4}
          asOf={result.asOf.at}
          arrivedHeaders={result.request.headers.map(([name]) => name.toLowerCase())}
        />
      ) : null}

      {result.canonicalRequest || result.stringToSign ? (
        <ResultSection
          level={2}
          title="Computed from the request as it arrived"
          meta={result.changesTried ? `${count(result.changesTried, 'usual change')} after signing tried` : null}
          testId="ri-computed"
        >
          {result.canonicalRequest ? (
            <CodeView
              title="Canonical request"
              value={result.canonicalRequest}
              testId="ri-canonical-request"
              notes={notesFor('canonical request', result.canonicalRequest)}
            />
          ) : null}
          {result.stringToSign ? (
            <CodeView
              title="String to sign"
              value={result.stringToSign}
              testId="ri-string-to-sign"
              notes={notesFor('string to sign', result.stringToSign)}
            />
          ) : null}
        </ResultSection>
      ) : null}

      <RequestAsRead
        request={result.request}
        signedHeaders={result.sigv4?.signedHeaders ?? []}
        changedHeader={changedHeader}
      />

      {result.tried.length ? (
        <ResultSection level={2} title="Also tried" meta={`${result.tried.length}`} testId="ri-tried">
          <ul className="request-inspector-tried">
            {result.tried.map((tried, index) => (
              <li key={index} data-testid="ri-tried-credential">
                <strong>{tried.name}</strong>
                {tried.org ? <span className="tag">{tried.org}</span> : null}
                <span className="request-inspector-tried-why">{tried.why}</span>
              </li>
            ))}
          </ul>
        </ResultSection>
      ) : null}
    </div>
  )
}
