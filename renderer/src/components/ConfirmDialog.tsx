import { useState, type ReactNode } from 'react'
import type { Result } from '../../../preload/contract'
import { FormError } from './FormError'
import { Modal } from './Modal'
import { Spinner } from './Spinner'

interface ConfirmDialogProps<T> {
  title: ReactNode
  children: ReactNode
  confirmLabel: string
  pendingLabel: string
  tone?: 'default' | 'danger'
  /** Runs the action; a failure is shown in the dialog, success calls onDone. */
  action: () => Promise<Result<T>>
  onDone: (value: T) => void
  onCancel: () => void
  /** Called with every failure, e.g. to re-read the vault status. */
  onFailure?: (result: Extract<Result<T>, { ok: false }>) => void
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
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const confirm = async () => {
    if (pending) return
    setPending(true)
    setError(null)
    const result = await action()
    setPending(false)
    if (result.ok) onDone(result.value)
    else {
      setError(result.error.message)
      onFailure?.(result)
    }
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
