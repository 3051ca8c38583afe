import { useEffect, useRef } from 'react'
import { describedBy } from './Field'

export interface Preset {
  value: string
  label: string
}

/** A preset picked from the list, or "custom" with the text typed beside it. */
export interface PresetChoice {
  choice: string
  custom: string
}

export const CUSTOM = 'custom'

/** The value to send: the preset, or the trimmed custom text. */
export function presetValue({ choice, custom }: PresetChoice): string {
  return choice === CUSTOM ? custom.trim() : choice
}

/** The choice that shows `value`: its preset when there is one, else "custom" with the value. */
export function presetChoice(value: string, presets: readonly Preset[]): PresetChoice {
  return presets.some((preset) => preset.value === value)
    ? { choice: value, custom: '' }
    : { choice: CUSTOM, custom: value }
}

interface PresetSelectProps {
  id: string
  /** data-testid of the select; the custom input gets `${testId}-custom`. */
  testId: string
  presets: readonly Preset[]
  value: PresetChoice
  onChange: (value: PresetChoice) => void
  customLabel: string
  customPlaceholder: string
  /** Accessible label of the select, when no <label for> names it. */
  ariaLabel?: string
  error?: string | undefined
  hasHint?: boolean
  disabled?: boolean
  readOnly?: boolean
  maxLength?: number
}

/** A select of presets plus "Custom…", which reveals a text input for any other value. */
export function PresetSelect({
  id,
  testId,
  presets,
  value,
  onChange,
  customLabel,
  customPlaceholder,
  ariaLabel,
  error,
  hasHint = false,
  disabled,
  readOnly,
  maxLength = 100
}: PresetSelectProps) {
  const customInput = useRef<HTMLInputElement>(null)
  // Picking "Custom…" moves focus to the new input; showing a stored custom value does not.
  const focusPending = useRef(false)
  useEffect(() => {
    if (focusPending.current && value.choice === CUSTOM) customInput.current?.focus()
    focusPending.current = false
  }, [value.choice])

  return (
    <div className="preset-select">
      <select
        id={id}
        className="input select"
        data-testid={testId}
        value={value.choice}
        disabled={disabled || readOnly}
        aria-label={ariaLabel}
        onChange={(event) => {
          focusPending.current = event.target.value === CUSTOM
          onChange({ ...value, choice: event.target.value })
        }}
        {...describedBy(id, error, hasHint)}
      >
        {presets.map((preset) => (
          <option key={preset.value} value={preset.value}>
            {preset.label}
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {value.choice === CUSTOM ? (
        <input
          ref={customInput}
          className="input"
          aria-label={customLabel}
          data-testid={`${testId}-custom`}
          value={value.custom}
          readOnly={readOnly}
          disabled={disabled}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          placeholder={customPlaceholder}
          onChange={(event) => onChange({ ...value, custom: event.target.value })}
        />
      ) : null}
    </div>
  )
}
