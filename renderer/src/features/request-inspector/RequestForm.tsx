/** The left column: the paste (typed, dropped or opened), the client's canonical request, the time and the credential. */
import type { ApiAuth, ApiCredentialSummary, ApiEnvironment } from '../../../../preload/contract'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { formatSize, shortcutLabel } from '../../ui/format'
import { Icon } from '../../ui/Icon'
import { Spinner } from '../../ui/Spinner'
import { BigTextArea } from '../../ui/BigTextArea'
import { credentialValue, fieldLabel, type RequestInspectorView } from './words'

const authLabel: Record<ApiAuth['type'], string> = {
  aws4: 'AWS SigV4',
  hmac: 'HMAC-SHA256',
  basic: 'Basic',
  bearer: 'Bearer',
  headers: 'header key',
  none: 'no authentication'
}

/**
 * One option per credential of the selected environment (the only ones the channel judges with),
 * or per organization of an organization-specific one.
 */
function credentialOptions(credentials: readonly ApiCredentialSummary[], environment: ApiEnvironment) {
  return credentials
    .filter((c) => c.environment === environment)
    .flatMap((c) =>
      c.orgSpecific
        ? c.orgs.map((o) => ({
            value: credentialValue(c.id, o.org),
            label: `${c.name} · ${o.org} (${authLabel[o.auth.type]})`
          }))
        : [{ value: credentialValue(c.id, null), label: `${c.name} (${authLabel[c.auth.type]})` }]
    )
}

const errorTitle: Record<string, string> = {
  REQUEST_UNREADABLE: 'Could not read the request',
  INVALID_INPUT: 'Not inspected',
  API_CREDENTIAL_NOT_FOUND: 'That credential is not available'
}

interface RequestFormProps {
  view: RequestInspectorView
  edit: (patch: Partial<RequestInspectorView>) => void
  pending: boolean
  onInspect: () => void
  onFile: (file: File) => void
  onClear: () => void
  credentials: { environment: ApiEnvironment; credentials: ApiCredentialSummary[] } | null
  credentialsError: string | null
}

export function RequestForm({
  view,
  edit,
  pending,
  onInspect,
  onFile,
  onClear,
  credentials,
  credentialsError
}: RequestFormProps) {
  const { error } = view
  const invalid = (field: string) =>
    error?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'ri-error' } : {}
  // Editing what an error is about takes the error away (it was about the text as it stood).
  const clearing = (...fields: string[]) => (error?.field && fields.includes(error.field) ? { error: null } : {})
  const options = credentials ? credentialOptions(credentials.credentials, credentials.environment) : []
  // A credential chosen before it was deleted (or its environment switched) is "automatic" again.
  const credential = options.some((o) => o.value === view.credential) ? view.credential : ''

  return (
    <section className="request-inspector-form" aria-labelledby="ri-text-label" data-testid="ri-form">
      <div className="request-inspector-form-head">
        <label className="request-inspector-label" id="ri-text-label" htmlFor="ri-text">
          Paste a raw HTTP request, a cURL command or a HAR
        </label>
        <div className="request-inspector-form-actions">
          <label
            className="btn btn-sm file-pick-button"
            title="Open a .har, .txt or .json file (or drop it on the box)"
          >
            <Icon name="import" size={13} />
            Open file…
            <input
              type="file"
              accept=".har,.txt,.json,.http,.log,.curl,.sh,text/plain,application/json"
              data-testid="ri-file-input"
              onChange={(event) => {
                const file = event.target.files?.[0]
                // Cleared, so picking the same file again is a change too.
                event.target.value = ''
                if (file) onFile(file)
              }}
            />
          </label>
          {view.text ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                onClear()
                document.getElementById('ri-text')?.focus()
              }}
              testId="ri-clear"
            >
              Clear
            </Button>
          ) : null}
        </div>
      </div>
      <BigTextArea
        id="ri-text"
        className="input textarea mono request-inspector-paste"
        value={view.text}
        onChange={(text) => edit({ text, entry: null, fileName: null, ...clearing('text', 'entry') })}
        onFile={onFile}
        spellCheck={false}
        autoComplete="off"
        placeholder={
          'POST /v1/orders HTTP/1.1\nHost: api.example.com\nAuthorization: AWS4-HMAC-SHA256 Credential=…\n\n— or curl … — or a HAR, whole or one entry'
        }
        data-testid="ri-text"
        autoFocus={!view.text}
        {...invalid('text')}
      />
      <div className="request-inspector-paste-meta" data-testid="ri-paste-meta">
        {view.fileName ? (
          <span className="request-inspector-file" title={view.fileName} data-testid="ri-file-name">
            <Icon name="file" size={12} />
            {view.fileName}
          </span>
        ) : null}
        {view.text ? <span>{formatSize(view.text.length)}</span> : <span>or drop a .har or .txt file on the box</span>}
      </div>
      {error ? (
        <div id="ri-error" data-testid="ri-error" data-code={error.code} data-field={error.field ?? ''}>
          <Banner tone="error" title={errorTitle[error.code] ?? 'Could not inspect'}>
            <span data-testid="ri-error-message">{error.message}</span>
            <span className="request-inspector-error-code">
              <code>{error.code}</code>
              {error.field ? ` · about ${fieldLabel[error.field] ?? error.field}` : null}
            </span>
          </Banner>
        </div>
      ) : null}

      <details
        className="disclosure request-inspector-client"
        open={view.clientOpen}
        onToggle={(event) => edit({ clientOpen: event.currentTarget.open })}
        data-testid="ri-client"
      >
        <summary>
          <Icon name="chevron" size={13} className="disclosure-chevron" />
          Client’s canonical request or string to sign
          <span className="disclosure-meta">{view.clientCanonical.trim() ? 'pasted' : 'from its log, optional'}</span>
        </summary>
        <label className="visually-hidden" htmlFor="ri-client-text">
          Client’s canonical request or string to sign (from its log)
        </label>
        <BigTextArea
          id="ri-client-text"
          className="input textarea mono request-inspector-client-text"
          value={view.clientCanonical}
          onChange={(clientCanonical) => edit({ clientCanonical, ...clearing('clientCanonical') })}
          spellCheck={false}
          autoComplete="off"
          rows={6}
          placeholder={'POST\n/v1/orders\na=1&b=2\ncontent-type:application/json\n…'}
          data-testid="ri-client-text"
          aria-describedby="ri-client-hint"
          {...invalid('clientCanonical')}
        />
        <p className="request-inspector-hint" id="ri-client-hint">
          Compared line by line with the one computed from the request as it arrived, and checked against the signature.
        </p>
      </details>

      <div className="request-inspector-options">
        <div className="request-inspector-option">
          <label className="request-inspector-option-label" htmlFor="ri-as-of">
            As of <span className="field-optional">local time</span>
          </label>
          <div className="request-inspector-option-control">
            <div className="request-inspector-as-of">
              <input
                id="ri-as-of"
                type="datetime-local"
                step={1}
                className={`input input-sm mono${view.asOf ? '' : ' is-idle'}`}
                value={view.asOf}
                onChange={(event) => edit({ asOf: event.target.value, ...clearing('asOf') })}
                data-testid="ri-as-of"
                aria-describedby={error?.field === 'asOf' ? 'ri-error' : 'ri-as-of-hint'}
                aria-invalid={error?.field === 'asOf' ? true : undefined}
              />
              {view.asOf ? (
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Clear As of (judge as of the request’s own time)"
                  title="Clear: the request’s own time"
                  onClick={() => edit({ asOf: '', ...clearing('asOf') })}
                  data-testid="ri-as-of-clear"
                >
                  <Icon name="x" size={13} />
                </button>
              ) : null}
            </div>
            <span className="request-inspector-hint" id="ri-as-of-hint">
              Empty: the request’s own time
            </span>
          </div>
        </div>
        <div className="request-inspector-option">
          <label className="request-inspector-option-label" htmlFor="ri-credential">
            Credential
          </label>
          <div className="request-inspector-option-control">
            <select
              id="ri-credential"
              className="input input-sm select"
              value={credential}
              onChange={(event) => edit({ credential: event.target.value, ...clearing('credentialId', 'org') })}
              data-testid="ri-credential"
              aria-describedby={error?.field === 'credentialId' ? 'ri-error' : 'ri-credential-hint'}
              aria-invalid={error?.field === 'credentialId' ? true : undefined}
            >
              <option value="">Matched automatically</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            <span className="request-inspector-hint" id="ri-credential-hint">
              {credentialsError
                ? `The list could not be read: ${credentialsError}`
                : credentials
                  ? `${options.length} of the ${credentials.environment} environment`
                  : 'Reading the stored credentials…'}
            </span>
          </div>
        </div>
      </div>

      <div className="request-inspector-run">
        <Button
          variant="primary"
          icon="search"
          onClick={onInspect}
          testId="ri-inspect"
          title={`Inspect (${shortcutLabel('Enter')}, from any field)`}
          shortcut={shortcutLabel('↵')}
        >
          Inspect
        </Button>
        {pending ? (
          <span data-testid="ri-pending">
            <Spinner label="Inspecting…" />
          </span>
        ) : null}
      </div>
    </section>
  )
}
