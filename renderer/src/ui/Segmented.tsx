import type { ReactNode } from 'react'

export interface SegmentOption<T extends string> {
  value: T
  label: ReactNode
  title?: string
}

interface SegmentedProps<T extends string> {
  /** Accessible name of the group. */
  label: string
  /** Radio group name (unique on the page). */
  name: string
  value: T
  options: readonly SegmentOption<T>[]
  onChange: (value: T) => void
  testId?: string
  /** data-testid of each option's radio input. */
  optionTestId?: (value: T) => string
  size?: 'sm' | 'md'
  disabled?: boolean
}

/** A segmented control: radio buttons styled as one pill, so arrow keys move between options. */
export function Segmented<T extends string>({
  label,
  name,
  value,
  options,
  onChange,
  testId,
  optionTestId,
  size = 'md',
  disabled
}: SegmentedProps<T>) {
  return (
    <div
      className={`segmented${size === 'sm' ? ' segmented-sm' : ''}`}
      role="radiogroup"
      aria-label={label}
      data-testid={testId}
    >
      {options.map((option) => (
        <label
          key={option.value}
          className={`segment${value === option.value ? ' is-selected' : ''}`}
          title={option.title}
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            disabled={disabled}
            onChange={() => onChange(option.value)}
            data-testid={optionTestId?.(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  )
}

/** Name and test ids of a segmented control from one id: testid `id`, options `id-{value}`. */
export function segmentIds(id: string) {
  return { name: id, testId: id, optionTestId: (value: string) => `${id}-${value}` }
}
