import { type ReactNode } from 'react'
import type { ApiAuthType } from '../../../../preload/contract'
import { describedBy, Field } from '../../ui/Field'
import type { FormErrors } from '../../ui/formErrors'
import { PassphraseInput } from '../../ui/PassphraseInput'
import { RemovedValueBox, StoredValueBox } from '../../ui/StoredValueBox'
import {
  apiControlId,
  optionalSecrets,
  secretView,
  type AuthFields as AuthFieldValues,
  type SecretDraft,
  type SecretField
} from './apiCredentialDraft'
import { HmacAdvanced } from './HmacAdvanced'
import { SigV4Options } from './SigV4Options'

interface AuthFieldsProps {
  type: ApiAuthType
  fields: AuthFieldValues
  secrets: Partial<Record<SecretField, SecretDraft>>
  /** Names of the secrets stored for these keys (that still apply). */
  stored: readonly string[]
  /** Error keys are `${errorPrefix}.${field}`: "auth" or "orgs.0.auth". */
  errorPrefix: string
  /** data-testid prefix: "auth" or "org-0". */
  testPrefix: string
  errors: FormErrors
  readOnly: boolean
  onFields: (patch: Partial<AuthFieldValues>, field: string) => void
  onSecret: (field: SecretField, value: SecretDraft | null) => void
  /** The HMAC options are edited once, for the credential; organizations share them. */
  showHmacOptions: boolean
  /** How the destination moved since the secrets were stored ("the base URL now points at ..."), or null. */
  moved?: string | null
}

/** The public fields and the secrets of one auth type. */
export function AuthFields({
  type,
  fields,
  secrets,
  stored,
  errorPrefix,
  testPrefix,
  errors,
  readOnly,
  onFields,
  onSecret,
  showHmacOptions,
  moved = null
}: AuthFieldsProps) {
  const text = (
    field: keyof AuthFieldValues,
    label: ReactNode,
    options: { hint?: ReactNode; placeholder?: string; optional?: boolean; mono?: boolean; errorField?: string } = {}
  ) => {
    const key = `${errorPrefix}.${options.errorField ?? field}`
    const id = apiControlId(key)
    const error = errors.fields[key]
    return (
      <Field id={id} name={key} label={label} hint={options.hint} optional={options.optional} error={error}>
        <input
          id={id}
          className={`input${options.mono === false ? '' : ' mono'}`}
          value={fields[field] as string}
          placeholder={options.placeholder}
          readOnly={readOnly}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onFields({ [field]: event.target.value }, key)}
          data-testid={`${testPrefix}-${field}`}
          {...describedBy(id, error, options.hint !== undefined)}
        />
      </Field>
    )
  }
  const secret = (field: SecretField, label: string, hint: ReactNode) => (
    <SecretInput
      field={field}
      label={label}
      hint={hint}
      view={secretView(secrets, stored, field)}
      wasStored={stored.includes(field)}
      errorKey={`${errorPrefix}.${field}`}
      testId={`${testPrefix}-${field}`}
      errors={errors}
      readOnly={readOnly}
      optional={optionalSecrets.includes(field)}
      moved={moved}
      onChange={(value) => onSecret(field, value)}
    />
  )

  switch (type) {
    case 'none':
      return (
        <p className="api-credentials-auth-none muted" data-testid={`${testPrefix}-none`}>
          Requests carry only the headers above. Use it for open endpoints, or when the client certificate (mTLS) is the
          authentication.
        </p>
      )
    case 'headers':
      return (
        <div className="field-row">
          {text('headerName', 'Key (header name)', {
            placeholder: 'X-Api-Key',
            hint: 'The header your server reads, e.g. X-Api-Key.'
          })}
          {secret('value', 'Value', 'The secret the header carries.')}
        </div>
      )
    case 'basic':
      return (
        <div className="field-row">
          {text('username', 'Username', { placeholder: 'api-user', mono: false })}
          {secret(
            'password',
            'Password',
            <>
              Sent as <code>Authorization: Basic base64(username:password)</code>.
            </>
          )}
        </div>
      )
    case 'bearer':
      return (
        <>
          <div className="field-row">
            {text('bearerHeaderName', 'Key (header name)', {
              hint: 'Usually Authorization.',
              errorField: 'headerName'
            })}
            {text('scheme', 'Scheme', {
              hint: (
                <>
                  Before the token, e.g. <code>Bearer</code>; empty sends the token alone.
                </>
              ),
              optional: true
            })}
          </div>
          {secret('token', 'Value (token)', 'The token the server verifies.')}
        </>
      )
    case 'aws4':
      return (
        <>
          <div className="field-row">
            {text('accessKeyId', 'Access key', { placeholder: 'AKIA…' })}
            {secret('secretAccessKey', 'Secret key', 'Signs the canonical request (AWS Signature Version 4).')}
          </div>
          <div className="field-row">
            {text('region', 'AWS region', { placeholder: 'us-east-1' })}
            {text('service', 'AWS service', { placeholder: 'execute-api' })}
          </div>
          {text('endpoint', 'Base endpoint', {
            placeholder: 'https://abc123.execute-api.us-east-1.amazonaws.com',
            hint: 'When given, requests go here instead of the base URL.',
            optional: true
          })}
          {secret(
            'sessionToken',
            'Session token',
            'Only for temporary credentials (STS); sent as X-Amz-Security-Token.'
          )}
          {showHmacOptions ? (
            <SigV4Options
              options={fields.sigv4}
              readOnly={readOnly}
              onChange={(sigv4) => onFields({ sigv4 }, 'auth.options')}
            />
          ) : null}
        </>
      )
    case 'hmac':
      return (
        <>
          <div className="field-row">
            {text('clientId', 'Client ID', { placeholder: 'client-123' })}
            {secret('clientSecret', 'Client secret', 'Signs each request with HMAC-SHA256.')}
          </div>
          {showHmacOptions ? (
            <HmacAdvanced
              options={fields.options}
              readOnly={readOnly}
              error={errors.fields['auth.options']}
              onChange={(options) => onFields({ options }, 'auth.options')}
            />
          ) : null}
        </>
      )
  }
}

interface SecretInputProps {
  field: SecretField
  label: string
  hint: ReactNode
  view: ReturnType<typeof secretView>
  /** A secret is stored for this field: "Keep stored" is offered while replacing it. */
  wasStored: boolean
  errorKey: string
  testId: string
  errors: FormErrors
  readOnly: boolean
  optional: boolean
  moved: string | null
  onChange: (value: SecretDraft | null) => void
}

/** A secret: a password input, or "Stored (encrypted)" with Replace (and Remove when optional). */
function SecretInput({
  label,
  hint,
  view,
  wasStored,
  errorKey,
  testId,
  errors,
  readOnly,
  optional,
  moved,
  onChange
}: SecretInputProps) {
  const id = apiControlId(errorKey)
  const error = errors.fields[errorKey]
  const replace = () => {
    onChange({ kind: 'new', value: '' })
    window.setTimeout(() => document.getElementById(id)?.focus())
  }
  const keep = () => {
    onChange(null)
    window.setTimeout(() => document.getElementById(`${id}-replace`)?.focus())
  }
  let control: ReactNode
  if (view.kind === 'stored') {
    control = (
      <StoredValueBox
        id={id}
        testId={testId}
        icon="lock"
        className="api-credentials-secret-box"
        readOnly={readOnly}
        onReplace={replace}
        onRemove={optional ? () => onChange({ kind: 'removed' }) : undefined}
      >
        Stored <span className="muted">(encrypted)</span>
      </StoredValueBox>
    )
  } else if (view.kind === 'removed') {
    control = (
      <RemovedValueBox testId={testId} className="api-credentials-secret-box" readOnly={readOnly} onUndo={keep} />
    )
  } else {
    control = (
      <PassphraseInput
        id={id}
        className="mono"
        value={view.value}
        readOnly={readOnly}
        placeholder={wasStored ? 'New value (blank keeps the stored one)' : undefined}
        onChange={(event) => onChange({ kind: 'new', value: event.target.value })}
        data-testid={testId}
        {...describedBy(id, error, true)}
      />
    )
  }
  return (
    <div className={`field api-credentials-secret-field${error ? ' has-error' : ''}`} data-testid={`field-${testId}`}>
      <div className="field-label-row">
        {view.kind === 'new' ? (
          <label className="field-label" htmlFor={id}>
            {label}
            {optional ? <span className="field-optional">optional</span> : null}
          </label>
        ) : (
          <span className="field-label">
            {label}
            {optional ? <span className="field-optional">optional</span> : null}
          </span>
        )}
        {view.kind === 'new' && wasStored ? (
          <span className="field-label-actions">
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={keep}
              disabled={readOnly}
              data-testid={`${testId}-keep`}
            >
              Keep stored
            </button>
          </span>
        ) : null}
      </div>
      {control}
      {error ? (
        <div className="field-error" id={`${id}-error`} data-testid={`error-${errorKey}`} role="alert">
          {error}
        </div>
      ) : view.kind === 'stored' && moved ? (
        <div className="field-hint field-hint-warning" id={`${id}-hint`} data-testid={`${testId}-moved`}>
          {moved.charAt(0).toUpperCase() + moved.slice(1)}. A stored secret is sent only where it was entered for:
          replace it to save this change.
        </div>
      ) : (
        <div className="field-hint" id={`${id}-hint`}>
          {view.kind === 'stored' ? 'Never shown again. Replace it to send a new one.' : hint}
        </div>
      )}
    </div>
  )
}
