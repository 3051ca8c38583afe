import { Segmented } from '../../ui/Segmented'
import { fromLocalInput, nowSeconds, toLocalInput } from '../../shared/inspection/text'

interface NowControlProps {
  /** Unix seconds to inspect as of, or null for the real time. */
  value: number | null
  onChange: (value: number | null) => void
}

/** Time travel: inspect as if it were another moment (expiry, "signed in the future"). */
export function NowControl({ value, onChange }: NowControlProps) {
  const shift = (seconds: number) => onChange((value ?? nowSeconds()) + seconds)
  return (
    <div className="inspector-now-control" data-testid="now-control" data-mode={value === null ? 'real' : 'travel'}>
      <span className="inspector-now-label">Now</span>
      <Segmented
        label="Now"
        name="inspect-now-mode"
        size="sm"
        value={value === null ? 'real' : 'travel'}
        options={[
          { value: 'real', label: 'Real time' },
          { value: 'travel', label: 'Time travel' }
        ]}
        onChange={(mode) => onChange(mode === 'real' ? null : nowSeconds())}
        optionTestId={(mode) => `inspect-now-${mode}`}
      />
      <input
        type="datetime-local"
        step={1}
        className={`input input-sm inspector-now-input${value === null ? ' is-idle' : ''}`}
        aria-label="Inspect as of (local time)"
        value={value === null ? '' : toLocalInput(value)}
        onChange={(event) => {
          if (!event.target.value) onChange(null)
          else {
            const seconds = fromLocalInput(event.target.value)
            if (seconds !== null) onChange(seconds)
          }
        }}
        data-testid="inspect-now"
      />
      <button type="button" className="btn btn-sm" onClick={() => shift(3600)} data-testid="inspect-now-plus-hour">
        +1 h
      </button>
      <button type="button" className="btn btn-sm" onClick={() => shift(86400)} data-testid="inspect-now-plus-day">
        +1 day
      </button>
    </div>
  )
}
