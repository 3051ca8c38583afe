import { useState, type ReactNode } from 'react'
import type { Result } from '../../../../preload/contract'
import { call } from '../../app/bridge'
import { FormError } from '../../ui/FormError'
import { placeError, useFormErrors } from '../../ui/formErrors'
import { Modal } from '../../ui/Modal'
import { Spinner } from '../../ui/Spinner'
import { useVault } from '../../app/vault-context'
import { accountTypeOf, controlId, CredentialFields, emptyDraft } from './CredentialFields'

/**
 * The state of a "New credential" or "Import" form (the draft, pending, errors) and the submit
 * they share. `fieldNames` are the contract fields the form shows, so a failure can go beside one.
 */
export function useCredentialForm(prefix: string, fieldNames: readonly string[]) {
  const { noticeFailure } = useVault()
  const [draft, setDraft] = useState(emptyDraft)
  const [pending, setPending] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()

  /**
   * Checks the account type, then sends the form. On success the draft is emptied and `onSuccess`
   * runs; on failure the message goes beside the field it names, `onFailure` gets that field, and
   * the field gets focus.
   */
  const submit = async <T,>(
    send: (ownerAccountType: string) => Promise<Result<T>>,
    onSuccess: (value: T) => void,
    onFailure?: (field: string | undefined) => void
  ) => {
    if (pending) return
    const ownerAccountType = accountTypeOf(draft)
    if (ownerAccountType === null) {
      setErrors({
        fields: { ownerAccountType: 'Enter the custom account type, or pick one from the list.' },
        form: null
      })
      return
    }
    setPending(true)
    clear()
    const result = await call(() => send(ownerAccountType))
    setPending(false)
    if (result.ok) {
      setDraft(emptyDraft)
      onSuccess(result.value)
      return
    }
    const placed = placeError(result.error, fieldNames)
    setErrors(placed)
    noticeFailure(result.error.code)
    const field = Object.keys(placed.fields)[0]
    onFailure?.(field)
    if (field) document.getElementById(controlId(prefix, field))?.focus()
  }

  return { prefix, draft, setDraft, pending, errors, clearField, submit }
}

export type CredentialForm = ReturnType<typeof useCredentialForm>

interface CredentialFormDialogProps {
  form: CredentialForm
  title: string
  description: string
  size?: 'md' | 'lg'
  testId: string
  pendingLabel: string
  submitLabel: string
  onSubmit: () => void
  onCancel: () => void
  /** Fields after the shared ones (Import adds the client ID and secret). */
  children?: ReactNode
}

/** The dialog around a credential form: the shared fields, then any extra ones, Cancel and submit. */
export function CredentialFormDialog({
  form,
  title,
  description,
  size,
  testId,
  pendingLabel,
  submitLabel,
  onSubmit,
  onCancel,
  children
}: CredentialFormDialogProps) {
  const { prefix, draft, setDraft, pending, errors, clearField } = form
  return (
    <Modal
      title={title}
      description={description}
      onClose={onCancel}
      onSubmit={onSubmit}
      dismissible={!pending}
      size={size}
      testId={testId}
      footer={
        <>
          {pending ? <Spinner label={pendingLabel} /> : null}
          <button type="button" className="btn" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="submit">
            {submitLabel}
          </button>
        </>
      }
    >
      <FormError message={errors.form} />
      <CredentialFields
        prefix={prefix}
        draft={draft}
        onChange={setDraft}
        errors={errors}
        clearField={clearField}
        readOnly={pending}
      />
      {children}
    </Modal>
  )
}
