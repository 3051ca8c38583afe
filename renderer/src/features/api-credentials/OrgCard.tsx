import type { ApiAuthType } from '../../../../preload/contract'
import { Button } from '../../ui/Button'
import { describedBy } from '../../ui/Field'
import type { useFormErrors } from '../../ui/formErrors'
import { apiControlId, storedOrgSecrets, type OrgDraft, type SecretDraft, type SecretField } from './apiCredentialDraft'
import { AuthFields } from './AuthFields'

export function withSecret(
  secrets: Partial<Record<SecretField, SecretDraft>>,
  field: SecretField,
  value: SecretDraft | null
): Partial<Record<SecretField, SecretDraft>> {
  const next = { ...secrets }
  if (value) next[field] = value
  else delete next[field]
  return next
}

/** One organization's keys, for an org-specific credential: its name and its own auth fields. */
export function OrgCard({
  org,
  index,
  type,
  errors,
  readOnly,
  onChange,
  onRemove,
  moved
}: {
  moved: string | null
  org: OrgDraft
  index: number
  type: ApiAuthType
  errors: ReturnType<typeof useFormErrors>['errors']
  readOnly: boolean
  onChange: (change: (org: OrgDraft) => OrgDraft, field: string) => void
  onRemove: () => void
}) {
  const nameKey = `orgs.${index}.org`
  const nameId = apiControlId(nameKey)
  const nameError = errors.fields[nameKey] ?? errors.fields[`orgs.${index}`]
  const stored = storedOrgSecrets(org, type)
  const renamed =
    !!org.stored &&
    org.stored.org.trim().toLowerCase() !== org.org.trim().toLowerCase() &&
    org.stored.secrets.length > 0
  return (
    <div
      className="api-credentials-org-card"
      data-testid="org-card"
      data-index={index}
      data-error-key={`orgs.${index}`}
    >
      <div className="api-credentials-org-card-head">
        <label className="visually-hidden" htmlFor={nameId}>
          Organization {index + 1}
        </label>
        <input
          id={nameId}
          className="input api-credentials-org-name-input"
          value={org.org}
          placeholder="Organization, e.g. Acme Corp"
          readOnly={readOnly}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          onChange={(event) => onChange((o) => ({ ...o, org: event.target.value }), nameKey)}
          data-testid="org-name"
          {...describedBy(nameId, nameError, false)}
        />
        <Button variant="danger" size="sm" icon="x" onClick={onRemove} disabled={readOnly} testId="remove-org">
          Remove organization
        </Button>
      </div>
      {nameError ? (
        <div
          className="field-error api-credentials-org-error"
          id={`${nameId}-error`}
          data-testid={`error-orgs.${index}`}
          role="alert"
        >
          {nameError}
        </div>
      ) : null}
      {renamed ? (
        <div className="field-hint api-credentials-org-renamed">
          Renamed: its stored keys were kept under the old name; enter them again.
        </div>
      ) : null}
      <AuthFields
        type={type}
        fields={org.fields}
        secrets={org.secrets}
        stored={stored}
        errorPrefix={`orgs.${index}.auth`}
        testPrefix={`org-${index}`}
        errors={errors}
        readOnly={readOnly}
        onFields={(patch, field) => onChange((o) => ({ ...o, fields: { ...o.fields, ...patch } }), field)}
        onSecret={(field, value) =>
          onChange((o) => ({ ...o, secrets: withSecret(o.secrets, field, value) }), `orgs.${index}.auth.${field}`)
        }
        showHmacOptions={false}
        moved={moved}
      />
    </div>
  )
}
