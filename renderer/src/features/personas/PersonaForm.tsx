import { Field } from '../../ui/Field'
import type { FormErrors } from '../../ui/formErrors'
import { NameValueRows } from '../../ui/NameValueRows'
import { PresetSelect } from '../../ui/PresetSelect'
import { TextField } from '../../ui/TextField'
import { personaAccountTypes, splitList, type PersonaDraft } from './personaDraft'
import { FormSection } from '../../ui/FormSection'

/** The element id of the control for a contract field, so errors can move focus to it. */
export function personaControlId(field: string): string {
  if (field === 'userAttributes') return 'persona-ua-name-0'
  if (field === 'extraParams') return 'persona-param-name-0'
  return `persona-${field}`
}

/** A field label with the URL parameter and JWT claim it becomes. */
function ParamLabel({ label, param }: { label: string; param: string }) {
  return (
    <>
      {label}
      <code className="personas-field-param" title="Sent as this URL parameter · JWT claim">
        {param}
      </code>
    </>
  )
}

interface PersonaFormProps {
  draft: PersonaDraft
  onChange: (draft: PersonaDraft) => void
  errors: FormErrors
  clearField: (field: string) => void
  readOnly: boolean
}

/** Every field of a persona. Lists (teams, attribute values) are typed comma separated. */
export function PersonaForm({ draft, onChange, errors, clearField, readOnly }: PersonaFormProps) {
  const edit = (patch: Partial<PersonaDraft>, field?: string) => {
    onChange({ ...draft, ...patch })
    if (field) clearField(field)
  }
  const text = (field: keyof PersonaDraft & string) => ({
    id: personaControlId(field),
    name: field,
    errors,
    clearField,
    readOnly,
    spellCheck: false,
    onChange: (value: string) => edit({ [field]: value })
  })
  const teams = splitList(draft.teams)

  return (
    <div className="personas-form">
      <FormSection title="Identity">
        <TextField
          {...text('name')}
          label="Persona name"
          testId="persona-name"
          value={draft.name}
          maxLength={200}
          hint="How this persona is listed here; it is not sent."
        />
        <div className="field-row">
          <TextField
            {...text('email')}
            label={<ParamLabel label="Email" param=":email · sub" />}
            testId="persona-email"
            value={draft.email}
            maxLength={320}
            placeholder="ada@example.com"
          />
          <TextField
            {...text('externalUserId')}
            label={<ParamLabel label="External user ID" param=":external_user_id" />}
            testId="persona-external-user-id"
            value={draft.externalUserId}
            maxLength={500}
            placeholder="user-123"
          />
        </div>
        <TextField
          {...text('teams')}
          label={<ParamLabel label="Teams" param=":external_user_team · teams" />}
          testId="persona-teams"
          value={draft.teams}
          placeholder="Sales_Managers, Sales_People"
          hint={
            teams.length ? (
              <span className="chips" data-testid="persona-team-chips">
                {teams.map((team, index) => (
                  <span className="chip" key={`${team}-${index}`}>
                    {team}
                  </span>
                ))}
              </span>
            ) : (
              'Comma separated. A secure embed user needs at least one team the workbook is shared with.'
            )
          }
        />
        <div className="field-row">
          <Field
            id={personaControlId('accountType')}
            name="accountType"
            label={<ParamLabel label="Account type" param=":account_type" />}
            error={errors.fields.accountType}
          >
            <PresetSelect
              id={personaControlId('accountType')}
              testId="persona-account-type"
              presets={personaAccountTypes}
              value={draft.accountType}
              onChange={(accountType) => edit({ accountType }, 'accountType')}
              customLabel="Custom account type"
              customPlaceholder="Account type name"
              error={errors.fields.accountType}
              readOnly={readOnly}
            />
          </Field>
          <div />
        </div>
      </FormSection>

      <FormSection title="Name shown in the host" description="Optional; without it the host shows “Embed User”.">
        <div className="field-row">
          <TextField
            {...text('firstName')}
            label={<ParamLabel label="First name" param=":first_name" />}
            testId="persona-first-name"
            value={draft.firstName}
            maxLength={200}
            optional
          />
          <TextField
            {...text('lastName')}
            label={<ParamLabel label="Last name" param=":last_name" />}
            testId="persona-last-name"
            value={draft.lastName}
            maxLength={200}
            optional
          />
        </div>
      </FormSection>

      <FormSection
        title="User attributes"
        description="Sent as :ua_{name} (URL) or the user_attributes claim (JWT), e.g. for row-level security."
      >
        <Field
          id={personaControlId('userAttributes')}
          name="userAttributes"
          label={<span className="visually-hidden">User attributes</span>}
          error={errors.fields.userAttributes}
        >
          <NameValueRows
            idPrefix="persona-ua"
            rows={draft.userAttributes}
            onChange={(userAttributes) => edit({ userAttributes }, 'userAttributes')}
            nameLabel="Attribute"
            valueLabel="Values (comma separated)"
            namePlaceholder="Region"
            valuePlaceholder="West, East"
            noun="attribute"
            testIds={{
              name: 'persona-ua-name',
              value: 'persona-ua-values',
              remove: 'remove-user-attribute',
              add: 'add-user-attribute'
            }}
            invalid={!!errors.fields.userAttributes}
            readOnly={readOnly}
            emptyText="No user attributes."
          />
        </Field>
      </FormSection>

      <FormSection title="Advanced">
        <TextField
          {...text('evalConnectionId')}
          label={<ParamLabel label="Eval connection ID" param=":eval_connection_id" />}
          testId="persona-eval-connection-id"
          value={draft.evalConnectionId}
          maxLength={200}
          optional
          className="mono"
          hint="Evaluate workbooks against this connection instead of their own."
        />
        <Field
          id={personaControlId('extraParams')}
          name="extraParams"
          label="Extra URL parameters"
          error={errors.fields.extraParams}
          optional
        >
          <NameValueRows
            idPrefix="persona-param"
            rows={draft.extraParams}
            onChange={(extraParams) => edit({ extraParams }, 'extraParams')}
            nameLabel="Parameter"
            valueLabel="Value"
            namePlaceholder=":use_user_name"
            valuePlaceholder="true"
            noun="parameter"
            testIds={{
              name: 'persona-param-name',
              value: 'persona-param-value',
              remove: 'remove-extra-param',
              add: 'add-extra-param'
            }}
            readOnly={readOnly}
            emptyText="Added to the embed URL as given, after the persona’s own parameters."
          />
        </Field>
      </FormSection>
    </div>
  )
}
