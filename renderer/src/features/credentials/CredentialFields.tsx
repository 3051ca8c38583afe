import type { FormErrors } from '../../components/formErrors'
import { describedBy, Field } from '../../components/Field'
import { TextField } from '../../components/TextField'

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
  const edit = (patch: Partial<CredentialDraft>) => onChange({ ...draft, ...patch })
  // The select and the custom name are one contract field.
  const editAccountType = (patch: Partial<CredentialDraft>) => {
    edit(patch)
    clearField('ownerAccountType')
  }
  const typeId = controlId(prefix, 'ownerAccountType')

  return (
    <>
      <TextField
        id={controlId(prefix, 'name')}
        name="name"
        label="Name"
        hint="A unique name, e.g. the customer or environment it is for."
        testId="credential-name"
        value={draft.name}
        onChange={(name) => edit({ name })}
        errors={errors}
        clearField={clearField}
        readOnly={readOnly}
        maxLength={200}
        spellCheck={false}
        data-autofocus
      />
      <TextField
        id={controlId(prefix, 'description')}
        name="description"
        label="Description"
        optional
        testId="credential-description"
        value={draft.description}
        onChange={(description) => edit({ description })}
        errors={errors}
        clearField={clearField}
        readOnly={readOnly}
        maxLength={2000}
      />
      <div className="field-row">
        <TextField
          id={controlId(prefix, 'owner')}
          name="owner"
          label="Owner"
          optional
          hint="Email or name of the org member."
          testId="credential-owner"
          value={draft.owner}
          onChange={(owner) => edit({ owner })}
          errors={errors}
          clearField={clearField}
          readOnly={readOnly}
          maxLength={320}
          spellCheck={false}
          placeholder="admin@example.com"
        />
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
              onChange={(event) => editAccountType({ accountTypeChoice: event.target.value as AccountTypeChoice })}
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
                onChange={(event) => editAccountType({ customAccountType: event.target.value })}
              />
            ) : null}
          </div>
        </Field>
      </div>
    </>
  )
}
