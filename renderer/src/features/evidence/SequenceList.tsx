import type { SequenceFinding, Severity } from '../../../../preload/contract'
import { Icon, type IconName } from '../../ui/Icon'

const severityIcon: Record<Severity, IconName> = { error: 'error', warning: 'warning', info: 'info' }

interface SequenceListProps {
  sequence: readonly SequenceFinding[]
  /** Selects the row of that HAR entry (for the finding with that code). */
  onEntry: (entry: number, code: string) => void
}

/** What only the order of the requests shows, each naming its entries (buttons to their rows). */
export function SequenceList({ sequence, onEntry }: SequenceListProps) {
  if (!sequence.length) return null
  return (
    <section className="evidence-sequence" data-testid="har-sequence" aria-labelledby="evidence-sequence-title">
      <h2 className="result-section-title" id="evidence-sequence-title">
        What the sequence shows
        <span className="result-section-meta">{sequence.length}</span>
      </h2>
      <ul className="framed-list evidence-sequence-list">
        {sequence.map((finding, index) => (
          <li
            key={`${finding.code}:${index}`}
            className={`evidence-sequence-item finding-${finding.severity}`}
            data-testid="har-sequence-item"
            data-code={finding.code}
            data-entries={finding.entries.join(' ')}
          >
            <span className="finding-icon">
              <Icon name={severityIcon[finding.severity]} size={14} />
              <span className="visually-hidden">{finding.severity}:</span>
            </span>
            <code className="finding-code">{finding.code}</code>
            <span className="evidence-sequence-entries">
              {finding.entries.map((entry) => (
                <button
                  key={entry}
                  type="button"
                  className="evidence-entry-link"
                  onClick={() => onEntry(entry, finding.code)}
                  data-testid="har-sequence-entry"
                  data-index={entry}
                  title={`Select entry #${entry} in the timeline`}
                >
                  #{entry}
                </button>
              ))}
            </span>
            <span className="evidence-sequence-message">{finding.message}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
