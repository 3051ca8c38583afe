import type { ReactNode } from 'react'

interface SwitchProps {
  checked: boolean
  onChange: (checked: boolean) => void
  label: ReactNode
  /**
   * 'accent' (default): on is the usual choice, the label reads as a field's label.
   * 'danger': on is a warning (e.g. a deactivated user); the track and the short status label turn red.
   */
  tone?: 'accent' | 'danger'
  id?: string
  disabled?: boolean
  testId?: string
  /** On the whole switch, e.g. what the current state means. */
  title?: string
  /** When the visible label does not say enough, e.g. which row of a table. */
  ariaLabel?: string
  /** Id of the hint that describes it. */
  describedBy?: string
}

/** An on/off switch: a checkbox with role="switch", its track and its label. */
export function Switch({
  checked,
  onChange,
  label,
  tone = 'accent',
  id,
  disabled,
  testId,
  title,
  ariaLabel,
  describedBy
}: SwitchProps) {
  return (
    <label className={tone === 'accent' ? 'switch switch-accent' : 'switch'} htmlFor={id} title={title}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-label={ariaLabel}
        aria-describedby={describedBy}
        data-testid={testId}
      />
      <span className="switch-track" aria-hidden="true" />
      <span className={tone === 'accent' ? 'toggle-label' : 'switch-text'}>{label}</span>
    </label>
  )
}
