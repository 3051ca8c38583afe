/** A canonical request or string to sign with line numbers, the lines that differ highlighted and annotated. */
import { CopyButton } from '../../ui/CopyButton'
import { Marked } from '../../shared/inspection/Marked'

/** A highlighted line: what the other side has there ("signed as", "the client has"). */
export interface LineNote {
  label: string
  other: string
}

interface CodeViewProps {
  title: string
  value: string
  testId: string
  /** By line number (1-based). */
  notes: ReadonlyMap<number, LineNote>
}

export function CodeView({ title, value, testId, notes }: CodeViewProps) {
  const lines = value.split('\n')
  return (
    <figure className="request-inspector-code" data-testid={testId}>
      <figcaption className="request-inspector-code-head">
        <span className="request-inspector-code-title">{title}</span>
        <span className="request-inspector-code-meta">
          {lines.length} lines
          {notes.size ? ` · ${notes.size} ${notes.size === 1 ? 'differs' : 'differ'}` : ''}
        </span>
        <CopyButton value={value} label={`Copy the ${title.toLowerCase()}`} text="Copy" testId={`${testId}-copy`} />
      </figcaption>
      <pre className="code-box mono request-inspector-code-box">
        {lines.map((line, index) => {
          const number = index + 1
          const note = notes.get(number)
          return (
            <span
              key={index}
              className={`request-inspector-code-line${note ? ' is-changed' : ''}`}
              data-line={number}
              data-testid={note ? `${testId}-changed` : undefined}
            >
              <span className="request-inspector-code-no" aria-hidden="true">
                {number}
              </span>
              <span className="request-inspector-code-text">
                {note ? <Marked value={line} other={note.other} /> : line || ' '}
                {note ? <span className="visually-hidden"> (differs)</span> : null}
              </span>
              {note ? (
                <span className="request-inspector-code-note">
                  <span className="request-inspector-code-note-label">{note.label}</span>
                  <span className="request-inspector-code-note-text">
                    <Marked value={note.other} other={line} />
                  </span>
                </span>
              ) : null}
            </span>
          )
        })}
      </pre>
    </figure>
  )
}
