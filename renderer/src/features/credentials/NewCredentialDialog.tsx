import { useState } from 'react'
import type { CreatedCredential } from '../../../../preload/contract'
import { call, workbench } from '../../bridge'
import { FormError } from '../../components/FormError'
import { placeError, useFormErrors } from '../../components/formErrors'
import { Modal } from '../../components/Modal'
import { Spinner } from '../../components/Spinner'
import { useVault } from '../../vault-context'
import { accountTypeOf, controlId, credentialFieldNames, CredentialFields, emptyDraft } from './CredentialFields'

const prefix = 'new-credential'

export function NewCredentialDialog({ onCreated, onCancel }: { onCreated: (created: CreatedCredential) => void; onCancel: () => void }) {
  const { noticeFailure } = useVault()
  const [draft, setDraft] = useState(emptyDraft)
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
      workbench.createCredential({ name: draft.name, description: draft.description, owner: draft.owner, ownerAccountType })
    )
    setPending(false)
    if (result.ok) {
      setDraft(emptyDraft)
      onCreated(result.value)
      return
    }
    const placed = placeError(result.error, credentialFieldNames)
    setErrors(placed)
    noticeFailure(result.error.code)
    const field = Object.keys(placed.fields)[0]
    if (field) focus(field)
  }

  return (
    <Modal
      title="New credential"
      description="Creates a client ID and embed secret for signing secure embed URLs. The secret is shown once."
      onClose={onCancel}
      onSubmit={submit}
      dismissible={!pending}
      testId="new-credential-dialog"
      footer={
        <>
          {pending ? <Spinner label="Creating…" /> : null}
          <button type="button" className="btn" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="submit">
            Create credential
          </button>
        </>
      }
    >
      <FormError message={errors.form} />
      <CredentialFields prefix={prefix} draft={draft} onChange={setDraft} errors={errors} clearField={clearField} readOnly={pending} />
    </Modal>
  )
}
