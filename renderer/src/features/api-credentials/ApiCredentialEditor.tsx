import { useEffect, useMemo, useRef, useState } from 'react'
import { apiDestinationChange, apiDestinationOf } from '../../../../preload/contract/constants'
import type { ApiAuthType, ApiCredentialSummary, ApiEnvironment } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { EditorPage } from '../../ui/EditorPage'
import { describedBy, Field } from '../../ui/Field'
import { FormError } from '../../ui/FormError'
import { useFormErrors } from '../../ui/formErrors'
import { Icon } from '../../ui/Icon'
import { NameValueRows } from '../../ui/NameValueRows'
import { SaveState } from '../../ui/SaveState'
import { Spinner } from '../../ui/Spinner'
import { TextField } from '../../ui/TextField'
import { useEditorShell } from '../../ui/useEditorShell'
import { shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import {
  apiControlId,
  authTypeOptions,
  contentTypeOptions,
  draftOf,
  emptyApiCredentialDraft,
  environmentLabel,
  isDirty,
  localProblem,
  newOrg,
  placeApiError,
  saveInput,
  storedSecretsOf,
  unusableReason,
  type ApiCredentialDraft,
  type AuthFields as AuthFieldValues,
  type OrgDraft,
  type SecretDraft,
  type SecretField
} from './apiCredentialDraft'
import { AuthFields } from './AuthFields'
import { OrgCard, withSecret } from './OrgCard'
import { RequestSketch } from './RequestSketch'
import { TestTag } from './ApiCredentialTable'
import { FormSection } from '../../ui/FormSection'
import { ToggleField } from './ToggleField'

interface ApiCredentialEditorProps {
  /** The stored credential being edited; null for a new one. */
  summary: ApiCredentialSummary | null
  /** The environment selected now (the credential may belong to the other). */
  environment: ApiEnvironment
  /** The verification server's URL while it runs, for the hint under Base URL. */
  verifyUrl: string | null
  onSaved: (saved: ApiCredentialSummary) => void
  onBack: () => void
  onNew: () => void
  onDelete: (summary: ApiCredentialSummary) => void
  /** Opens the request runner with this credential. */
  onRun: (id: string) => void
}

function focusKey(key: string) {
  const id = apiControlId(key)
  const target =
    document.getElementById(id) ??
    document.getElementById(`${id}-replace`) ??
    document.querySelector<HTMLElement>(
      `[data-error-key="${key}"] input, [data-error-key="${key}"] button, [data-error-key="${key}"] select`
    )
  if (!target) return
  // A field inside a closed section (the HMAC advanced options) is opened first.
  const details = target.closest('details')
  if (details && !details.open) details.open = true
  target.focus({ preventScroll: true })
  ;(target.closest<HTMLElement>('.field, .api-credentials-org-card, [data-error-key]') ?? target).scrollIntoView({
    block: 'nearest'
  })
}

/**
 * A new or stored API credential as a page: name, base URL, environment, headers and the
 * authentication (one set of keys, or one per organization). Secrets go to main on save and
 * leave the form; what is stored shows as "Stored (encrypted)" with Replace.
 */
export function ApiCredentialEditor({
  summary,
  environment,
  verifyUrl,
  onSaved,
  onBack,
  onNew,
  onDelete,
  onRun
}: ApiCredentialEditorProps) {
  const { noticeFailure } = useVault()
  const [current, setCurrent] = useState<ApiCredentialSummary | null>(summary)
  // A new credential starts in the environment selected now.
  const baseline = useMemo(
    () => (current ? draftOf(current) : { ...emptyApiCredentialDraft, environment }),
    [current, environment]
  )
  const [draft, setDraft] = useState<ApiCredentialDraft>(baseline)
  const [saving, setSaving] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const dirty = isDirty(draft, baseline, current)
  const id = current?.id ?? null

  const edit = (patch: Partial<ApiCredentialDraft>, field: string) => {
    setDraft((d) => ({ ...d, ...patch }))
    clearField(field)
    setSavedAt(null)
  }
  const editFields = (patch: Partial<AuthFieldValues>, field: string) => {
    setDraft((d) => ({ ...d, fields: { ...d.fields, ...patch } }))
    clearField(field)
    setSavedAt(null)
  }
  const editSecret = (field: SecretField, value: SecretDraft | null) => {
    setDraft((d) => ({ ...d, secrets: withSecret(d.secrets, field, value) }))
    clearField(`auth.${field}`)
    setSavedAt(null)
  }
  const editOrg = (index: number, change: (org: OrgDraft) => OrgDraft, field: string) => {
    setDraft((d) => ({ ...d, orgs: d.orgs.map((org, i) => (i === index ? change(org) : org)) }))
    clearField(field)
    clearField('orgs')
    setSavedAt(null)
  }
  const setType = (type: ApiAuthType) => {
    // Typed secrets belong to the type they were typed for: switching drops them.
    setDraft((d) => ({ ...d, type, secrets: {}, orgs: d.orgs.map((org) => ({ ...org, secrets: {} })) }))
    clear()
    setSavedAt(null)
  }
  // An organization added with the button gets focus in its name; those loaded with the record do not.
  const focusOrg = useRef<number | null>(null)
  useEffect(() => {
    if (focusOrg.current === null) return
    document.getElementById(apiControlId(`orgs.${focusOrg.current}.org`))?.focus()
    focusOrg.current = null
  }, [draft.orgs.length])
  const addOrg = () => {
    focusOrg.current = draft.orgs.length
    setDraft((d) => ({ ...d, orgs: [...d.orgs, newOrg(d.fields)] }))
    clearField('orgs')
  }
  const removeOrg = (index: number) => {
    setDraft((d) => ({ ...d, orgs: d.orgs.filter((_, i) => i !== index) }))
    clear()
    window.setTimeout(() => document.getElementById('api-add-org')?.focus())
  }
  const setOrgSpecific = (orgSpecific: boolean) => {
    if (orgSpecific && !draft.orgs.length) focusOrg.current = 0
    setDraft((d) => ({ ...d, orgSpecific, orgs: orgSpecific && !d.orgs.length ? [newOrg(d.fields)] : d.orgs }))
    clearField('orgs')
    setSavedAt(null)
  }

  const save = async (): Promise<boolean> => {
    if (saving) return false
    clear()
    const local = localProblem(draft)
    if (local) {
      setErrors({ fields: { [local.key]: local.message }, form: null })
      setFocusRequest(local.key)
      return false
    }
    setSaving(true)
    const result = await call(() => workbench.saveApiCredential(saveInput(draft, current)))
    setSaving(false)
    if (!result.ok) {
      const placed = placeApiError(result.error, draft)
      setErrors(placed)
      noticeFailure(result.error.code)
      setFocusRequest(Object.keys(placed.fields)[0] ?? null)
      return false
    }
    // Saved: typed secrets leave the renderer; the form shows what is stored now.
    const saved = result.value
    setCurrent(saved)
    setDraft(draftOf(saved))
    markSaved()
    onSaved(saved)
    return true
  }

  const title = current ? current.name : draft.name.trim() || 'New API credential'
  const what = draft.name.trim() || current?.name || 'New API credential'
  const {
    savedAt,
    setSavedAt,
    markSaved,
    requestFocus: setFocusRequest,
    guarded,
    submit,
    unsavedDialog
  } = useEditorShell({ dirty, isNew: !id, what, save, onNew, focus: focusKey })

  const storedMain = storedSecretsOf(draft, current)
  // Stored secrets are bound to where they are sent: say so before the save is refused.
  const moved = current
    ? apiDestinationChange(
        apiDestinationOf(current, current.auth),
        apiDestinationOf(draft, { type: draft.type, endpoint: draft.fields.endpoint })
      )
    : null
  const wrongEnvironment = unusableReason(draft, environment)

  return (
    <EditorPage
      testId="api-credential-editor"
      className="api-credentials-editor-screen"
      dirty={dirty}
      onSubmit={submit}
      listName="API credentials"
      backTitle="Back to the API credentials"
      onBack={() => guarded(onBack)}
      title={title}
      titleTestId="api-credential-title"
      titleExtras={
        <>
          {draft.environment === 'test' ? <TestTag /> : null}
          <SaveState dirty={dirty} isNew={!id} savedAt={savedAt} />
        </>
      }
      subtitle={
        id
          ? 'Stored secrets are never shown; replace them to change them.'
          : 'Name it, give the API address, then choose how requests authenticate.'
      }
      actions={
        <>
          {saving ? <Spinner label="Saving…" /> : null}
          {current ? (
            <Button
              variant="danger"
              icon="trash"
              onClick={() => onDelete(current)}
              disabled={saving}
              testId="delete-current-api-credential"
            >
              Delete
            </Button>
          ) : null}
          {current ? (
            <Button
              icon="send"
              onClick={() => guarded(() => onRun(current.id))}
              disabled={saving}
              testId="run-current-api-credential"
              title="Open the request runner with this credential"
            >
              Send a request
            </Button>
          ) : null}
          <Button
            type="submit"
            variant="primary"
            icon="save"
            disabled={saving || (!dirty && !!id)}
            testId="save-api-credential"
            title={`Save (${shortcutLabel('S')})`}
            shortcut={shortcutLabel('S')}
          >
            Save
          </Button>
        </>
      }
      side={{
        label: 'What a request carries',
        head: <h2 className="result-section-title">What a request carries</h2>,
        body: <RequestSketch draft={draft} />
      }}
      after={unsavedDialog}
    >
      <FormError message={errors.form} />

      <FormSection level={2} title="Credential">
        <TextField
          id={apiControlId('name')}
          name="name"
          label="Name"
          hint="Something simple that identifies the integration, e.g. “Orders API”."
          testId="api-name"
          value={draft.name}
          onChange={(name) => edit({ name }, 'name')}
          errors={errors}
          clearField={clearField}
          readOnly={saving}
          maxLength={200}
          spellCheck={false}
          autoFocus={!id}
        />
        <TextField
          id={apiControlId('baseUrl')}
          name="baseUrl"
          label="Base URL"
          className="mono"
          placeholder="https://api.example.com/v1"
          hint={
            moved && storedMain.length + draft.orgs.reduce((n, o) => n + (o.stored?.secrets.length ?? 0), 0) > 0 ? (
              <span className="field-hint-warning" data-testid="api-destination-moved">
                {moved.charAt(0).toUpperCase() + moved.slice(1)}: stored secrets are sent only where they were entered
                for, so enter them again below.
              </span>
            ) : verifyUrl ? (
              <span className="api-credentials-base-url-hint" data-testid="verify-url-hint">
                The verification server listens at <code>{verifyUrl}</code>
                <CopyButton value={verifyUrl} label="Copy the verification server URL" testId="copy-verify-url-hint" />
                set the base URL to it to send there.
              </span>
            ) : (
              'The API address; each request adds its path (and query) to it.'
            )
          }
          testId="api-base-url"
          value={draft.baseUrl}
          onChange={(baseUrl) => edit({ baseUrl }, 'baseUrl')}
          errors={errors}
          clearField={clearField}
          readOnly={saving}
          maxLength={2000}
          spellCheck={false}
        />
        <div className="api-credentials-toggle-fields">
          <ToggleField
            id={apiControlId('environment')}
            checked={draft.environment === 'test'}
            onChange={(test) => edit({ environment: test ? 'test' : 'production' }, 'environment')}
            disabled={saving}
            testId="api-test-toggle"
            label="Test credential"
            hint={
              draft.environment === 'test'
                ? 'Shows a “test” label; used only while the Test environment is selected.'
                : 'Off: a production credential, used only while Production is selected.'
            }
          />
          <ToggleField
            id={apiControlId('orgSpecific')}
            checked={draft.orgSpecific}
            onChange={setOrgSpecific}
            disabled={saving}
            testId="api-org-toggle"
            label="Org. specific authentication"
            hint="Keys for several organizations in one credential; each request picks one."
          />
        </div>
        {wrongEnvironment ? (
          <div className="api-credentials-env-note" data-testid="env-note">
            <Icon name="info" size={13} />
            <span>
              {wrongEnvironment} {environmentLabel[environment]} is selected now, so requests with it are refused until
              you switch.
            </span>
          </div>
        ) : null}
      </FormSection>

      <FormSection level={2} title="Headers">
        <Field
          id={apiControlId('contentType')}
          name="contentType"
          label="Content-Type"
          hint="Required. Sent with every request that has a body."
          error={errors.fields['contentType']}
        >
          <select
            id={apiControlId('contentType')}
            className="input select api-credentials-content-type-select"
            value={draft.contentType}
            disabled={saving}
            onChange={(event) =>
              edit({ contentType: event.target.value as ApiCredentialDraft['contentType'] }, 'contentType')
            }
            data-testid="api-content-type"
            {...describedBy(apiControlId('contentType'), errors.fields['contentType'], true)}
          >
            {contentTypeOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label} ({option.mime})
              </option>
            ))}
          </select>
        </Field>
        <div className={`field${errors.fields['headers'] ? ' has-error' : ''}`} data-error-key="headers">
          <span className="field-label">
            Additional headers <span className="field-optional">optional</span>
          </span>
          <NameValueRows
            idPrefix={apiControlId('headers')}
            rows={draft.headers}
            onChange={(headers) => edit({ headers }, 'headers')}
            nameLabel="Header"
            valueLabel="Value"
            namePlaceholder="X-Partner-Id"
            valuePlaceholder="value"
            noun="header"
            testIds={{ name: 'header-name', value: 'header-value', remove: 'header-remove', add: 'add-header' }}
            invalid={!!errors.fields['headers']}
            readOnly={saving}
          />
          {errors.fields['headers'] ? (
            <div className="field-error" data-testid="error-headers" role="alert">
              {errors.fields['headers']}
            </div>
          ) : (
            <div className="field-hint">
              Sent with every request. To authenticate with a header, choose Headers below instead.
            </div>
          )}
        </div>
      </FormSection>

      <FormSection level={2} title="Authentication">
        <Field
          id={apiControlId('auth.type')}
          name="auth.type"
          label="Authentication type"
          error={errors.fields['auth.type']}
        >
          <select
            id={apiControlId('auth.type')}
            className="input select api-credentials-auth-type-select"
            value={draft.type}
            disabled={saving}
            onChange={(event) => setType(event.target.value as ApiAuthType)}
            data-testid="api-auth-type"
          >
            {authTypeOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        {draft.orgSpecific && draft.type !== 'none' ? (
          <p className="api-credentials-form-section-note muted">
            Optional here: requests use the keys of the organization they choose (below), and every organization uses
            this authentication type. Keys entered here are kept but not sent.
          </p>
        ) : null}
        <AuthFields
          type={draft.type}
          fields={draft.fields}
          secrets={draft.secrets}
          stored={storedMain}
          errorPrefix="auth"
          testPrefix="auth"
          errors={errors}
          readOnly={saving}
          onFields={editFields}
          onSecret={editSecret}
          showHmacOptions
          moved={moved}
        />
      </FormSection>

      {draft.orgSpecific ? (
        <FormSection level={2} title="Organizations" meta={`${draft.orgs.length}`}>
          <div className="api-credentials-org-list" data-testid="org-list" data-error-key="orgs">
            {draft.orgs.map((org, index) => (
              <OrgCard
                key={org.key}
                org={org}
                index={index}
                type={draft.type}
                errors={errors}
                readOnly={saving}
                onChange={(change, field) => editOrg(index, change, field)}
                onRemove={() => removeOrg(index)}
                moved={moved}
              />
            ))}
            {errors.fields['orgs'] ? (
              <div className="field-error" data-testid="error-orgs" role="alert">
                {errors.fields['orgs']}
              </div>
            ) : null}
            <div>
              <Button icon="plus" size="sm" onClick={addOrg} disabled={saving} testId="add-org" id="api-add-org">
                Add organization credential
              </Button>
            </div>
          </div>
        </FormSection>
      ) : null}
    </EditorPage>
  )
}
