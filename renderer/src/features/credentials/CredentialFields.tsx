import type { FormErrors } from '../../ui/formErrors'
import { Field } from '../../ui/Field'
import { presetValue, PresetSelect, type Preset, type PresetChoice } from '../../ui/PresetSelect'
import { TextField } from '../../ui/TextField'

export const presetAccountTypes: readonly Preset[] = ['Admin', 'Creator', 'Viewer'].map((type) => ({
  value: type,
  label: type
}))

export interface CredentialDraft {
  name: string
  description: string
  owner: string
  accountType: PresetChoice
}

export const emptyDraft: CredentialDraft = {
  name: '',
  description: '',
  owner: '',
  accountType: { choice: 'Admin', custom: '' }
}

export const credentialFieldNames = ['name', 'description', 'owner', 'ownerAccountType'] as const

/** The account type to send, or null when "Custom" is chosen but nothing was typed. */
export function accountTypeOf(draft: CredentialDraft): string | null {
  const type = presetValue(draft.accountType)
  return type === '' ? null : type
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
          <PresetSelect
            id={typeId}
            testId="credential-account-type"
            presets={presetAccountTypes}
            value={draft.accountType}
            onChange={(accountType) => editAccountType({ accountType })}
            customLabel="Custom account type"
            customPlaceholder="Account type name"
            error={errors.fields.ownerAccountType}
            hasHint
            readOnly={readOnly}
          />
        </Field>
      </div>
    </>
  )
}
