import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useKeptState } from '../../app/kept-state'
import type {
  ApiCredentialSummary,
  ApiEnvironment,
  ApiRequestResult,
  ChannelInput,
  NameValue,
  RequestHistoryEntry,
  VerifyServerStatus,
  WorkbenchFailure
} from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { EmptyState } from '../../ui/EmptyState'
import { Icon } from '../../ui/Icon'
import { RequestHistory } from './RequestHistory'
import { Spinner } from '../../ui/Spinner'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import { authTypeLabel, environmentLabel, headerRowsProblem, unusableReason } from './apiCredentialDraft'
import { RequestResult } from './RequestResult'
import { RequestExtras } from './RequestExtras'
import { RequestSigningControls, signAtSeconds } from './RequestSigningControls'
import { httpMethods } from '../../../../preload/contract/constants'

type Method = (typeof httpMethods)[number]

/** What one run was: the result (or failure), whether it was sent, and the form it came from. */
interface Run {
  mode: 'preview' | 'send'
  result: ApiRequestResult | null
  failure: WorkbenchFailure | null
  /** The form as it was, to tell when the result no longer matches it. */
  key: string
  credentialName: string
}

interface RequestRunnerProps {
  credentials: ApiCredentialSummary[]
  environment: ApiEnvironment
  selectedId: string | null
  onSelect: (id: string) => void
  verifyServer: VerifyServerStatus | null
  /** Whether the runner is the tab on screen (its keyboard shortcut is live only then). */
  active: boolean
  onOpenCredential: (id: string) => void
  onCreate: () => void
  /** A request was sent (the verification server's log may have a new verdict). */
  onSent: () => void
}

/**
 * Builds and sends a request with a stored API credential: the exact request (secrets masked),
 * what was signed, the client certificate presented, the response with timing and TLS, and the
 * verification server's verdict when it answered.
 */
export function RequestRunner({
  credentials,
  environment,
  selectedId,
  onSelect,
  verifyServer,
  active,
  onOpenCredential,
  onCreate,
  onSent
}: RequestRunnerProps) {
  const { noticeFailure } = useVault()
  // The request being composed and its last answer survive a visit to another screen.
  const [method, setMethod] = useKeptState<Method>('runner.method', 'GET')
  const [path, setPath] = useKeptState('runner.path', '/')
  const [body, setBody] = useKeptState('runner.body', '')
  const [headers, setHeaders] = useKeptState<NameValue[]>('runner.headers', [])
  const [org, setOrg] = useKeptState('runner.org', '')
  /** Sign as of this local time ("" = now), and a presigned URL's lifetime in seconds (null = sign in the header). */
  const [signAt, setSignAt] = useKeptState('runner.signAt', '')
  const [presign, setPresign] = useKeptState<number | null>('runner.presign', null)
  const [pending, setPending] = useState<'preview' | 'send' | null>(null)
  const [run, setRun] = useKeptState<Run | null>('runner.run', null)
  const [bodyProblem, setBodyProblem] = useState<string | null>(null)
  const [headersProblem, setHeadersProblem] = useState<string | null>(null)
  const [historyVersion, setHistoryVersion] = useState(0)
  /** What a restored request left out as a possible secret, to be typed again. */
  const [typeAgain, setTypeAgain] = useKeptState<string[]>('runner.typeAgain', [])

  const restore = (entry: RequestHistoryEntry) => {
    if (credentials.some((c) => c.id === entry.credentialId)) onSelect(entry.credentialId)
    setMethod(entry.method)
    setPath(entry.path)
    setBody(entry.body)
    setHeaders(entry.headers.map((h) => ({ name: h.name, value: h.value })))
    if (entry.org) setOrg(entry.org)
    setTypeAgain(entry.masked)
    document.getElementById('runner-path')?.focus()
  }
  const requests = useRef(0)

  const credential = credentials.find((c) => c.id === selectedId) ?? null
  // The selection follows the list: a deleted credential falls back to the first usable one.
  useEffect(() => {
    if (credential || !credentials.length) return
    const first = credentials.find((c) => !unusableReason(c, environment)) ?? credentials[0]!
    onSelect(first.id)
  }, [credential, credentials, environment, onSelect])

  // The organization follows the credential: one it does not have falls back to its first (while
  // rendering, so no render shows the form with an organization it cannot send as).
  if (credential?.orgSpecific && !credential.orgs.some((o) => o.org === org)) {
    const first = credential.orgs[0]?.org ?? ''
    if (first !== org) setOrg(first)
  }

  const formKey = JSON.stringify([selectedId, org, method, path, body, headers, environment, signAt, presign])
  const stale = run !== null && run.key !== formKey

  const execute = async (send: boolean) => {
    if (!credential || pending) return
    const problem = headerRowsProblem(headers)
    setHeadersProblem(problem)
    if (problem) {
      document.getElementById('runner-header-name-0')?.focus()
      return
    }
    const request = ++requests.current
    setPending(send ? 'send' : 'preview')
    const input: ChannelInput<'sendApiRequest'> = {
      credentialId: credential.id,
      method,
      path,
      body,
      headers: headers
        .filter((h) => h.name.trim() || h.value.trim())
        .map((h) => ({ name: h.name.trim(), value: h.value })),
      send
    }
    if (credential.orgSpecific && org) input.org = org
    const at = signAtSeconds(signAt)
    if (at !== null && credential.auth.type !== 'none') input.signAt = at
    if (presign !== null && credential.auth.type === 'aws4') input.presignSeconds = presign
    const result = await call(() => workbench.sendApiRequest(input))
    if (request !== requests.current) return
    setPending(null)
    const base = {
      mode: send ? ('send' as const) : ('preview' as const),
      key: formKey,
      credentialName: credential.name
    }
    if (result.ok) setRun({ ...base, result: result.value, failure: null })
    else {
      setRun({ ...base, result: null, failure: result.error })
      noticeFailure(result.error.code)
    }
    if (send) {
      onSent()
      setHistoryVersion((v) => v + 1)
      setTypeAgain([])
    }
    window.setTimeout(() => document.getElementById('runner-result')?.scrollIntoView({ block: 'nearest' }))
  }

  useGlobalKeyDown((event) => {
    if (!isModKey(event) || event.shiftKey || event.key !== 'Enter') return
    event.preventDefault()
    void execute(true)
  }, active)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void execute(true)
  }

  if (!credentials.length) {
    return (
      <EmptyState
        icon="send"
        title="No API credential to send with"
        testId="runner-empty"
        compact
        actions={
          <Button icon="plus" variant="primary" onClick={onCreate}>
            Create API credential
          </Button>
        }
      >
        The runner signs each request with a stored API credential. Create one first.
      </EmptyState>
    )
  }

  const unusable = credential ? unusableReason(credential, environment) : null
  const effectiveBase =
    credential?.auth.type === 'aws4' && credential.auth.endpoint
      ? credential.auth.endpoint
      : (credential?.baseUrl ?? '')
  const verifyUrl = verifyServer?.running ? verifyServer.url : null
  const aimsAtVerifier = !!verifyUrl && !!credential && effectiveBase.startsWith(verifyUrl)

  return (
    <div className="api-credentials-runner-layout">
      <div className="api-credentials-runner" data-testid="request-runner">
        <form
          className="card api-credentials-runner-form"
          onSubmit={submit}
          noValidate
          autoComplete="off"
          aria-label="Request"
        >
          <div className="api-credentials-runner-credential-row">
            <label className="api-credentials-runner-label" htmlFor="runner-credential">
              Credential
            </label>
            <select
              id="runner-credential"
              className="input select api-credentials-runner-credential"
              value={credential?.id ?? ''}
              onChange={(event) => onSelect(event.target.value)}
              data-testid="runner-credential"
            >
              {credentials.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.environment === 'test' ? ' (test)' : ''}
                  {unusableReason(c, environment) ? ' — not usable now' : ''}
                </option>
              ))}
            </select>
            {credential?.orgSpecific ? (
              <>
                <label className="api-credentials-runner-label" htmlFor="runner-org">
                  Organization
                </label>
                <select
                  id="runner-org"
                  className="input select api-credentials-runner-org"
                  value={org}
                  onChange={(event) => setOrg(event.target.value)}
                  data-testid="runner-org"
                >
                  {credential.orgs.map((o) => (
                    <option key={o.org} value={o.org}>
                      {o.org}
                    </option>
                  ))}
                </select>
              </>
            ) : null}
            {credential ? (
              <span className="api-credentials-runner-credential-meta">
                <span className="tag">{authTypeLabel(credential.auth.type)}</span>
                {credential.environment === 'test' ? <span className="tag api-credentials-tag-test">test</span> : null}
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => onOpenCredential(credential.id)}
                  data-testid="runner-edit-credential"
                >
                  Edit credential
                </button>
              </span>
            ) : null}
          </div>
          {unusable ? (
            <div className="api-credentials-env-note is-warning" data-testid="runner-env-note">
              <Icon name="warning" size={13} />
              <span>
                {unusable} {environmentLabel[environment]} is selected: sending with it is refused.
              </span>
            </div>
          ) : null}

          <div className="api-credentials-request-line">
            <label className="visually-hidden" htmlFor="runner-method">
              Method
            </label>
            <select
              id="runner-method"
              className="input select api-credentials-request-method mono"
              value={method}
              onChange={(event) => setMethod(event.target.value as Method)}
              data-testid="runner-method"
            >
              {httpMethods.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            <div className="request-url">
              <span className="api-credentials-request-base mono" title={effectiveBase} data-testid="runner-base">
                {effectiveBase.replace(/\/$/, '')}
              </span>
              <label className="visually-hidden" htmlFor="runner-path">
                Path and query
              </label>
              <input
                id="runner-path"
                className="api-credentials-request-path-input mono"
                value={path}
                placeholder="/v1/orders?status=open"
                spellCheck={false}
                onChange={(event) => setPath(event.target.value)}
                data-testid="runner-path"
              />
            </div>
            <Button
              icon="search"
              onClick={() => void execute(false)}
              disabled={!credential || !!pending}
              testId="runner-preview"
              title="Build and sign the request without sending it"
            >
              Preview request
            </Button>
            <Button
              type="submit"
              variant="primary"
              icon="send"
              disabled={!credential || !!pending}
              testId="runner-send"
              title={`Send (${shortcutLabel('Enter')})`}
              shortcut={shortcutLabel('Enter')}
            >
              Send
            </Button>
          </div>
          {typeAgain.length ? (
            <div className="api-credentials-env-note is-warning" data-testid="runner-type-again">
              <Icon name="warning" size={13} />
              <span>From the history, without what may be a secret: type again {typeAgain.join(', ')}.</span>
            </div>
          ) : null}
          <div className="api-credentials-runner-hint field-hint">
            {aimsAtVerifier ? (
              <span className="api-credentials-runner-verifier-hint">
                <span className="live-dot" aria-hidden="true" /> Goes to the local verification server; its verdict
                shows below.
              </span>
            ) : verifyUrl ? (
              <>
                The verification server runs at <code>{verifyUrl}</code>: set a credential’s base URL to it to send to
                it.
              </>
            ) : (
              'The path (and query) is added to the base URL.'
            )}
          </div>

          <RequestSigningControls
            credential={credential}
            signAt={signAt}
            onSignAt={setSignAt}
            presign={presign}
            onPresign={setPresign}
          />
          <RequestExtras
            credential={credential}
            method={method}
            body={body}
            onBody={setBody}
            bodyProblem={bodyProblem}
            onBodyProblem={setBodyProblem}
            headers={headers}
            onHeaders={setHeaders}
            headersProblem={headersProblem}
            onHeadersProblem={setHeadersProblem}
          />
        </form>

        <div
          id="runner-result"
          className={`api-credentials-runner-result${pending ? ' is-pending' : ''}`}
          aria-live="polite"
          data-testid="runner-result-area"
          data-state={pending ? 'pending' : run ? 'done' : 'idle'}
        >
          {pending ? (
            <div className="api-credentials-runner-pending">
              <Spinner label={pending === 'send' ? 'Sending…' : 'Building…'} />
            </div>
          ) : null}
          {run ? (
            run.failure ? (
              <Banner
                tone="error"
                title={run.mode === 'send' ? 'Not sent' : 'Could not build the request'}
                testId="runner-failure"
              >
                <span data-testid="runner-failure-message" data-code={run.failure.code}>
                  {run.failure.message}
                </span>
              </Banner>
            ) : run.result ? (
              <RequestResult result={run.result} mode={run.mode} stale={stale} credentialName={run.credentialName} />
            ) : null
          ) : !pending ? (
            <div className="api-credentials-runner-idle muted" data-testid="runner-idle">
              <strong>Preview request</strong> builds and signs it without sending: the exact headers, and for AWS4 and
              HMAC what was signed. <strong>Send</strong> ({shortcutLabel('Enter')}) sends it and shows the response,
              its timing and TLS.
            </div>
          ) : null}
        </div>
      </div>
      <RequestHistory version={historyVersion} onRestore={restore} />
    </div>
  )
}
