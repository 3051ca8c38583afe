import type { FormErrors } from '../../components/formErrors'
import { describedBy, Field } from '../../components/Field'

export const presetAccountTypes = ['Admin', 'Creator', 'Viewer'] as const
type AccountTypeChoice = (typeof presetAccountTypes)[number] | 'custom'

export interface CredentialDraft {
  name: string
  description: string
  owner: string
  accountTypeChoice: AccountTypeChoice
  customAccountType: string
}

export const emptyDraft: CredentialDraft = {
  name: '',
  description: '',
  owner: '',
  accountTypeChoice: 'Admin',
  customAccountType: ''
}

export const credentialFieldNames = ['name', 'description', 'owner', 'ownerAccountType'] as const

/** The account type to send, or null when "Custom" is chosen but nothing was typed. */
export function accountTypeOf(draft: CredentialDraft): string | null {
  if (draft.accountTypeChoice !== 'custom') return draft.accountTypeChoice
  const custom = draft.customAccountType.trim()
  return custom === '' ? null : custom
}

/** The element id of the control for a contract field, so errors can move focus to it. */
export function controlId(prefix: string, field: string): string {
  return field === 'ownerAccountType' ? `${prefix}-account-type` : `${prefix}-${field}`
}

interface CredentialFieldsProps {
  prefix: string
  draft: CredentialDraft
  onChange: (draft: CredentialDraft) => void
  errors: FormErrors
  clearField: (field: string) => void
  readOnly: boolean
}

/** Name, description, owner and owner account type: shared by "New credential" and "Import". */
export function CredentialFields({ prefix, draft, onChange, errors, clearField, readOnly }: CredentialFieldsProps) {
  const set = <K extends keyof CredentialDraft>(key: K, value: CredentialDraft[K], field: string) => {
    onChange({ ...draft, [key]: value })
    clearField(field)
  }
  const nameId = controlId(prefix, 'name')
  const descriptionId = controlId(prefix, 'description')
  const ownerId = controlId(prefix, 'owner')
  const typeId = controlId(prefix, 'ownerAccountType')

  return (
    <>
      <Field id={nameId} name="name" label="Name" hint="A unique name, e.g. the customer or environment it is for." error={errors.fields.name}>
        <input
          id={nameId}
          className="input"
          data-testid="credential-name"
          value={draft.name}
          readOnly={readOnly}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          onChange={(event) => set('name', event.target.value, 'name')}
          {...describedBy(nameId, errors.fields.name, true)}
        />
      </Field>
      <Field id={descriptionId} name="description" label="Description" optional error={errors.fields.description}>
        <input
          id={descriptionId}
          className="input"
          data-testid="credential-description"
          value={draft.description}
          readOnly={readOnly}
          maxLength={2000}
          autoComplete="off"
          onChange={(event) => set('description', event.target.value, 'description')}
          {...describedBy(descriptionId, errors.fields.description, false)}
        />
      </Field>
      <div className="field-row">
        <Field id={ownerId} name="owner" label="Owner" optional hint="Email or name of the org member." error={errors.fields.owner}>
          <input
            id={ownerId}
            className="input"
            data-testid="credential-owner"
            value={draft.owner}
            readOnly={readOnly}
            maxLength={320}
            autoComplete="off"
            spellCheck={false}
            placeholder="admin@example.com"
            onChange={(event) => set('owner', event.target.value, 'owner')}
            {...describedBy(ownerId, errors.fields.owner, true)}
          />
        </Field>
        <Field
          id={typeId}
          name="ownerAccountType"
          label="Owner account type"
          hint="The embed secret uses this account type's permissions."
          error={errors.fields.ownerAccountType}
        >
          <div className="account-type">
            <select
              id={typeId}
              className="input select"
              data-testid="credential-account-type"
              value={draft.accountTypeChoice}
              disabled={readOnly}
              onChange={(event) => set('accountTypeChoice', event.target.value as AccountTypeChoice, 'ownerAccountType')}
              {...describedBy(typeId, errors.fields.ownerAccountType, true)}
            >
              {presetAccountTypes.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
              <option value="custom">Custom…</option>
            </select>
            {draft.accountTypeChoice === 'custom' ? (
              <input
                className="input"
                aria-label="Custom account type"
                data-testid="credential-account-type-custom"
                value={draft.customAccountType}
                readOnly={readOnly}
                maxLength={100}
                autoComplete="off"
                spellCheck={false}
                placeholder="Account type name"
                autoFocus
                onChange={(event) => set('customAccountType', event.target.value, 'ownerAccountType')}
              />
            ) : null}
          </div>
        </Field>
      </div>
    </>
  )
}
