import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { FindingList, findingSummary } from '../../ui/FindingList'
import { Icon } from '../../ui/Icon'
import { formatCountdown, formatUnixTime } from '../../ui/format'
import type { SignedWithFindings } from '../../shared/signing/signedEmbed'
import { UrlText } from '../../ui/UrlText'
import { useNow } from '../../ui/useNow'

/** A URL the preview signed: the one a frame loaded (used), or a fresh one for copying. */
export interface PreviewUrl {
  key: string
  personaName: string
  credentialName: string
  signed: SignedWithFindings
  /** True once a frame has loaded it: the host refuses it a second time. */
  used: boolean
}

interface UrlPanelProps {
  urls: readonly PreviewUrl[]
  /** Signs a fresh URL for this one's persona, for copying (nothing loads it). */
  onFresh: (key: string) => void
  freshPending: string | null
  onOpenInInspector: (url: string) => void
}

/** The signed URL of each frame, what became of it, and a fresh one on request. */
export function UrlPanel({ urls, onFresh, freshPending, onOpenInInspector }: UrlPanelProps) {
  const now = useNow(urls.length > 0) / 1000
  if (!urls.length) {
    return (
      <div className="log-empty preview-panel-empty">
        Load the preview: the signed URL each frame loaded shows here, with a way to copy a fresh one.
      </div>
    )
  }
  return (
    <div className="preview-url-panel">
      {urls.map(({ key, personaName, credentialName, signed, used }) => {
        const left = signed.expiresAt - now
        return (
          <section
            className="preview-url-item"
            key={key}
            data-testid="preview-url-item"
            data-persona={personaName}
            data-used={used}
          >
            <div className="preview-url-item-head">
              <span className="badge badge-outline">{signed.method === 'url' ? 'Signed URL' : 'JWT'}</span>
              <span className="result-for">
                <strong>{personaName}</strong> · {credentialName}
              </span>
              <span
                className={`countdown${left <= 0 ? ' is-expired' : left < 60 ? ' is-ending' : ''}`}
                title={`Expires ${formatUnixTime(signed.expiresAt)}`}
              >
                <Icon name="clock" size={12} />
                {left <= 0 ? 'expired' : formatCountdown(left)}
              </span>
            </div>
            <div
              className="code-box url-box mono"
              data-testid="preview-url"
              role="group"
              aria-label={`Signed embed URL for ${personaName}`}
            >
              <UrlText url={signed.url} />
            </div>
            {used ? (
              <div className="stale-note preview-used-note" data-testid="preview-url-used">
                <Icon name="warning" size={13} />
                <span>
                  Already used by the preview: the host refuses it a second time (
                  {signed.method === 'url' ? 'nonce' : 'jti'}). Copy a fresh one.
                </span>
              </div>
            ) : (
              <div className="stale-note preview-fresh-note" data-testid="preview-url-fresh">
                <Icon name="success" size={13} />
                <span>Fresh: nothing has loaded it. One-time: the host accepts it once.</span>
              </div>
            )}
            <div className="preview-url-item-actions">
              <Button
                size="sm"
                icon="refresh"
                onClick={() => onFresh(key)}
                disabled={freshPending === key}
                testId="preview-copy-fresh"
              >
                {freshPending === key ? 'Signing…' : used ? 'Sign a fresh URL to copy' : 'Sign another'}
              </Button>
              <Button
                size="sm"
                icon="search"
                variant="ghost"
                onClick={() => onOpenInInspector(signed.url)}
                testId="preview-open-inspector"
              >
                Open in Inspector
              </Button>
              <CopyButton
                value={signed.url}
                label="Copy as one-time URL"
                text="Copy as one-time URL"
                testId="preview-copy-url"
                className={used ? undefined : 'btn-primary btn-copy-primary'}
              />
            </div>
            {signed.findings.length ? (
              <details className="disclosure preview-url-findings">
                <summary>
                  <Icon name="chevron" size={12} className="disclosure-chevron" />
                  Findings <span className="disclosure-meta">{findingSummary(signed.findings)}</span>
                </summary>
                <FindingList findings={signed.findings} testId="preview-url-findings" />
              </details>
            ) : null}
          </section>
        )
      })}
    </div>
  )
}
