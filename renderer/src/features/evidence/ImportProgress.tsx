import { Button } from '../../ui/Button'
import { Spinner } from '../../ui/Spinner'
import { formatSize } from '../../ui/format'
import { useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import type { HarReading } from './useHarImport'

/** The file going in: how much of it, and the way out (Cancel, or Esc). */
export function ImportProgress({ reading, onCancel }: { reading: HarReading; onCancel: () => void }) {
  const { fileName, total, sent, judging } = reading
  useGlobalKeyDown((event) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    onCancel()
  })
  const percent = total ? Math.min(100, Math.floor((sent / total) * 100)) : 100
  const shown = judging ? 100 : percent
  return (
    <div className="evidence-progress" data-testid="evidence-progress" data-percent={shown}>
      <div className="evidence-progress-head">
        <span className="evidence-progress-name" title={fileName}>
          Reading <strong>{fileName}</strong>
        </span>
        {/* The control that started the reading is gone: the focus goes to the way out. */}
        <Button size="sm" icon="x" onClick={onCancel} testId="evidence-cancel" shortcut="Esc" autoFocus>
          Cancel
        </Button>
      </div>
      <div
        className="evidence-progress-track"
        role="progressbar"
        aria-label={`Reading ${fileName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={shown}
        aria-valuetext={`${shown}%, ${formatSize(sent)} of ${formatSize(total)}`}
      >
        <div className="evidence-progress-fill" style={{ width: `${shown}%` }} />
      </div>
      <div className="evidence-progress-figures">
        {judging ? (
          <Spinner label="Read whole; judging the embed requests…" />
        ) : (
          <span data-testid="evidence-progress-figures">
            {percent}% · {formatSize(sent)} of {formatSize(total)}
          </span>
        )}
      </div>
    </div>
  )
}
