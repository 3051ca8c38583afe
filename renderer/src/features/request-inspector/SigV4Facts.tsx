/** What a SigV4 signature says about itself: where it is, whose key, its scope, what it signs, when. */
import type { RequestInspection } from '../../../../preload/contract'
import { formatDateTimeLong, formatDuration, shortenMiddle } from '../../ui/format'
import { ResultSection } from '../../ui/ResultSection'
import { amzDateToIso } from './words'

type SigV4 = NonNullable<RequestInspection['sigv4']>

/** The expiry against the time judged: "expired 45 min before", "valid 10 min more". */
function expiryWords(expiresAt: string, asOf: string): { text: string; expired: boolean } {
  const seconds = Math.round((Date.parse(expiresAt) - Date.parse(asOf)) / 1000)
  if (Number.isNaN(seconds)) return { text: '', expired: false }
  return seconds < 0
    ? { text: `expired ${formatDuration(-seconds)} before the time judged`, expired: true }
    : { text: `${formatDuration(seconds)} left at the time judged`, expired: false }
}

export function SigV4Facts({ sigv4, asOf, arrivedHeaders }: { sigv4: SigV4; asOf: string; arrivedHeaders: string[] }) {
  const signedAt = amzDateToIso(sigv4.signedAt)
  const expiry = sigv4.expiresAt ? expiryWords(sigv4.expiresAt, asOf) : null
  const [date, region, service] = sigv4.scope.split('/')
  return (
    <ResultSection level={2} title="AWS Signature V4" testId="ri-sigv4">
      <dl className="request-inspector-facts">
        <dt>In</dt>
        <dd data-testid="ri-sigv4-in" data-in={sigv4.in}>
          {sigv4.in === 'header' ? 'the Authorization header' : 'the query (a presigned URL)'}
        </dd>
        <dt>Access key</dt>
        <dd className="mono" data-testid="ri-sigv4-access-key">
          {sigv4.accessKeyId}
        </dd>
        <dt>Scope</dt>
        <dd>
          <span className="mono" data-testid="ri-sigv4-scope">
            {sigv4.scope}
          </span>
          {region && service ? (
            <span className="request-inspector-facts-aside">
              {service} in {region}, {date}
            </span>
          ) : null}
        </dd>
        <dt>Signed headers</dt>
        <dd>
          <span className="chips" data-testid="ri-sigv4-signed-headers">
            {sigv4.signedHeaders.map((name) => (
              <span
                key={name}
                className={`chip chip-sm mono${arrivedHeaders.includes(name) ? '' : ' request-inspector-chip-missing'}`}
                title={arrivedHeaders.includes(name) ? undefined : 'Signed, but not in the request as it arrived'}
                data-testid="ri-signed-header"
                data-name={name}
              >
                {name}
                {arrivedHeaders.includes(name) ? null : <span className="visually-hidden"> (missing)</span>}
              </span>
            ))}
          </span>
        </dd>
        <dt>Signed at</dt>
        <dd data-testid="ri-sigv4-signed-at">
          {signedAt ? formatDateTimeLong(signedAt) : 'cannot be read'}
          <span className="request-inspector-facts-aside mono">{sigv4.signedAt}</span>
        </dd>
        <dt>Expires at</dt>
        <dd data-testid="ri-sigv4-expires-at" data-expired={expiry?.expired ?? ''}>
          {sigv4.expiresAt ? (
            <>
              {formatDateTimeLong(sigv4.expiresAt)}
              {expiry?.text ? (
                <span className={`pill ${expiry.expired ? 'pill-error' : 'pill-ok'} request-inspector-pill`}>
                  {expiry.text}
                </span>
              ) : null}
            </>
          ) : (
            <span className="muted">no expiry of its own (a header signature: clock skew decides)</span>
          )}
        </dd>
        <dt>Signature</dt>
        <dd className="mono" title={sigv4.signature} data-testid="ri-sigv4-signature">
          {shortenMiddle(sigv4.signature, 12, 12)}
        </dd>
      </dl>
    </ResultSection>
  )
}
