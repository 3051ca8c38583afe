import { useState } from 'react'
import type { Finding } from '../../../../preload/contract'
import type { SignedWithFindings } from '../../shared/signing/signedEmbed'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { FindingList, findingSummary } from '../../ui/FindingList'
import { ResultSection } from '../../ui/ResultSection'
import { Icon } from '../../ui/Icon'
import { TableHead, type Column } from '../../ui/TableHead'
import { UrlText } from '../../ui/UrlText'
import { useNow } from '../../ui/useNow'
import { formatCountdown, formatUnixTime } from '../../ui/format'

const signedColumns: Column[] = [
  { label: 'Name', col: 'w-param-name' },
  { label: 'Value (decoded)' },
  { label: <span className="visually-hidden">Copy</span>, col: 'signing-w-copy' }
]

interface SignedResultProps {
  signed: SignedWithFindings
  personaName: string
  credentialName: string
  /** Set when the form changed since signing: the URL no longer matches it. */
  stale: boolean
  pending: boolean
  onResign: () => void
  onOpenInInspector: () => void
  /** Loads the same target, credential, method and persona in the Preview (signed afresh there). */
  onLoadInPreview: () => void
  /** The embed API for this persona and these options, as a program in the customer's language. */
  onExportCode: () => void
}

/** The one-time URL, how long it lives, what the inspector says about it and what it carries. */
export function SignedResult({
  signed,
  personaName,
  credentialName,
  stale,
  pending,
  onResign,
  onOpenInInspector,
  onLoadInPreview,
  onExportCode
}: SignedResultProps) {
  const now = useNow(true)
  // The finding picked in this result: a new result starts with none.
  const [picked, setPicked] = useState<{ signed: SignedWithFindings; finding: Finding | null } | null>(null)
  const highlight = picked?.signed === signed ? picked.finding : null
  const setHighlight = (finding: Finding | null) => setPicked({ signed, finding })
  const left = signed.expiresAt - now / 1000
  const expired = left <= 0

  return (
    <div
      className={`signing-result${pending ? ' is-pending' : ''}`}
      data-testid="sign-result"
      data-method={signed.method}
    >
      <div className="result-bar">
        <div className="result-meta">
          <span className="badge badge-outline">{signed.method === 'url' ? 'Signed URL' : 'JWT'}</span>
          <span className="result-for">
            for <strong>{personaName}</strong> with <strong>{credentialName}</strong>
          </span>
          <span
            className={`countdown${expired ? ' is-expired' : left < 60 ? ' is-ending' : ''}`}
            title={`Expires ${formatUnixTime(signed.expiresAt)}`}
            data-testid="expires-in"
          >
            <Icon name="clock" size={13} />
            {expired ? `expired ${formatCountdown(-left)} ago` : `expires in ${formatCountdown(left)}`}
          </span>
        </div>
        <div className="signing-result-actions">
          <Button
            size="sm"
            icon="frame"
            onClick={onLoadInPreview}
            testId="load-in-preview"
            title="Load it in the Preview, signed afresh there (this URL is single-use)"
          >
            Load in Preview
          </Button>
          <Button size="sm" icon="search" onClick={onOpenInInspector} testId="open-in-inspector">
            Open in Inspector
          </Button>
          <Button
            size="sm"
            icon="file"
            onClick={onExportCode}
            testId="export-code"
            title="The embed API that signs this URL, in Node.js, Python, Java, C#, Go, Ruby or PHP"
          >
            Code
          </Button>
          <CopyButton
            value={signed.url}
            label="Copy one-time URL"
            text="Copy one-time URL"
            testId="copy-signed-url"
            className="btn-primary btn-copy-primary"
          />
        </div>
      </div>

      {stale ? (
        <div className="stale-note" role="status" data-testid="sign-stale">
          <Icon name="warning" size={13} />
          <span>The form changed since this URL was signed.</span>
          <button type="button" className="btn btn-sm" onClick={onResign} disabled={pending}>
            Sign again
          </button>
        </div>
      ) : null}

      <div
        className="code-box url-box mono"
        data-testid="signed-url"
        role="group"
        aria-label="Signed embed URL (one-time)"
      >
        <UrlText url={signed.url} />
      </div>
      <p className="signing-result-hint">
        One-time: the host refuses it after the first load{signed.method === 'url' ? ' (nonce)' : ' (jti)'}. It is not
        stored anywhere; sign again for a fresh one.
      </p>

      <ResultSection level={2} title="Findings" meta={signed.findings.length ? findingSummary(signed.findings) : null}>
        {signed.findings.length ? (
          <FindingList findings={signed.findings} selected={highlight} onSelect={setHighlight} />
        ) : (
          <div className="all-clear" data-testid="no-findings">
            <Icon name="success" size={14} />
            No findings: the inspector accepts this URL as the host would.
          </div>
        )}
      </ResultSection>

      <ResultSection level={2} title="Parameters" meta={`${signed.params.length}`}>
        <div className="table-wrap">
          <table className="data-table param-table signed-params" data-testid="signed-params">
            <TableHead columns={signedColumns} />
            <tbody>
              {signed.params.map((param, index) => (
                <tr
                  key={`${param.name}-${index}`}
                  data-testid="signed-param"
                  data-name={param.name}
                  className={highlight?.param === param.name ? 'is-highlighted' : undefined}
                >
                  <td className="mono param-name">{param.name}</td>
                  <td className="mono param-value">{param.value || <span className="faint">(empty)</span>}</td>
                  <td className="signing-col-copy">
                    <CopyButton value={param.value} label={`Copy ${param.name}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ResultSection>

      {signed.jwt ? (
        <ResultSection level={2} title="JWT" meta={`issued ${formatUnixTime(signed.issuedAt)}`}>
          <div className="signing-jwt-parts">
            <JsonBlock title="Header" value={signed.jwt.header} testId="signed-jwt-header" />
            <JsonBlock title="Claims" value={signed.jwt.payload} testId="signed-jwt-claims" />
          </div>
        </ResultSection>
      ) : null}
    </div>
  )
}

function JsonBlock({ title, value, testId }: { title: string; value: Record<string, unknown>; testId: string }) {
  const json = JSON.stringify(value, null, 2)
  return (
    <div className="signing-json-block">
      <div className="signing-json-block-head">
        <span>{title}</span>
        <CopyButton value={json} label={`Copy the ${title.toLowerCase()} as JSON`} />
      </div>
      <pre className="code-box mono" data-testid={testId}>
        {json}
      </pre>
    </div>
  )
}
