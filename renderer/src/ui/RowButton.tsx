import { Icon, type IconName } from './Icon'

interface RowButtonProps {
  label: string
  icon: IconName
  /** What it does, in a sentence (the tooltip). */
  title: string
  testId: string
  danger?: boolean
  onClick: () => void
}

/** A table row's action: icon + label; the label hides (but stays the accessible name) when the table is narrow. */
export function RowButton({ label, icon, title, testId, danger, onClick }: RowButtonProps) {
  return (
    <button
      type="button"
      className={`btn btn-sm btn-ghost row-action${danger ? ' btn-ghost-danger' : ''}`}
      onClick={onClick}
      data-testid={testId}
      title={title}
    >
      <Icon name={icon} size={13} />
      <span className="row-action-label">{label}</span>
    </button>
  )
}
