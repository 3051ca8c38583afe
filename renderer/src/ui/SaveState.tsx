import { shortcutLabel } from './format'
import { Icon } from './Icon'

interface SaveStateProps {
  /** There are unsaved edits. */
  dirty: boolean
  /** Nothing is stored yet ("Not saved" rather than "Unsaved changes"). */
  isNew: boolean
  /** When the last save succeeded, while "Saved" is shown (useEditorShell clears it). */
  savedAt: number | null
  /** Saved, but with something the user should not read as green (e.g. a key that does not match). */
  warning?: string | null
}

/** Beside an editor's title: "Unsaved changes" (or "Not saved") while dirty, a short "Saved" after saving. */
export function SaveState({ dirty, isNew, savedAt, warning = null }: SaveStateProps) {
  if (dirty) {
    return (
      <span className="badge badge-warning" data-testid="dirty-indicator" title={`Save with ${shortcutLabel('S')}`}>
        <span className="badge-dot" aria-hidden="true" />
        {isNew ? 'Not saved' : 'Unsaved changes'}
      </span>
    )
  }
  if (savedAt !== null && warning)
    return (
      <span className="badge badge-warning" role="status" data-testid="saved-indicator" data-warning="true">
        <Icon name="warning" size={13} />
        {warning}
      </span>
    )
  return savedAt !== null ? (
    <span className="saved-flash" role="status" data-testid="saved-indicator">
      <Icon name="check" size={13} />
      Saved
    </span>
  ) : null
}
