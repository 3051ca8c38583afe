import type { Result, SavedCertificate } from '../../../../preload/contract'
import { ConfirmDialog } from '../../ui/ConfirmDialog'

interface KeyMismatchDialogProps {
  /** What validation said about the pair (the KEY_MISMATCH finding's message). */
  reason: string | null
  /** Saves again, keeping the key that does not match. */
  save: () => Promise<Result<SavedCertificate>>
  onDone: (value: SavedCertificate) => void
  onCancel: () => void
}

/** Before a key that does not belong to the certificate is stored: a server refuses the pair. */
export function KeyMismatchDialog({ reason, save, onDone, onCancel }: KeyMismatchDialogProps) {
  return (
    <ConfirmDialog
      title="Save a key that does not match?"
      confirmLabel="Save anyway"
      pendingLabel="Saving…"
      tone="danger"
      action={save}
      onDone={onDone}
      onCancel={onCancel}
    >
      <p data-testid="key-mismatch-reason">{reason ?? 'The private key does not belong to this certificate.'}</p>
      <p>
        A server refuses this pair in the TLS handshake. Keep it only to reproduce that failure; otherwise cancel and
        add the certificate&apos;s own key.
      </p>
    </ConfirmDialog>
  )
}
