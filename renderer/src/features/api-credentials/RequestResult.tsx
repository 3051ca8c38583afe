import type { ApiRequestResult, VerifyVerdict } from '../../../../preload/contract'
import { Banner } from '../../ui/Banner'
import { CopyButton } from '../../ui/CopyButton'
import { Icon } from '../../ui/Icon'
import { ResultSection } from '../../ui/ResultSection'
import { formatDate, formatDateTimeLong } from '../../ui/format'
import { CodeBlock, HeaderTable } from './CodeBlock'
import { Timing, formatMs } from './RequestTiming'
import { VerdictBox } from './VerifierVerdict'
import { curlCommand } from './curl'

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
    <ResultSection
      level={2}
      className="api-credentials-run-section"
      title="Signing"
      meta={result.signing.kind === 'aws4' ? 'AWS Signature Version 4' : 'HMAC-SHA256'}
      testId="result-signing"
    >
      {result.signing.kind === 'aws4' ? (
        <>
          <CodeBlock
            label="Canonical request"
            value={result.signing.canonicalRequest}
            testId="signing-canonical-request"
            numbered
          />
          <CodeBlock
            label="String to sign"
            value={result.signing.stringToSign}
            testId="signing-string-to-sign"
            numbered
          />
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
          <CodeBlock
            label="String signed"
            value={result.signing.stringToSign}
            testId="signing-string-to-sign"
            numbered
          />
          <CodeBlock label="Signature" value={result.signing.signature} testId="signing-signature" />
        </>
      )}
    </ResultSection>
  ) : null

  return (
    <div
      className="api-credentials-request-result"
      data-testid="request-result"
      data-mode={mode}
      data-status={response?.status ?? ''}
    >
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
          <code
            className="mono api-credentials-run-line truncate"
            title={`${request.method} ${request.url}`}
            data-testid="result-request-line"
          >
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
          <ResultSection
            level={2}
            className="api-credentials-run-section"
            title="Request"
            meta={mode === 'send' ? 'as sent, secrets masked' : 'as it would be sent, secrets masked'}
            testId="result-request"
          >
            <div className="path-box api-credentials-run-url">
              <code className="mono" data-testid="result-url">
                <span className="api-credentials-run-method">{request.method}</span> {request.url}
              </code>
              <CopyButton value={request.url} label="Copy the URL" testId="copy-url" />
              <CopyButton
                value={curlCommand(request, credentialName).command}
                label="Copy as cURL (secrets as environment variables)"
                text="cURL"
                testId="copy-curl"
              />
            </div>
            <HeaderTable
              headers={request.headers}
              testId="result-request-headers"
              copyLabel="Copy the request headers"
            />
            {request.body ? (
              <CodeBlock label="Body" value={request.body} testId="result-request-body" />
            ) : (
              <div className="api-credentials-run-none">No body.</div>
            )}
          </ResultSection>

          {sent ? signingSection : null}

          <ResultSection
            level={2}
            className="api-credentials-run-section"
            title="Client certificate"
            testId="result-certificate"
          >
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
            <ResponseView response={response} verifier={verifier} />
          </div>
        ) : result.signing ? (
          <div className="api-credentials-run-column">{signingSection}</div>
        ) : null}
      </div>
    </div>
  )
}

function StatusBadge({ status, statusText }: { status: number; statusText: string }) {
  const tone =
    status >= 200 && status < 300
      ? 'success'
      : status >= 300 && status < 400
        ? 'info'
        : status >= 400 && status < 500
          ? 'warning'
          : 'error'
  return (
    <span
      className={`badge badge-${tone} api-credentials-status-badge`}
      data-testid="result-status"
      data-status={status}
    >
      <span className="badge-dot" aria-hidden="true" />
      {status} {statusText}
    </span>
  )
}

/**
 * What became of the client certificate. The client only knows it offered one; whether the server
 * asked for it (and so received it) only the verification server says.
 */
function clientCertificateWords(offered: boolean, verifier: VerifyVerdict | null): { state: string; text: string } {
  if (verifier?.clientCertificate.presented) return { state: 'presented', text: 'Presented: the server received it' }
  if (!offered) return { state: 'none', text: 'Not presented' }
  if (verifier) return { state: 'not-requested', text: 'Offered, but the server did not ask for one' }
  return { state: 'offered', text: 'Offered if the server asks (this server does not say whether it did)' }
}

function ResponseView({ response, verifier }: { response: Response; verifier: VerifyVerdict | null }) {
  const { timing, tls } = response
  return (
    <>
      <ResultSection
        level={2}
        className="api-credentials-run-section"
        title="Response"
        meta={`${response.status} ${response.statusText}`}
        testId="result-response"
      >
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
                <dd title={formatDateTimeLong(tls.serverCertificate.validTo)}>
                  {formatDate(tls.serverCertificate.validTo)}
                </dd>
                <dt>SHA-256</dt>
                <dd className="fingerprint">
                  <code className="mono hex-text">{tls.serverCertificate.fingerprintSha256}</code>
                  <CopyButton
                    value={tls.serverCertificate.fingerprintSha256}
                    label="Copy the server certificate's SHA-256 fingerprint"
                  />
                </dd>
              </>
            ) : null}
            <dt>Client certificate</dt>
            <ClientCertificateState offered={tls.clientCertificateOffered} verifier={verifier} />
          </dl>
        ) : (
          <div className="api-credentials-run-none">Plain HTTP: no TLS.</div>
        )}
      </ResultSection>
      <ResultSection
        level={2}
        className="api-credentials-run-section"
        title="Response headers"
        meta={`${response.headers.length}`}
        testId="result-response-headers-section"
      >
        <HeaderTable
          headers={response.headers}
          testId="result-response-headers"
          copyLabel="Copy the response headers"
        />
      </ResultSection>
      <ResultSection
        level={2}
        className="api-credentials-run-section"
        title="Response body"
        meta={response.bodyTruncated ? 'cut at 1 MB' : bodyMeta(response)}
        testId="result-response-body-section"
      >
        {response.body ? (
          <CodeBlock
            label="Body"
            value={prettyBody(response)}
            copyValue={response.body}
            testId="result-response-body"
            hideLabel
          />
        ) : (
          <div className="api-credentials-run-none">Empty.</div>
        )}
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

function ClientCertificateState({ offered, verifier }: { offered: boolean; verifier: VerifyVerdict | null }) {
  const { state, text } = clientCertificateWords(offered, verifier)
  return (
    <dd data-testid="result-tls-client-cert" data-state={state}>
      {state === 'presented' ? text : <span className="muted">{text}</span>}
    </dd>
  )
}
