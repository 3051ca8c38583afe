import type { ReactNode } from 'react'
import { Icon, type IconName } from './Icon'

interface StoredValueBoxProps {
  /** The field's control id: Replace gets `${id}-replace`, so a label or an error can point at it. */
  id: string
  testId: string
  icon: IconName
  title?: string
  className?: string
  readOnly: boolean
  onReplace: () => void
  /** Offered when the value is optional: it is removed on save. */
  onRemove?: () => void
  children: ReactNode
}

/** A stored value (a key, a secret, a CA) in a form: never shown, it can be replaced or removed. */
export function StoredValueBox({
  id,
  testId,
  icon,
  title,
  className,
  readOnly,
  onReplace,
  onRemove,
  children
}: StoredValueBoxProps) {
  return (
    <div
      className={`material-box is-stored${className ? ` ${className}` : ''}`}
      data-testid={`${testId}-stored`}
      title={title}
    >
      <Icon name={icon} size={14} />
      <span className="material-box-text">{children}</span>
      <span className="material-box-actions">
        <button
          type="button"
          id={`${id}-replace`}
          className="btn btn-sm btn-ghost"
          onClick={onReplace}
          disabled={readOnly}
          data-testid={`${testId}-replace`}
        >
          Replace
        </button>
        {onRemove ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost btn-ghost-danger"
            onClick={onRemove}
            disabled={readOnly}
            data-testid={`${testId}-remove`}
          >
            Remove
          </button>
        ) : null}
      </span>
    </div>
  )
}

/** A stored value the user removed: it goes when the form is saved, and Undo keeps it. */
export function RemovedValueBox({
  testId,
  className,
  readOnly,
  onUndo
}: {
  testId: string
  className?: string
  readOnly: boolean
  onUndo: () => void
}) {
  return (
    <div className={`material-box is-removed${className ? ` ${className}` : ''}`} data-testid={`${testId}-removed`}>
      <Icon name="trash" size={14} />
      <span className="material-box-text">Removed when you save.</span>
      <span className="material-box-actions">
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={onUndo}
          disabled={readOnly}
          data-testid={`${testId}-undo-remove`}
        >
          Undo
        </button>
      </span>
    </div>
  )
}
