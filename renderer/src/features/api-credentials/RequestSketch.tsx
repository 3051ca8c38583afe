import type { ReactNode } from 'react'
import { contentTypeMime, separatorText, type ApiCredentialDraft } from './apiCredentialDraft'

/** The headers a request will carry, with placeholders for what is computed per request. */
export function RequestSketch({ draft }: { draft: ApiCredentialDraft }) {
  const rows: [string, ReactNode][] = [['Content-Type', `${contentTypeMime(draft.contentType)} (with a body)`]]
  for (const header of draft.headers) if (header.name.trim()) rows.push([header.name.trim(), header.value])
  const secret = <span className="api-credentials-sketch-secret">secret</span>
  let note: ReactNode = null
  const f = draft.fields
  switch (draft.type) {
    case 'none':
      note = 'No authentication header.'
      break
    case 'headers':
      rows.push([f.headerName.trim() || 'header name', secret])
      break
    case 'basic':
      rows.push([
        'Authorization',
        <>
          Basic base64({f.username || 'username'}:{secret})
        </>
      ])
      break
    case 'bearer':
      rows.push([
        f.bearerHeaderName.trim() || 'Authorization',
        <>
          {f.scheme.trim() ? `${f.scheme.trim()} ` : ''}
          {secret}
        </>
      ])
      break
    case 'aws4':
      rows.push(['Host', 'from the URL'], ['X-Amz-Date', 'now, e.g. 20250101T120000Z'])
      if (f.sigv4.payload !== 'hash')
        rows.push(['X-Amz-Content-Sha256', f.sigv4.payload === 'unsigned' ? 'UNSIGNED-PAYLOAD' : 'SHA-256 of the body'])
      rows.push([
        'Authorization',
        <>
          AWS4-HMAC-SHA256 Credential={f.accessKeyId || 'access key'}/date/{f.region || 'region'}/
          {f.service || 'service'}/aws4_request, SignedHeaders=…, Signature=…
        </>
      ])
      note = (
        <>
          Signed with AWS Signature Version 4
          {f.endpoint.trim() ? (
            <>
              {' '}
              and sent to <code>{f.endpoint.trim()}</code> instead of the base URL
            </>
          ) : null}
          . The runner shows the canonical request and the string to sign
          {f.sigv4.path === 'as-sent' ? '; the path is signed as sent (S3)' : ''}
          {f.sigv4.sessionToken === 'after-signing' ? '; the session token is added after signing' : ''}.
        </>
      )
      break
    case 'hmac': {
      const o = f.options
      rows.push(
        [o.clientIdHeader, f.clientId || 'client id'],
        [o.timestampHeader, o.timestampFormat === 'unix' ? 'now, Unix seconds' : 'now, ISO 8601'],
        [o.signatureHeader, `${o.encoding}(HMAC-SHA256(secret, string to sign))`]
      )
      note = (
        <>
          String to sign:{' '}
          <code className="api-credentials-sketch-template">
            {o.parts
              .map(
                (part) =>
                  ({
                    method: 'METHOD',
                    path: 'path',
                    query: 'query',
                    timestamp: 'timestamp',
                    bodyHash: 'sha256(body)',
                    clientId: 'client id'
                  })[part]
              )
              .join(` ${separatorText(o.separator)} `)}
          </code>
        </>
      )
      break
    }
  }
  return (
    <div className="request-sketch" data-testid="request-sketch">
      <dl className="api-credentials-sketch-headers">
        {rows.map(([name, value], index) => (
          <div className="api-credentials-sketch-row" key={`${name}:${index}`}>
            <dt className="mono">{name}</dt>
            <dd className="mono">{value}</dd>
          </div>
        ))}
      </dl>
      {note ? <p className="api-credentials-sketch-note">{note}</p> : null}
      {draft.orgSpecific ? (
        <p className="api-credentials-sketch-note">
          Org-specific: the keys come from the organization the request chooses.
        </p>
      ) : null}
      <p className="api-credentials-sketch-note muted">
        A client certificate is presented when one’s authorized domains match the host (Certificates screen). Secrets
        are stored encrypted and shown masked.
      </p>
    </div>
  )
}
