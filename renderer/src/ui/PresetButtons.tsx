export interface PresetButton {
  value: number
  label: string
  testId: string
}

interface PresetButtonsProps {
  /** Accessible name of the group, e.g. "Session length presets". */
  label: string
  presets: readonly PresetButton[]
  /** The value now set (its button shows pressed), or null. */
  current: number | null
  onPick: (value: number) => void
}

/** A row of small buttons that each set a number (session lengths, time travel). */
export function PresetButtons({ label, presets, current, onPick }: PresetButtonsProps) {
  return (
    <div className="preset-buttons" role="group" aria-label={label}>
      {presets.map((preset) => (
        <button
          key={preset.value}
          type="button"
          className={`btn btn-sm${current === preset.value ? ' is-active' : ''}`}
          aria-pressed={current === preset.value}
          onClick={() => onPick(preset.value)}
          data-testid={preset.testId}
        >
          {preset.label}
        </button>
      ))}
    </div>
  )
}
