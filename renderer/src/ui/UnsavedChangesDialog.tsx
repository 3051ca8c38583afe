import { useState } from 'react'
import { Modal } from './Modal'
import { Spinner } from './Spinner'

interface UnsavedChangesDialogProps {
  /** What has unsaved edits, e.g. a persona's name. */
  what: string
  /** Saves; resolves false when that failed (the dialog then closes so the form can show why). */
  onSave: () => Promise<boolean>
  /** Runs after a successful save or a discard: what the user was about to do. */
  onProceed: () => void
  onCancel: () => void
}

/** "Save changes to X?" before an action would drop unsaved edits: Save, Discard or stay. */
export function UnsavedChangesDialog({ what, onSave, onProceed, onCancel }: UnsavedChangesDialogProps) {
  const [pending, setPending] = useState(false)

  const save = async () => {
    if (pending) return
    setPending(true)
    const saved = await onSave()
    setPending(false)
    if (saved) onProceed()
    else onCancel()
  }

  return (
    <Modal
      title={`Save changes to “${what}”?`}
      size="sm"
      onClose={onCancel}
      onSubmit={() => void save()}
      dismissible={!pending}
      testId="unsaved-dialog"
      footer={
        <>
          {pending ? <Spinner label="Saving…" /> : null}
          <button type="button" className="btn" onClick={onCancel} disabled={pending} data-testid="unsaved-cancel">
            Keep editing
          </button>
          <button type="button" className="btn" onClick={onProceed} disabled={pending} data-testid="unsaved-discard">
            Discard changes
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={pending}
            data-testid="unsaved-save"
            data-autofocus
          >
            Save
          </button>
        </>
      }
    >
      <div className="confirm-body">
        <p>Your edits have not been saved. Save them first, or discard them?</p>
      </div>
    </Modal>
  )
}
