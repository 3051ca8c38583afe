import type { ReactNode } from 'react'
import type { Result, WorkbenchFailure } from '../../../preload/contract'
import { FormError } from './FormError'
import { Modal } from './Modal'
import { Spinner } from './Spinner'
import { usePendingCall } from './usePendingCall'

interface ConfirmDialogProps<T> {
  title: ReactNode
  children: ReactNode
  confirmLabel: string
  pendingLabel: string
  tone?: 'default' | 'danger'
  /** The bridge call to make; a failure is shown in the dialog, success calls onDone. */
  action: () => Promise<Result<T>>
  onDone: (value: T) => void
  onCancel: () => void
  /** Called with every failure, e.g. to re-read the vault status. */
  onFailure?: (failure: WorkbenchFailure) => void
}

export function ConfirmDialog<T>({
  title,
  children,
  confirmLabel,
  pendingLabel,
  tone = 'default',
  action,
  onDone,
  onCancel,
  onFailure
}: ConfirmDialogProps<T>) {
  const { pending, error, run } = usePendingCall()

  const confirm = () => {
    if (pending) return
    void run(action, onDone, onFailure)
  }

  return (
    <Modal
      title={title}
      size="sm"
      tone={tone}
      onClose={onCancel}
      onSubmit={confirm}
      dismissible={!pending}
      testId="confirm-dialog"
      footer={
        <>
          {pending ? <Spinner label={pendingLabel} /> : null}
          <button type="button" className="btn" onClick={onCancel} disabled={pending} data-testid="cancel">
            Cancel
          </button>
          <button
            type="submit"
            className={`btn ${tone === 'danger' ? 'btn-danger' : 'btn-primary'}`}
            disabled={pending}
            data-testid="confirm"
            data-autofocus
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="confirm-body">{children}</div>
      <FormError message={error} />
    </Modal>
  )
}
