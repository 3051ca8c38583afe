/** The verification server's live log: one row per request, its verdict and why. */
import { useState, type ReactNode } from 'react'
import type { VerifyVerdict } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { formatClockTime, formatDateTimeLong } from '../../ui/format'
import { CodeBlock } from './CodeBlock'

export function VerdictLog({
  verdicts,
  running,
  url
}: {
  verdicts: VerifyVerdict[]
  running: boolean
  url: string | null
}) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set())
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current)
      if (!next.delete(id)) next.add(id)
      return next
    })
  const failed = verdicts.filter((verdict) => !verdict.ok).length
  return (
    <div className="log-pane api-credentials-verdict-log" data-testid="verdict-log">
      <div className="log-toolbar">
        <span className="log-count" data-testid="verdict-count">
          {verdicts.length} {verdicts.length === 1 ? 'request' : 'requests'}
          {failed ? <span className="log-count-bad"> · {failed} refused</span> : null}
        </span>
        {running ? (
          <span className="log-live" title="Polled every second">
            <span className="live-dot" aria-hidden="true" />
            Live
          </span>
        ) : null}
      </div>
      {verdicts.length === 0 ? (
        <div className="log-empty" data-testid="verdict-log-empty">
          {running && url ? (
            <>
              No requests yet. Send one from the runner with a credential whose base URL is <code>{url}</code>, or from
              your own client.
            </>
          ) : (
            'The server has not answered any request. Its log starts again with each start.'
          )}
        </div>
      ) : (
        <ul className="log-list" aria-label="Verification server verdicts">
          {verdicts.map((verdict) => {
            const expanded = open.has(verdict.id)
            const serverText = verdict.canonicalRequest ?? verdict.stringToSign
            return (
              <li
                key={verdict.id}
                className={`log-row api-credentials-verdict-row ${verdict.ok ? 'is-ok' : 'is-fail'}${expanded ? ' is-open' : ''}`}
                data-testid="verdict-row"
                data-ok={verdict.ok}
              >
                <button
                  type="button"
                  className="log-row-summary api-credentials-verdict-summary"
                  aria-expanded={expanded}
                  onClick={() => toggle(verdict.id)}
                >
                  <Icon name="chevron" size={12} className="disclosure-chevron" />
                  <span className="log-time mono" title={formatDateTimeLong(verdict.at)}>
                    {formatClockTime(verdict.at)}
                  </span>
                  <span
                    className={`pill ${verdict.ok ? 'pill-ok' : 'pill-error'}`}
                    data-testid="verdict-row-result"
                    title={`Answered HTTP ${verdict.status}`}
                  >
                    {verdict.ok ? 'OK' : 'FAIL'} {verdict.status}
                  </span>
                  <span
                    className="api-credentials-verdict-request mono truncate"
                    title={`${verdict.method} ${verdict.path}`}
                  >
                    <span className="api-credentials-run-method">{verdict.method}</span> {verdict.path}
                  </span>
                  <span className="api-credentials-verdict-scheme tag" title="The scheme the server read">
                    {verdict.scheme}
                  </span>
                  <span
                    className="api-credentials-verdict-cert truncate"
                    title={verdict.clientCertificate.error ?? undefined}
                  >
                    {verdict.clientCertificate.presented ? (
                      <>
                        <Icon name="certificate" size={11} />{' '}
                        {verdict.clientCertificate.subject ?? 'client certificate'}
                      </>
                    ) : (
                      <span className="faint">no client cert</span>
                    )}
                  </span>
                  {verdict.problems.length ? (
                    <span className="api-credentials-verdict-first-problem" data-testid="verdict-row-problem">
                      {verdict.problems[0]}
                      {verdict.problems.length > 1 ? (
                        <span className="muted"> (+{verdict.problems.length - 1} more)</span>
                      ) : null}
                    </span>
                  ) : null}
                </button>
                {expanded ? (
                  <div className="request-detail api-credentials-verdict-detail">
                    {verdict.problems.length ? (
                      <ul className="api-credentials-verdict-problems">
                        {verdict.problems.map((problem, index) => (
                          <li key={index}>{problem}</li>
                        ))}
                      </ul>
                    ) : (
                      <div className="request-detail-none">
                        No problems: the signature, timestamp and client certificate check out.
                      </div>
                    )}
                    {verdict.clientCertificate.presented ? (
                      <Detail label="Client certificate">
                        {verdict.clientCertificate.subject} —{' '}
                        {verdict.clientCertificate.authorized
                          ? 'issued by the configured CA'
                          : (verdict.clientCertificate.error ?? 'not verified')}
                      </Detail>
                    ) : null}
                    {serverText ? (
                      <CodeBlock
                        label={verdict.canonicalRequest ? 'Server canonical request' : 'Server string to sign'}
                        value={serverText}
                        testId="verdict-log-server-text"
                        numbered
                      />
                    ) : null}
                  </div>
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="api-credentials-verdict-detail-row">
      <span className="muted">{label}:</span> {children}
    </div>
  )
}

export function commonNameOf(subject: string): string {
  const match = /(?:^|,\s*|\n)CN=([^,\n]+)/.exec(subject)
  return match ? match[1]!.trim() : subject
}
