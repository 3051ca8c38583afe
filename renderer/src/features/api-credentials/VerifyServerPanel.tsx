import { useMemo, useState, type FormEvent } from 'react'
import type {
  ApiCredentialSummary,
  ApiEnvironment,
  CertificateSummary,
  ChannelInput,
  VerifyServerStatus,
  WorkbenchFailure
} from '../../../../preload/contract'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { describedBy, Field } from '../../ui/Field'
import { FormError } from '../../ui/FormError'
import { Icon } from '../../ui/Icon'
import { LoadErrorBanner } from '../../ui/LoadErrorBanner'
import { Spinner } from '../../ui/Spinner'
import { authTypeLabel, environmentLabel, unusableReason } from './apiCredentialDraft'
import { CodeBlock } from './CodeBlock'
import { Card } from '../../ui/Card'
import { Switch } from '../../ui/Switch'
import { VerdictLog, commonNameOf } from './VerdictLog'

interface VerifyServerPanelProps {
  status: VerifyServerStatus | null
  loadError: string | null
  pending: 'start' | 'stop' | null
  start: (input: ChannelInput<'startVerifyServer'>) => Promise<WorkbenchFailure | null>
  stop: () => Promise<WorkbenchFailure | null>
  onRetry: () => void
  credentials: ApiCredentialSummary[]
  environment: ApiEnvironment
  certificates: CertificateSummary[] | null
}

type FieldErrors = Partial<
  Record<'credentialId' | 'org' | 'port' | 'clientCaCertificateId' | 'maxSkewSeconds' | 'verifyAsOf', string>
>

/**
 * The local verification server: HTTPS on 127.0.0.1 that checks each request against one API
 * credential (and org) and answers with what is wrong in words. Configure and start it here;
 * its verdicts are listed newest first while it runs.
 */
export function VerifyServerPanel({
  status,
  loadError,
  pending,
  start,
  stop,
  onRetry,
  credentials,
  environment,
  certificates
}: VerifyServerPanelProps) {
  const running = status?.running ?? false
  const [credentialId, setCredentialId] = useState(status?.expecting?.credentialId ?? '')
  const [org, setOrg] = useState(status?.expecting?.org ?? '')
  const [port, setPort] = useState(status?.port ? String(status.port) : '0')
  const [requireClientCert, setRequireClientCert] = useState(status?.requireClientCert ?? false)
  const [caId, setCaId] = useState('')
  const [maxSkew, setMaxSkew] = useState('300')
  /** Judge as of this local time ("" = now). */
  const [asOf, setAsOf] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)

  // The form follows what the server runs with, once that is known and whenever it changes (it may
  // have been started from the command line). These adjustments are made while rendering (react.dev
  // "You Might Not Need an Effect"), so no render shows a form that disagrees with them.
  const expecting = status?.running ? status.expecting : undefined
  const runningWith = expecting
    ? JSON.stringify([expecting.credentialId, expecting.org, status?.requireClientCert])
    : null
  const [formFollows, setFormFollows] = useState(runningWith)
  if (runningWith !== formFollows) {
    setFormFollows(runningWith)
    if (expecting) {
      setCredentialId(expecting.credentialId)
      setOrg(expecting.org ?? '')
      setRequireClientCert(status?.requireClientCert ?? false)
    }
  }

  // A credential that is gone falls back to the first usable one, and an organization it does not
  // have to its first.
  const credential = credentials.find((c) => c.id === credentialId) ?? null
  if (!credential && credentials.length) {
    const first = credentials.find((c) => !unusableReason(c, environment)) ?? credentials[0]!
    setCredentialId(first.id)
  }
  if (credential?.orgSpecific && !credential.orgs.some((o) => o.org === org)) {
    const first = credential.orgs[0]?.org ?? ''
    if (first !== org) setOrg(first)
  }

  // A CA certificate that is gone is deselected; when there is just one, it is chosen.
  const caCertificates = useMemo(() => (certificates ?? []).filter((certificate) => certificate.hasCa), [certificates])
  const knownCaId = caId && !caCertificates.some((c) => c.id === caId) ? '' : caId
  const nextCaId = !knownCaId && caCertificates.length === 1 ? caCertificates[0]!.id : knownCaId
  if (nextCaId !== caId) setCaId(nextCaId)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!credential || pending) return
    const local: FieldErrors = {}
    const portNumber = Number(port.trim() || '0')
    if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535)
      local.port = 'A port from 1 to 65535, or 0 for any free port.'
    const skew = Number(maxSkew.trim() || '300')
    if (!Number.isInteger(skew) || skew < 0 || skew > 86_400) local.maxSkewSeconds = 'Seconds from 0 to 86400 (a day).'
    if (requireClientCert && !caId)
      local.clientCaCertificateId = 'Choose the certificate whose CA issues the client certificates.'
    setErrors(local)
    setFormError(null)
    if (Object.keys(local).length) return
    const input: ChannelInput<'startVerifyServer'> = {
      port: portNumber,
      credentialId: credential.id,
      requireClientCert,
      maxSkewSeconds: skew
    }
    const at = asOf ? new Date(asOf).getTime() : NaN
    if (!Number.isNaN(at)) input.verifyAsOf = Math.floor(at / 1000)
    if (credential.orgSpecific && org) input.org = org
    if (caId && requireClientCert) input.clientCaCertificateId = caId
    const failure = await start(input)
    if (!failure) return
    const field = failure.field as keyof FieldErrors | undefined
    if (
      field &&
      ['credentialId', 'org', 'port', 'clientCaCertificateId', 'maxSkewSeconds', 'verifyAsOf'].includes(field)
    )
      setErrors({ [field]: failure.message })
    else setFormError(failure.message)
  }

  const stopServer = async () => {
    const failure = await stop()
    setFormError(failure?.message ?? null)
  }

  if (!status) {
    return loadError ? (
      <LoadErrorBanner
        title="Could not read the verification server"
        message={loadError}
        onRetry={onRetry}
        testId="verify-load-error"
      />
    ) : (
      <Spinner label="Reading the verification server…" />
    )
  }

  const unusable = credential ? unusableReason(credential, environment) : null

  return (
    <div className="api-credentials-verify-panel" data-testid="verify-panel" data-running={running}>
      <div className="card-grid api-credentials-verify-grid">
        <Card
          title="Expect"
          description="Requests are checked against this credential’s scheme and secrets, as the real API would."
          testId="verify-config"
        >
          <form
            onSubmit={(event) => void submit(event)}
            noValidate
            autoComplete="off"
            className="api-credentials-verify-form"
          >
            <FormError message={formError} />
            {!credentials.length ? (
              <p className="muted api-credentials-verify-no-credentials">
                Create an API credential first: the server checks requests against one.
              </p>
            ) : null}
            <div className="field-row">
              <Field
                id="verify-credential"
                name="credentialId"
                label="API credential"
                error={errors.credentialId}
                hint={
                  credential
                    ? `${authTypeLabel(credential.auth.type)}${credential.environment === 'test' ? ' · test' : ''}`
                    : undefined
                }
              >
                <select
                  id="verify-credential"
                  className="input select"
                  value={credentialId}
                  disabled={!credentials.length}
                  onChange={(event) => {
                    setCredentialId(event.target.value)
                    setErrors({})
                    setFormError(null)
                  }}
                  data-testid="verify-credential"
                  {...describedBy('verify-credential', errors.credentialId, !!credential)}
                >
                  {credentials.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                      {c.environment === 'test' ? ' (test)' : ''}
                    </option>
                  ))}
                </select>
              </Field>
              {credential?.orgSpecific ? (
                <Field id="verify-org" name="org" label="Organization" error={errors.org}>
                  <select
                    id="verify-org"
                    className="input select"
                    value={org}
                    onChange={(event) => setOrg(event.target.value)}
                    data-testid="verify-org"
                    {...describedBy('verify-org', errors.org, false)}
                  >
                    {credential.orgs.map((o) => (
                      <option key={o.org} value={o.org}>
                        {o.org}
                      </option>
                    ))}
                  </select>
                </Field>
              ) : (
                <div />
              )}
            </div>
            {unusable ? (
              <div className="api-credentials-env-note is-warning" data-testid="verify-env-note">
                <Icon name="warning" size={13} />
                <span>
                  {unusable} {environmentLabel[environment]} is selected: the server cannot use it.
                </span>
              </div>
            ) : null}
            <div className="field-row">
              <Field id="verify-port" name="port" label="Port" error={errors.port} hint="0 picks any free port.">
                <input
                  id="verify-port"
                  className="input mono number-input"
                  inputMode="numeric"
                  value={port}
                  onChange={(event) => {
                    setPort(event.target.value)
                    setErrors((e) => ({ ...e, port: undefined }))
                  }}
                  data-testid="verify-port"
                  {...describedBy('verify-port', errors.port, true)}
                />
              </Field>
              <Field
                id="verify-skew"
                name="maxSkewSeconds"
                label="Max clock skew"
                error={errors.maxSkewSeconds}
                hint="Seconds a timestamp may be off (default 300)."
              >
                <input
                  id="verify-skew"
                  className="input mono number-input"
                  inputMode="numeric"
                  value={maxSkew}
                  onChange={(event) => {
                    setMaxSkew(event.target.value)
                    setErrors((e) => ({ ...e, maxSkewSeconds: undefined }))
                  }}
                  data-testid="verify-skew"
                  {...describedBy('verify-skew', errors.maxSkewSeconds, true)}
                />
              </Field>
              <Field
                id="verify-as-of"
                name="verifyAsOf"
                label="Verify as of"
                optional
                error={errors.verifyAsOf}
                hint={asOf ? 'Your local time: every request is judged as of it.' : 'Empty: now.'}
              >
                <input
                  id="verify-as-of"
                  type="datetime-local"
                  step={1}
                  className="input mono"
                  value={asOf}
                  onChange={(event) => setAsOf(event.target.value)}
                  data-testid="verify-as-of"
                  {...describedBy('verify-as-of', errors.verifyAsOf, true)}
                />
              </Field>
            </div>
            <div className="field">
              <Switch
                id="verify-require-cert"
                checked={requireClientCert}
                onChange={(checked) => {
                  setRequireClientCert(checked)
                  setErrors((e) => ({ ...e, clientCaCertificateId: undefined }))
                }}
                label="Require a client certificate (mTLS)"
                testId="verify-require-cert"
              />
              <div className="field-hint">
                The server asks for one and says when it is missing or issued by another CA.
              </div>
            </div>
            {requireClientCert ? (
              <Field
                id="verify-ca"
                name="clientCaCertificateId"
                label="Client certificates issued by the CA of"
                error={errors.clientCaCertificateId}
                hint={
                  caCertificates.length
                    ? 'A stored certificate that has its CA (Certificates screen).'
                    : 'No stored certificate has a CA: add the CA to one on the Certificates screen.'
                }
              >
                <select
                  id="verify-ca"
                  className="input select"
                  value={caId}
                  onChange={(event) => {
                    setCaId(event.target.value)
                    setErrors((e) => ({ ...e, clientCaCertificateId: undefined }))
                  }}
                  data-testid="verify-ca"
                  {...describedBy('verify-ca', errors.clientCaCertificateId, true)}
                >
                  <option value="">Choose a certificate…</option>
                  {caCertificates.map((certificate) => (
                    <option key={certificate.id} value={certificate.id}>
                      {certificate.name}
                      {certificate.report.ca[0] ? ` — CA ${commonNameOf(certificate.report.ca[0].subject)}` : ''}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <div className="form-actions api-credentials-verify-actions">
              <Button
                type="submit"
                variant="primary"
                icon={running ? 'refresh' : 'play'}
                disabled={!credential || !!pending}
                testId="verify-start"
              >
                {running ? 'Restart with these settings' : 'Start'}
              </Button>
              {running ? (
                <Button icon="x" onClick={() => void stopServer()} disabled={!!pending} testId="verify-stop">
                  Stop
                </Button>
              ) : null}
              {pending ? <Spinner label={pending === 'start' ? 'Starting…' : 'Stopping…'} /> : null}
            </div>
          </form>
        </Card>

        <Card
          title="Status"
          description="Where it listens, what it expects, and its certificate for other clients."
          testId="verify-status"
        >
          <div className="status-line">
            <span
              className={`badge ${running ? 'badge-success' : 'badge-neutral'}`}
              data-testid="verify-running"
              data-running={running}
            >
              <span className="badge-dot" aria-hidden="true" />
              {running ? 'Running' : 'Stopped'}
            </span>
            {running && status.url ? (
              <span className="path-box base-url">
                <code className="mono" data-testid="verify-url">
                  {status.url}
                </code>
                <CopyButton value={status.url} label="Copy the verification server URL" testId="copy-verify-url" />
              </span>
            ) : null}
          </div>
          {running ? (
            <>
              <dl className="api-credentials-kv-list api-credentials-verify-facts">
                <dt>Expects</dt>
                <dd data-testid="verify-expecting">
                  {status.expecting ? (
                    <>
                      <strong>{status.expecting.name}</strong>
                      {status.expecting.org ? <span className="muted"> · {status.expecting.org}</span> : null}
                    </>
                  ) : (
                    '—'
                  )}
                </dd>
                <dt>Client certificate</dt>
                <dd>
                  {status.requireClientCert ? (
                    <>
                      Required, issued by <span className="subject-name">{status.clientCa ?? 'the CA chosen'}</span>
                    </>
                  ) : (
                    <span className="muted">Not required</span>
                  )}
                </dd>
                <dt>Judged as of</dt>
                <dd data-testid="verify-judged-as-of">
                  {status.verifyAsOf ? (
                    <span className="mono">{status.verifyAsOf.replace('.000Z', 'Z')}</span>
                  ) : (
                    <span className="muted">Now</span>
                  )}
                </dd>
              </dl>
              <Banner tone="info" testId="verify-hint" className="card-banner">
                Set a credential’s base URL to <code>{status.url}</code> to send to it; the runner trusts its
                certificate.
              </Banner>
              {status.serverCertificatePem ? (
                <details className="disclosure api-credentials-verify-pem" data-testid="verify-pem">
                  <summary>
                    <Icon name="chevron" size={12} className="disclosure-chevron" />
                    Server certificate (PEM)
                    <span className="disclosure-meta">self-signed for 127.0.0.1 and localhost</span>
                  </summary>
                  <CodeBlock
                    label="Server certificate"
                    value={status.serverCertificatePem}
                    testId="verify-pem-text"
                    hideLabel
                  />
                  <p className="field-hint">
                    Save it as <code>verifier.pem</code> to call the server from your own code, e.g.{' '}
                    <code>curl --cacert verifier.pem {status.url}/…</code>
                  </p>
                </details>
              ) : null}
            </>
          ) : (
            <p className="muted api-credentials-verify-stopped">
              Not running. Start it to reproduce a customer’s failure offline: it answers every request with what is
              right or wrong about its authentication, in words.
            </p>
          )}
        </Card>
      </div>

      <Card title="Verdicts" meta={running ? 'newest first' : undefined} testId="verify-log-card" flush>
        <VerdictLog verdicts={status.requests} running={running} url={status.url} />
      </Card>
    </div>
  )
}
