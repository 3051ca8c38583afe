import { useState } from 'react'
import type { ImportedCredential } from '../../../../preload/contract'
import { workbench } from '../../app/bridge'
import { TextField } from '../../ui/TextField'
import { controlId, credentialFieldNames } from './CredentialFields'
import { CredentialFormDialog, useCredentialForm } from './CredentialForm'

const prefix = 'import-credential'
const fieldNames = [...credentialFieldNames, 'clientId', 'secret']

export function ImportCredentialDialog({
  onImported,
  onCancel
}: {
  onImported: (imported: ImportedCredential) => void
  onCancel: () => void
}) {
  const form = useCredentialForm(prefix, fieldNames)
  const { draft, pending, errors, clearField } = form
  const [clientId, setClientId] = useState('')
  const [secret, setSecret] = useState('')

  const submit = () =>
    form.submit(
      (ownerAccountType) =>
        workbench.importCredential({
          name: draft.name,
          description: draft.description,
          owner: draft.owner,
          ownerAccountType,
          clientId,
          secret
        }),
      (imported) => {
        // The secret leaves React state before the dialog reports back.
        setSecret('')
        setClientId('')
        onImported(imported)
      },
      (field) => {
        if (field === 'secret') setSecret('')
      }
    )

  return (
    <CredentialFormDialog
      form={form}
      title="Import credential"
      description="Add a client ID and embed secret that were created in a customer's org (Administration › Developer Access)."
      size="lg"
      testId="import-credential-dialog"
      pendingLabel="Encrypting…"
      submitLabel="Import credential"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="credentials-form-divider" />
      <TextField
        id={controlId(prefix, 'clientId')}
        name="clientId"
        label="Client ID"
        hint="64 hexadecimal characters."
        testId="import-client-id"
        value={clientId}
        onChange={setClientId}
        errors={errors}
        clearField={clearField}
        className="mono"
        readOnly={pending}
        spellCheck={false}
        placeholder="e.g. 3f9a…"
      />
      <TextField
        id={controlId(prefix, 'secret')}
        name="secret"
        label="Embed secret"
        hint="Encrypted in the vault as soon as you import it; it is never shown again."
        testId="import-secret"
        type="password"
        value={secret}
        onChange={setSecret}
        errors={errors}
        clearField={clearField}
        className="mono"
        readOnly={pending}
        spellCheck={false}
      />
    </CredentialFormDialog>
  )
}
