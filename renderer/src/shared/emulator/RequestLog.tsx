import { useState } from 'react'
import type { EmulatorRequest } from '../../../../preload/contract'
import { Button } from '../../ui/Button'
import { FindingList, findingSummary } from '../../ui/FindingList'
import { Icon } from '../../ui/Icon'
import { useStickToBottom } from '../../ui/useStickToBottom'
import { formatClockTime, formatDateTimeLong, urlPath } from '../../ui/format'
import { UrlText } from '../../ui/UrlText'
import { useNavigation } from '../../app/navigation'

const verdictPill: Record<EmulatorRequest['verdict'], string> = {
  allowed: 'pill-ok',
  refused: 'pill-error',
  'not-found': 'pill-warning'
}

interface RequestLogProps {
  requests: readonly EmulatorRequest[]
  error: string | null
  onClear: () => void
  /** Whether the log is on screen (re-pins it to the newest request when shown again). */
  visible?: boolean
  /** Where customers' apps can send requests, for the empty state. */
  baseUrl: string | null
}

/**
 * What the emulator answered to each embed request, oldest first (it follows the newest while
 * scrolled to the bottom): time, status, verdict, user, the URL with its signature redacted, the
 * host's message and code; a row opens to the findings behind the verdict.
 */
export function RequestLog({ requests, error, onClear, visible = true, baseUrl }: RequestLogProps) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set())
  const { openInInspector } = useNavigation()
  const { ref, onScroll } = useStickToBottom<HTMLDivElement>(requests.length, visible)
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current)
      if (!next.delete(id)) next.add(id)
      return next
    })
  const refused = requests.filter((request) => request.verdict !== 'allowed').length

  return (
    <div className="log-pane request-log" data-testid="request-log">
      <div className="log-toolbar">
        <span className="log-count">
          {requests.length} {requests.length === 1 ? 'request' : 'requests'}
          {refused ? <span className="log-count-bad"> · {refused} refused</span> : null}
        </span>
        {error ? (
          <span className="log-error" role="alert" title={error}>
            <Icon name="warning" size={13} />
            Not updating: {error}
          </span>
        ) : (
          <span className="log-live" title="Polled every second">
            <span className="live-dot" aria-hidden="true" />
            Live
          </span>
        )}
        <Button
          size="sm"
          variant="ghost"
          icon="trash"
          onClick={onClear}
          disabled={!requests.length}
          testId="request-log-clear"
          className="log-clear"
        >
          Clear
        </Button>
      </div>
      <div className="log-scroll" ref={ref} onScroll={onScroll}>
        {requests.length === 0 ? (
          <div className="log-empty" data-testid="request-log-empty">
            No requests yet. Load a preview
            {baseUrl ? (
              <>
                , or point a customer’s app at <code>{baseUrl}</code>
              </>
            ) : null}
            .
          </div>
        ) : (
          <ul className="log-list" aria-label="Emulator requests">
            {requests.map((request) => {
              const expanded = open.has(request.id)
              return (
                <li
                  key={request.id}
                  className={`log-row request-row is-${request.verdict}${expanded ? ' is-open' : ''}`}
                  data-testid="request-row"
                  data-verdict={request.verdict}
                  data-status={request.status}
                >
                  <button
                    type="button"
                    className="log-row-summary request-summary"
                    aria-expanded={expanded}
                    onClick={() => toggle(request.id)}
                  >
                    <Icon name="chevron" size={12} className="disclosure-chevron" />
                    <span className="log-time mono" title={formatDateTimeLong(request.at)}>
                      {formatClockTime(request.at)}
                    </span>
                    <span className="request-status mono">{request.status}</span>
                    <span className={`pill ${verdictPill[request.verdict]}`} data-testid="request-verdict">
                      {request.verdict}
                    </span>
                    <RequestUser request={request} />
                    <span className="request-path mono truncate" title={request.url}>
                      {request.method !== 'GET' ? `${request.method} ` : ''}
                      {urlPath(request.url, true)}
                    </span>
                    {request.message ? (
                      <span className="request-message" data-testid="request-message">
                        <span className="request-message-text">{request.message}</span>
                        {request.hostCode ? <code className="code-danger">{request.hostCode}</code> : null}
                      </span>
                    ) : null}
                  </button>
                  {expanded ? (
                    <div className="request-detail">
                      <div className="request-detail-url">
                        <div className="code-box url-box mono request-full-url" data-testid="request-url">
                          <UrlText url={request.url} />
                        </div>
                        <Button
                          size="sm"
                          icon="search"
                          testId="request-open-inspector"
                          title="The Inspector shows this request with the emulator's findings, its parameters and claims"
                          onClick={() => openInInspector(request.url, request.id)}
                        >
                          Open in Inspector
                        </Button>
                      </div>
                      {request.findings.length ? (
                        <>
                          <div className="result-section-title">{findingSummary(request.findings)}</div>
                          <FindingList findings={request.findings} testId="request-findings" />
                        </>
                      ) : (
                        <div className="request-detail-none">No findings.</div>
                      )}
                    </div>
                  ) : null}
                </li>
              )
            })}
          </ul>
        )}
      </div>
    </div>
  )
}

/** Who the URL says it is for (:email, or the JWT's sub/email), read without verifying anything. */
function claimedUser(url: string): string | null {
  try {
    const params = new URL(url).searchParams
    const email = params.get(':email')
    if (email) return email
    const payload = params.get(':jwt')?.split('.')[1]
    if (!payload) return null
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')))
    if (!claims || typeof claims !== 'object') return null
    const { sub, email: claimed } = claims as Record<string, unknown>
    return typeof claimed === 'string' ? claimed : typeof sub === 'string' ? sub : null
  } catch {
    return null
  }
}

/** The verified user; for a refused request, who the URL claimed to be (marked as unverified). */
function RequestUser({ request }: { request: EmulatorRequest }) {
  if (request.user) {
    return (
      <span className="request-user truncate" title={request.user}>
        {request.user}
      </span>
    )
  }
  const claimed = claimedUser(request.url)
  return (
    <span
      className="request-user truncate is-unverified"
      title={claimed ? `The URL claims ${claimed}; the host did not accept it` : 'No user: the request did not verify'}
    >
      {claimed ?? 'no user'}
    </span>
  )
}
