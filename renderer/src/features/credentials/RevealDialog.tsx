import { useState } from 'react'
import type { CredentialSummary } from '../../../../preload/contract'
import { Banner } from '../../ui/Banner'
import { CopyButton } from '../../ui/CopyButton'
import { Modal } from '../../ui/Modal'
import { shortenMiddle } from '../../ui/format'

export interface Reveal {
  credential: CredentialSummary
  secret: string
  /** Set after "Regenerate": the credential that was revoked to make room for this one. */
  revoked?: CredentialSummary
}

/**
 * The one-time "Access credentials" view. It cannot be dismissed by Esc or a stray click: the
 * only way out is the explicit confirmation, after which the owner drops the secret from state.
 */
export function RevealDialog({ reveal, onClose }: { reveal: Reveal; onClose: () => void }) {
  const [nudge, setNudge] = useState(false)
  const { credential, secret, revoked } = reveal

  return (
    <Modal
      title="Access credentials"
      description={
        <>
          <strong>{credential.name}</strong>
          {revoked ? ' has a new client ID and embed secret.' : ' was created.'}
        </>
      }
      onClose={onClose}
      dismissible={false}
      onBlockedDismiss={() => setNudge(true)}
      size="lg"
      testId="reveal-dialog"
      footer={
        <>
          {nudge ? <span className="credentials-footer-hint">Copy the secret first, then confirm here.</span> : null}
          <button type="button" className="btn btn-primary" onClick={onClose} data-testid="close-reveal">
            I have stored the secret
          </button>
        </>
      }
    >
      <Banner tone="warning" title="This is the only time the secret is shown." testId="reveal-warning">
        Copy it and store it securely; Embed Workbench cannot show it again.
      </Banner>
      {revoked ? (
        <p className="muted small credentials-reveal-note">
          The previous client ID <code className="mono">{shortenMiddle(revoked.clientId)}</code> is now revoked. Update
          every embed that used it.
        </p>
      ) : null}
      <div className="credentials-reveal-field">
        <div className="field-label" id="reveal-client-id-label">
          Client ID
        </div>
        <div className="credentials-reveal-box">
          <div
            className="credentials-reveal-value mono"
            aria-labelledby="reveal-client-id-label"
            data-testid="revealed-client-id"
          >
            {credential.clientId}
          </div>
          <CopyButton value={credential.clientId} label="Copy client ID" text="Copy" testId="copy-client-id" />
        </div>
      </div>
      <div className="credentials-reveal-field">
        <div className="field-label" id="reveal-secret-label">
          Embed secret
        </div>
        <div className="credentials-reveal-box credentials-reveal-box-secret">
          <div
            className="credentials-reveal-value mono"
            aria-labelledby="reveal-secret-label"
            data-testid="revealed-secret"
          >
            {secret}
          </div>
          <CopyButton value={secret} label="Copy embed secret" text="Copy" testId="copy-secret" autoFocus />
        </div>
        <div className="field-hint">
          Fingerprint <code className="mono">{credential.fingerprint}</code> — the first 12 hex characters of its
          SHA-256, to check the copy later.
        </div>
      </div>
    </Modal>
  )
}
