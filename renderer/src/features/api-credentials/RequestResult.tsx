import type { ApiRequestResult, VerifyVerdict } from '../../../../preload/contract'
import { Banner } from '../../ui/Banner'
import { CopyButton } from '../../ui/CopyButton'
import { Icon } from '../../ui/Icon'
import { ResultSection } from '../../ui/ResultSection'
import { TableHead } from '../../ui/TableHead'
import { formatDate, formatDateTimeLong } from '../../ui/format'

type Response = NonNullable<ApiRequestResult['response']>

interface RequestResultProps {
  result: ApiRequestResult
  mode: 'preview' | 'send'
  /** The form changed since: this result is of an earlier request. */
  stale: boolean
  credentialName: string
}

/** One run of the request runner, from what went out to what came back. */
export function RequestResult({ result, mode, stale, credentialName }: RequestResultProps) {
  const { request, response, error, verifier } = result
  const canonicalLabel = result.signing?.kind === 'aws4' ? 'canonical request' : 'string to sign'
  const sent = mode === 'send' && response !== null
  // Sent: what went out on the left, what came back on the right. Preview: the request and what was signed.
  const signingSection = result.signing ? (
    <ResultSection className="api-credentials-run-section" title="Signing" meta={result.signing.kind === 'aws4' ? 'AWS Signature Version 4' : 'HMAC-SHA256'} testId="result-signing">
      {result.signing.kind === 'aws4' ? (
        <>
          <CodeBlock label="Canonical request" value={result.signing.canonicalRequest} testId="signing-canonical-request" numbered />
          <CodeBlock label="String to sign" value={result.signing.stringToSign} testId="signing-string-to-sign" numbered />
          <dl className="api-credentials-kv-list">
            <dt>Credential scope</dt>
            <dd className="mono">{result.signing.credentialScope}</dd>
            <dt>Signed headers</dt>
            <dd className="mono">{result.signing.signedHeaders}</dd>
          </dl>
          <CodeBlock label="Signature" value={result.signing.signature} testId="signing-signature" />
        </>
      ) : (
        <>
          <CodeBlock label="String signed" value={result.signing.stringToSign} testId="signing-string-to-sign" numbered />
          <CodeBlock label="Signature" value={result.signing.signature} testId="signing-signature" />
        </>
      )}
    </ResultSection>
  ) : null

  return (
    <div className="api-credentials-request-result" data-testid="request-result" data-mode={mode} data-status={response?.status ?? ''}>
      <div className="result-bar api-credentials-run-bar">
        <div className="result-meta">
          {mode === 'preview' ? (
            <span className="badge badge-neutral" data-testid="result-preview-badge">
              <Icon name="search" size={12} />
              Preview — not sent
            </span>
          ) : response ? (
            <StatusBadge status={response.status} statusText={response.statusText} />
          ) : (
            <span className="badge badge-error" data-testid="result-status" data-status="failed">
              <span className="badge-dot" aria-hidden="true" />
              Failed{error ? ` · ${error.code}` : ''}
            </span>
          )}
          <code className="mono api-credentials-run-line truncate" title={`${request.method} ${request.url}`} data-testid="result-request-line">
            <span className="api-credentials-run-method">{request.method}</span> {request.url}
          </code>
          {response ? <span className="result-summary">{formatMs(response.timing.totalMs)}</span> : null}
          {stale ? (
            <span className="pill pill-warning" title="The form changed since: run it again to see the current request">
              Edited since
            </span>
          ) : null}
        </div>
        <span className="result-summary">with {credentialName}</span>
      </div>

      {verifier ? <VerdictBox verdict={verifier} diff={result.canonicalDiff} canonicalLabel={canonicalLabel} /> : null}

      {error ? (
        <Banner tone="error" title="No response" testId="result-error" className="api-credentials-result-error">
          <span data-testid="result-error-message" data-code={error.code}>
            {error.message}
          </span>{' '}
          <code className="code-danger">{error.code}</code>
        </Banner>
      ) : null}

      <div className={`api-credentials-run-columns${sent || result.signing ? ' is-split' : ''}`}>
        <div className="api-credentials-run-column">
          <ResultSection className="api-credentials-run-section" title="Request" meta={mode === 'send' ? 'as sent, secrets masked' : 'as it would be sent, secrets masked'} testId="result-request">
            <div className="path-box api-credentials-run-url">
              <code className="mono" data-testid="result-url">
                <span className="api-credentials-run-method">{request.method}</span> {request.url}
              </code>
              <CopyButton value={request.url} label="Copy the URL" testId="copy-url" />
            </div>
            <HeaderTable headers={request.headers} testId="result-request-headers" copyLabel="Copy the request headers" />
            {request.body ? <CodeBlock label="Body" value={request.body} testId="result-request-body" /> : <div className="api-credentials-run-none">No body.</div>}
          </ResultSection>

          {sent ? signingSection : null}

          <ResultSection className="api-credentials-run-section" title="Client certificate" testId="result-certificate">
            <div className={`url-verdict ${result.certificate.name ? 'is-selected' : 'is-none'}`}>
              <Icon name={result.certificate.name ? 'certificate' : 'ban'} size={16} className="url-verdict-icon" />
              <div className="url-verdict-text">
                <div className="url-verdict-head" data-testid="result-certificate-name">
                  {result.certificate.name ? (
                    <span>
                      Presents <strong>{result.certificate.name}</strong>
                    </span>
                  ) : (
                    'No client certificate'
                  )}
                </div>
                <p className="url-verdict-explanation" data-testid="result-certificate-explanation">
                  {result.certificate.explanation}
                </p>
              </div>
            </div>
          </ResultSection>
        </div>

        {sent ? (
          <div className="api-credentials-run-column">
            <ResponseView response={response} />
          </div>
        ) : result.signing ? (
          <div className="api-credentials-run-column">{signingSection}</div>
        ) : null}
      </div>
    </div>
  )
}

function StatusBadge({ status, statusText }: { status: number; statusText: string }) {
  const tone = status >= 200 && status < 300 ? 'success' : status >= 300 && status < 400 ? 'info' : status >= 400 && status < 500 ? 'warning' : 'error'
  return (
    <span className={`badge badge-${tone} api-credentials-status-badge`} data-testid="result-status" data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {status} {statusText}
    </span>
  )
}

function ResponseView({ response }: { response: Response }) {
  const { timing, tls } = response
  return (
    <>
      <ResultSection className="api-credentials-run-section" title="Response" meta={`${response.status} ${response.statusText}`} testId="result-response">
        <Timing timing={timing} />
        {tls ? (
          <dl className="api-credentials-kv-list tls-list" data-testid="result-tls">
            <dt>TLS</dt>
            <dd>
              {tls.protocol ?? '—'}
              {tls.cipher ? <span className="muted"> · {tls.cipher}</span> : null}
            </dd>
            <dt>Server trusted</dt>
            <dd data-testid="result-tls-authorized" data-authorized={tls.authorized}>
              {tls.authorized ? (
                <span className="yes-no is-yes">
                  <Icon name="check" size={13} />
                  Yes
                </span>
              ) : (
                <span className="yes-no is-no is-bad">
                  <Icon name="x" size={13} />
                  No{tls.authorizationError ? ` — ${tls.authorizationError}` : ''}
                </span>
              )}
            </dd>
            {tls.serverCertificate ? (
              <>
                <dt>Server certificate</dt>
                <dd className="subject-name" data-testid="result-server-subject">
                  {tls.serverCertificate.subject}
                </dd>
                <dt>Issued by</dt>
                <dd className="subject-name">{tls.serverCertificate.issuer}</dd>
                <dt>Expires</dt>
                <dd title={formatDateTimeLong(tls.serverCertificate.validTo)}>{formatDate(tls.serverCertificate.validTo)}</dd>
                <dt>SHA-256</dt>
                <dd className="fingerprint">
                  <code className="mono hex-text">{tls.serverCertificate.fingerprintSha256}</code>
                  <CopyButton value={tls.serverCertificate.fingerprintSha256} label="Copy the server certificate's SHA-256 fingerprint" />
                </dd>
              </>
            ) : null}
            <dt>Client certificate</dt>
            <dd data-testid="result-tls-client-cert">{tls.clientCertificatePresented ? 'Presented' : <span className="muted">Not presented</span>}</dd>
          </dl>
        ) : (
          <div className="api-credentials-run-none">Plain HTTP: no TLS.</div>
        )}
      </ResultSection>
      <ResultSection className="api-credentials-run-section" title="Response headers" meta={`${response.headers.length}`} testId="result-response-headers-section">
        <HeaderTable headers={response.headers} testId="result-response-headers" copyLabel="Copy the response headers" />
      </ResultSection>
      <ResultSection className="api-credentials-run-section" title="Response body" meta={response.bodyTruncated ? 'cut at 1 MB' : bodyMeta(response)} testId="result-response-body-section">
        {response.body ? <CodeBlock label="Body" value={prettyBody(response)} copyValue={response.body} testId="result-response-body" hideLabel /> : <div className="api-credentials-run-none">Empty.</div>}
      </ResultSection>
    </>
  )
}

function bodyMeta(response: Response): string {
  const type = response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  return type ? `${type.split(';')[0]} · ${response.body.length} characters` : `${response.body.length} characters`
}

/** JSON pretty-printed (as received when it does not parse). */
function prettyBody(response: Response): string {
  const type = response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
  const text = response.body
  if (!/json/i.test(type) && !/^\s*[[{]/.test(text)) return text
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** Connect, TLS, first byte and total as a waterfall; each time counts from the start. */
function Timing({ timing }: { timing: Response['timing'] }) {
  const total = Math.max(timing.totalMs, 0.1)
  const connect = timing.connectMs ?? 0
  const tls = timing.tlsMs ?? connect
  const first = Math.max(timing.firstByteMs, tls)
  const segments: { name: string; from: number; to: number; className: string }[] = [
    { name: 'Connect', from: 0, to: connect, className: 'is-connect' },
    { name: 'TLS', from: connect, to: tls, className: 'is-tls' },
    { name: 'Waiting', from: tls, to: first, className: 'is-wait' },
    { name: 'Download', from: first, to: total, className: 'is-download' }
  ]
  return (
    <div className="api-credentials-timing" data-testid="result-timing">
      <div className="api-credentials-timing-bar" aria-hidden="true">
        {segments.map((segment) =>
          segment.to > segment.from ? (
            <span key={segment.name} className={`api-credentials-timing-seg ${segment.className}`} style={{ left: `${(segment.from / total) * 100}%`, width: `${((segment.to - segment.from) / total) * 100}%` }} title={`${segment.name}: ${formatMs(segment.to - segment.from)}`} />
          ) : null
        )}
      </div>
      <dl className="api-credentials-timing-values">
        <TimingValue label="Connect" value={timing.connectMs} className="is-connect" />
        <TimingValue label="TLS" value={timing.tlsMs} className="is-tls" />
        <TimingValue label="First byte" value={timing.firstByteMs} className="is-wait" />
        <TimingValue label="Total" value={timing.totalMs} className="is-download" />
      </dl>
    </div>
  )
}

function TimingValue({ label, value, className }: { label: string; value: number | null; className: string }) {
  return (
    <div className="api-credentials-timing-value">
      <dt>
        <span className={`api-credentials-timing-key ${className}`} aria-hidden="true" />
        {label}
      </dt>
      <dd className="mono">{value === null ? '—' : formatMs(value)}</dd>
    </div>
  )
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`
}

/** The local verification server's verdict, and where our canonical request differs from its own. */
function VerdictBox({ verdict, diff, canonicalLabel }: { verdict: VerifyVerdict; diff: ApiRequestResult['canonicalDiff']; canonicalLabel: string }) {
  const serverText = verdict.canonicalRequest ?? verdict.stringToSign
  const serverLabel = verdict.canonicalRequest ? 'canonical request' : 'string to sign'
  const client = verdict.clientCertificate
  return (
    <section className={`api-credentials-verdict-box ${verdict.ok ? 'is-ok' : 'is-fail'}`} data-testid="verdict-box" data-ok={verdict.ok} aria-label="Verification server verdict">
      <div className="api-credentials-verdict-head">
        <Icon name={verdict.ok ? 'success' : 'error'} size={16} className="api-credentials-verdict-icon" />
        <div className="api-credentials-verdict-title">
          <span className="api-credentials-verdict-label">Verification server</span>
          <strong data-testid="verdict-result">{verdict.ok ? 'OK — the request verifies' : `Refused: ${verdict.problems.length} ${verdict.problems.length === 1 ? 'problem' : 'problems'}`}</strong>
        </div>
        <span className="api-credentials-verdict-meta">
          <span className="tag" title="The scheme the server read from the request">
            {verdict.scheme}
          </span>
          <span className="muted small" title={client.error ?? undefined}>
            {client.presented ? `client certificate: ${client.subject ?? 'presented'}${client.authorized ? '' : ' (not authorized)'}` : 'no client certificate'}
          </span>
        </span>
      </div>
      {verdict.problems.length ? (
        <ul className="api-credentials-verdict-problems" data-testid="verdict-problems">
          {verdict.problems.map((problem, index) => (
            <li key={index} data-testid="verdict-problem">
              {problem}
            </li>
          ))}
        </ul>
      ) : null}
      {diff && diff.length ? (
        <div className="api-credentials-canonical-diff" data-testid="canonical-diff">
          <div className="result-section-title">
            Where our {canonicalLabel} differs from the server’s
            <span className="result-section-meta">
              {diff.length} {diff.length === 1 ? 'line' : 'lines'}
            </span>
          </div>
          <div className="table-wrap">
            <table className="data-table compact-table api-credentials-diff-lines" data-testid="canonical-diff-table">
              <TableHead columns={[{ label: 'Line', col: 'api-credentials-w-diff-line' }, { label: 'Ours (client)' }, { label: 'Server' }]} />
              <tbody>
                {diff.map((line, index) => (
                  <tr key={index} data-testid="canonical-diff-row" data-line={line.line}>
                    <td className="mono api-credentials-diff-line-no">{line.line}</td>
                    <td className="mono api-credentials-diff-line-text">
                      <Marked value={line.ours} other={line.server} />
                    </td>
                    <td className="mono api-credentials-diff-line-text">
                      <Marked value={line.server} other={line.ours} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {serverText && !verdict.ok ? (
        <details className="disclosure api-credentials-verdict-server-text">
          <summary>
            <Icon name="chevron" size={12} className="disclosure-chevron" />
            The server’s {serverLabel}
          </summary>
          <CodeBlock label={`Server ${serverLabel}`} value={serverText} testId="verdict-server-text" numbered hideLabel />
        </details>
      ) : null}
    </section>
  )
}

/** `value` with the run that differs from `other` (between their common prefix and suffix) marked. */
function Marked({ value, other }: { value: string; other: string }) {
  if (value === '') return <span className="faint">{other === '' ? '(empty line)' : '(no such line)'}</span>
  let start = 0
  while (start < value.length && start < other.length && value[start] === other[start]) start++
  let end = 0
  while (end < value.length - start && end < other.length - start && value[value.length - 1 - end] === other[other.length - 1 - end]) end++
  const middle = value.slice(start, value.length - end)
  return (
    <>
      {value.slice(0, start)}
      {middle ? <mark className="diff-mark">{middle}</mark> : <span className="api-credentials-diff-gap" title="Missing here" />}
      {value.slice(value.length - end)}
    </>
  )
}

function HeaderTable({ headers, testId, copyLabel }: { headers: [string, string][]; testId: string; copyLabel: string }) {
  if (!headers.length) return <div className="api-credentials-run-none">No headers.</div>
  return (
    <div className="api-credentials-header-table-wrap">
      <table className="data-table compact-table api-credentials-header-table" data-testid={testId}>
        <TableHead columns={[{ label: 'Header', col: 'api-credentials-w-header-name' }, { label: 'Value' }]} />
        <tbody>
          {headers.map(([name, value], index) => (
            <tr key={`${name}:${index}`} data-testid="header-row" data-name={name.toLowerCase()}>
              <td className="mono api-credentials-header-name">{name}</td>
              <td className="mono api-credentials-header-value">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CopyButton value={headers.map(([name, value]) => `${name}: ${value}`).join('\n')} label={copyLabel} className="api-credentials-header-table-copy" />
    </div>
  )
}

/** A monospace block with a copy button; `numbered` shows line numbers (for comparing by line). */
export function CodeBlock({ label, value, testId, numbered, hideLabel, copyValue }: { label: string; value: string; testId: string; numbered?: boolean; hideLabel?: boolean; copyValue?: string }) {
  const lines = value.split('\n')
  return (
    <div className="api-credentials-code-block">
      <div className={`api-credentials-code-block-head${hideLabel ? ' is-bare' : ''}`}>
        {hideLabel ? null : <span className="api-credentials-code-block-label">{label}</span>}
        <CopyButton value={copyValue ?? value} label={`Copy ${label.toLowerCase()}`} text="Copy" testId={`${testId}-copy`} />
      </div>
      {numbered ? (
        <pre className="code-box mono api-credentials-code-numbered" data-testid={testId}>
          {lines.map((line, index) => (
            <span className="api-credentials-code-line" key={index}>
              {line}
            </span>
          ))}
        </pre>
      ) : (
        <pre className="code-box mono" data-testid={testId}>
          {value}
        </pre>
      )}
    </div>
  )
}
