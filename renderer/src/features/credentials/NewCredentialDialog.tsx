import type { CreatedCredential } from '../../../../preload/contract'
import { workbench } from '../../app/bridge'
import { credentialFieldNames } from './CredentialFields'
import { CredentialFormDialog, useCredentialForm } from './CredentialForm'

export function NewCredentialDialog({
  onCreated,
  onCancel
}: {
  onCreated: (created: CreatedCredential) => void
  onCancel: () => void
}) {
  const form = useCredentialForm('new-credential', credentialFieldNames)
  const { draft } = form

  const submit = () =>
    form.submit(
      (ownerAccountType) =>
        workbench.createCredential({
          name: draft.name,
          description: draft.description,
          owner: draft.owner,
          ownerAccountType
        }),
      onCreated
    )

  return (
    <CredentialFormDialog
      form={form}
      title="New credential"
      description="Creates a client ID and embed secret for signing secure embed URLs. The secret is shown once."
      testId="new-credential-dialog"
      pendingLabel="Creating…"
      submitLabel="Create credential"
      onSubmit={submit}
      onCancel={onCancel}
    />
  )
}
