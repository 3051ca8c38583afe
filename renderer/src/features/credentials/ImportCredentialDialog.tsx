import { useState } from 'react'
import type { ImportedCredential } from '../../../../preload/contract'
import { call, workbench } from '../../bridge'
import { describedBy, Field } from '../../components/Field'
import { FormError } from '../../components/FormError'
import { placeError, useFormErrors } from '../../components/formErrors'
import { Modal } from '../../components/Modal'
import { Spinner } from '../../components/Spinner'
import { useVault } from '../../vault-context'
import { accountTypeOf, controlId, credentialFieldNames, CredentialFields, emptyDraft } from './CredentialFields'

const prefix = 'import-credential'
const fieldNames = [...credentialFieldNames, 'clientId', 'secret']

export function ImportCredentialDialog({
  onImported,
  onCancel
}: {
  onImported: (imported: ImportedCredential) => void
  onCancel: () => void
}) {
  const { noticeFailure } = useVault()
  const [draft, setDraft] = useState(emptyDraft)
  const [clientId, setClientId] = useState('')
  const [secret, setSecret] = useState('')
  const [pending, setPending] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()

  const focus = (field: string) => document.getElementById(controlId(prefix, field))?.focus()

  const submit = async () => {
    if (pending) return
    const ownerAccountType = accountTypeOf(draft)
    if (ownerAccountType === null) {
      setErrors({ fields: { ownerAccountType: 'Enter the custom account type, or pick one from the list.' }, form: null })
      return
    }
    setPending(true)
    clear()
    const result = await call(() =>
      workbench.importCredential({
        name: draft.name,
        description: draft.description,
        owner: draft.owner,
        ownerAccountType,
        clientId,
        secret
      })
    )
    if (result.ok) {
      // The secret leaves React state before anything else happens.
      setSecret('')
      setClientId('')
      setDraft(emptyDraft)
      setPending(false)
      onImported(result.value)
      return
    }
    setPending(false)
    const placed = placeError(result.error, fieldNames)
    setErrors(placed)
    noticeFailure(result.error.code)
    const field = Object.keys(placed.fields)[0]
    if (field === 'secret') setSecret('')
    if (field) focus(field)
  }

  const clientIdId = controlId(prefix, 'clientId')
  const secretId = controlId(prefix, 'secret')

  return (
    <Modal
      title="Import credential"
      description="Add a client ID and embed secret that were created in a customer's org (Administration › Developer Access)."
      onClose={onCancel}
      onSubmit={submit}
      dismissible={!pending}
      size="lg"
      testId="import-credential-dialog"
      footer={
        <>
          {pending ? <Spinner label="Encrypting…" /> : null}
          <button type="button" className="btn" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="submit">
            Import credential
          </button>
        </>
      }
    >
      <FormError message={errors.form} />
      <CredentialFields prefix={prefix} draft={draft} onChange={setDraft} errors={errors} clearField={clearField} readOnly={pending} />
      <div className="form-divider" />
      <Field id={clientIdId} name="clientId" label="Client ID" hint="64 hexadecimal characters." error={errors.fields.clientId}>
        <input
          id={clientIdId}
          className="input mono"
          data-testid="import-client-id"
          value={clientId}
          readOnly={pending}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. 3f9a…"
          onChange={(event) => {
            setClientId(event.target.value)
            clearField('clientId')
          }}
          {...describedBy(clientIdId, errors.fields.clientId, true)}
        />
      </Field>
      <Field
        id={secretId}
        name="secret"
        label="Embed secret"
        hint="Encrypted in the vault as soon as you import it; it is never shown again."
        error={errors.fields.secret}
      >
        <input
          id={secretId}
          type="password"
          className="input mono"
          data-testid="import-secret"
          value={secret}
          readOnly={pending}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            setSecret(event.target.value)
            clearField('secret')
          }}
          {...describedBy(secretId, errors.fields.secret, true)}
        />
      </Field>
    </Modal>
  )
}
