import { useEffect, useState, type ReactNode } from 'react'
import type { Finding, HarEmbedRequest, Inspection, Result } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { useNavigation } from '../../app/navigation'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { FindingList, findingSummary } from '../../ui/FindingList'
import { Icon } from '../../ui/Icon'
import { ResultSection } from '../../ui/ResultSection'
import { Spinner } from '../../ui/Spinner'
import { UrlText } from '../../ui/UrlText'
import { formatClockTime, formatDateTimeLong } from '../../ui/format'
import { InspectParamTable } from '../../shared/inspection/InspectParamTable'
import { JwtView } from '../../shared/inspection/JwtView'
import { SignatureBadge } from '../../shared/inspection/SignatureBadge'
import { clip } from '../../shared/inspection/text'
import { embedMethodLabel, kindLabel, kindTitle, startedSeconds, verdictLabel } from './words'
import './evidence-detail.css'

interface RowDetailProps {
  request: HarEmbedRequest
}

/** One HAR row in full: its findings, where and when it was found, and the inspector's view of its embed. */
export function RowDetail({ request }: RowDetailProps) {
  const { openInInspector } = useNavigation()
  const [highlight, setHighlight] = useState<Finding | null>(null)
  const inspection = useInspection(request)

  return (
    <section
      className="evidence-detail"
      data-testid="har-detail"
      data-index={request.index}
      aria-labelledby="evidence-detail-title"
    >
      <div className="evidence-detail-head">
        <h2 className="evidence-detail-title" id="evidence-detail-title" tabIndex={-1}>
          Entry #{request.index}
          <span className="evidence-detail-kind" title={kindTitle[request.kind]}>
            {kindLabel[request.kind]}
          </span>
          <span className={`evidence-verdict is-${request.verdict}`}>
            <span className="evidence-verdict-dot" aria-hidden="true" />
            {verdictLabel[request.verdict]}
          </span>
        </h2>
        <Button
          size="sm"
          icon="search"
          onClick={() => openInInspector(request.embed)}
          testId="har-open-inspector"
          title="Open this embed in the Inspector (inspected as of now, editable and re-signable there)"
        >
          Open in Inspector
        </Button>
      </div>

      <ResultSection title="Findings" meta={findingSummary(request.findings)} testId="har-detail-findings-section">
        {request.findings.length ? (
          <FindingList
            findings={request.findings}
            selected={highlight}
            onSelect={setHighlight}
            testId="har-detail-findings"
          />
        ) : (
          <div className="all-clear" data-testid="har-detail-clear">
            <Icon name="check" size={14} />
            Nothing wrong: the inspector (as of the request’s time) and the sequence found no problem.
          </div>
        )}
      </ResultSection>

      <ResultSection title="Where and when">
        <dl className="evidence-facts" data-testid="har-facts">
          <Fact name="Started">
            <span className="mono">{formatClockTime(request.startedDateTime)}</span>{' '}
            <span className="muted">{formatDateTimeLong(request.startedDateTime)}</span>
          </Fact>
          {request.timeMs !== null ? (
            <Fact name="Took">
              <span className="mono">{request.timeMs.toLocaleString()} ms</span>
            </Fact>
          ) : null}
          <Fact name="Request">
            <span className="mono evidence-fact-url">
              {request.method} {clip(request.url, 2048)}
            </span>
          </Fact>
          {request.foundAt ? (
            <Fact name="Found at" testId="har-found-at">
              <code>{request.foundAt}</code>
            </Fact>
          ) : null}
          <Fact name="Host answered" testId="har-host-answer">
            {request.status === null ? (
              <span className="muted">— (a response body of the parent: the host has not seen it here)</span>
            ) : (
              <>
                <span className="mono">
                  {request.status} {request.statusText ?? ''}
                </span>
                {request.hostCode ? <code className="evidence-host-code">{request.hostCode}</code> : null}
                {request.hostMessage ? <div className="evidence-host-message">{request.hostMessage}</div> : null}
              </>
            )}
          </Fact>
          <Fact name="Embed">
            {embedMethodLabel[request.embedMethod] === '?' ? 'not recognised' : embedMethodLabel[request.embedMethod]}
            {' · signature '}
            {request.signature}
            {request.verifiedWith ? ` with ${request.verifiedWith}` : ''}
            {request.oneTimeId ? (
              <div className="muted">
                {request.embedMethod === 'jwt' ? 'jti' : 'nonce'} <code>{clip(request.oneTimeId, 80)}</code>
              </div>
            ) : null}
          </Fact>
        </dl>
      </ResultSection>

      <ResultSection
        title="The embed"
        meta={<CopyButton value={request.embed} label="Copy the embed URL or JWT" testId="har-copy-embed" />}
      >
        <div
          className="code-box url-box mono"
          data-testid="har-embed"
          role="region"
          aria-label="The embed URL or JWT"
          tabIndex={0}
        >
          <UrlText url={clip(request.embed, 8000)} />
        </div>
      </ResultSection>

      <InspectionView inspection={inspection} request={request} highlight={highlight?.param ?? null} />
    </section>
  )
}

function Fact({ name, testId, children }: { name: string; testId?: string; children: ReactNode }) {
  return (
    <div className="evidence-fact" data-testid={testId}>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  )
}

type Answer = { for: HarEmbedRequest; result: Result<Inspection> }

/** The inspector's full view of the row's embed, as of the request's own time (null while it comes). */
function useInspection(request: HarEmbedRequest): Answer['result'] | null {
  const [answer, setAnswer] = useState<Answer | null>(null)
  useEffect(() => {
    let current = true
    const now = startedSeconds(request)
    void call(() => workbench.inspectEmbed({ input: request.embed, ...(now === null ? {} : { now }) })).then(
      (result) => {
        if (current) setAnswer({ for: request, result })
      }
    )
    return () => {
      current = false
    }
  }, [request])
  return answer && answer.for === request ? answer.result : null
}

function InspectionView({
  inspection,
  request,
  highlight
}: {
  inspection: Result<Inspection> | null
  request: HarEmbedRequest
  highlight: string | null
}) {
  const at = formatClockTime(request.startedDateTime)
  if (!inspection) {
    return (
      <ResultSection title="As the inspector sees it" meta={`as of ${at}`}>
        <Spinner label="Inspecting…" />
      </ResultSection>
    )
  }
  if (!inspection.ok) {
    return (
      <ResultSection title="As the inspector sees it">
        <Banner tone="error" title="Could not inspect this embed" testId="har-inspect-error">
          {inspection.error.message}
        </Banner>
      </ResultSection>
    )
  }
  const { value } = inspection
  return (
    <div className="evidence-inspection" data-testid="har-inspection">
      <ResultSection title="As the inspector sees it" meta={`as of ${at}`} className="evidence-inspection-head">
        <div className="result-meta">
          <span className="badge badge-outline" data-testid="inspect-method" data-method={value.method}>
            {value.method === 'jwt' ? 'JWT' : value.method === 'url' ? 'Signed URL' : 'Not recognised'}
          </span>
          <SignatureBadge inspection={value} />
        </div>
      </ResultSection>
      {value.jwt ? (
        <ResultSection title="Token" meta="header · payload · signature">
          <JwtView jwt={value.jwt} />
        </ResultSection>
      ) : null}
      {value.params.length ? (
        <ResultSection title="Parameters" meta={`${value.params.length}`}>
          <InspectParamTable params={value.params} highlight={highlight} now={value.now} />
        </ResultSection>
      ) : null}
    </div>
  )
}
