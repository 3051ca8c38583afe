import type { ButtonHTMLAttributes } from 'react'
import { shortcutLabel } from './format'
import { Icon, type IconName } from './Icon'

interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  icon?: IconName
  variant?: 'default' | 'primary' | 'ghost' | 'danger'
  size?: 'sm' | 'md'
  testId?: string
  /** A keyboard shortcut shown at the end, e.g. "Ctrl+S". */
  shortcut?: string
  type?: 'button' | 'submit'
}

const variantClass = {
  default: '',
  primary: ' btn-primary',
  ghost: ' btn-ghost',
  danger: ' btn-ghost btn-ghost-danger'
} as const

/** A button with an optional leading icon and trailing shortcut. */
export function Button({
  icon,
  variant = 'default',
  size = 'md',
  testId,
  shortcut,
  type = 'button',
  className,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={`btn${variantClass[variant]}${size === 'sm' ? ' btn-sm' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      {...rest}
    >
      {icon ? <Icon name={icon} size={size === 'sm' ? 13 : 14} /> : null}
      {children}
      {shortcut ? <kbd className={`kbd${variant === 'primary' ? ' kbd-on-primary' : ''}`}>{shortcut}</kbd> : null}
    </button>
  )
}

interface CreateActionsProps {
  /** What is created, e.g. "persona": the buttons say "New persona" and "Import…". */
  noun: string
  onNew: () => void
  onImport: () => void
  newTestId: string
  importTestId: string
  /** The import button's label; "Import" unless given. */
  importLabel?: string
  /** In a screen header: New goes last and shows its Ctrl+N shortcut. */
  inHeader?: boolean
}

/** "Import" and "New {noun}": the two ways to add to a list, in a header or an empty state. */
export function CreateActions({
  noun,
  onNew,
  onImport,
  newTestId,
  importTestId,
  importLabel = 'Import',
  inHeader
}: CreateActionsProps) {
  const shortcut = inHeader ? shortcutLabel('N') : undefined
  const create = (
    <Button
      icon="plus"
      variant="primary"
      onClick={onNew}
      testId={newTestId}
      title={shortcut ? `New ${noun} (${shortcut})` : undefined}
      shortcut={shortcut}
    >
      New {noun}
    </Button>
  )
  const load = (
    <Button icon="import" onClick={onImport} testId={importTestId}>
      {importLabel}
    </Button>
  )
  // In a header the primary action is last (rightmost); in an empty state it comes first.
  return inHeader ? (
    <>
      {load}
      {create}
    </>
  ) : (
    <>
      {create}
      {load}
    </>
  )
}
