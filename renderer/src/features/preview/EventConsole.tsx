import { useMemo, useState } from 'react'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { Icon } from '../../ui/Icon'
import { useStickToBottom } from '../../ui/useStickToBottom'
import { formatClockTime } from '../../ui/format'
import type { ConsoleEntry } from './useFrameMessages'

const ALL = ''

interface EventConsoleProps {
  entries: readonly ConsoleEntry[]
  ignored: number
  onClear: () => void
  /** Show which frame each message belongs to (the matrix has several). */
  showFrame: boolean
  visible: boolean
}

/**
 * Every postMessage between the preview and its frames, oldest first (it follows the newest while
 * scrolled to the bottom): time, direction, type and payload; filterable by type.
 */
export function EventConsole({ entries, ignored, onClear, showFrame, visible }: EventConsoleProps) {
  const [filter, setFilter] = useState(ALL)
  const messages = useMemo(() => entries.filter((entry) => entry.direction !== 'load'), [entries])
  const types = useMemo(() => [...new Set(messages.map((entry) => entry.type))].sort(), [messages])
  // Load dividers stay when filtering: they tell which frame a message came from.
  const shown =
    filter === ALL ? entries : entries.filter((entry) => entry.direction === 'load' || entry.type === filter)
  const { ref, onScroll } = useStickToBottom<HTMLDivElement>(shown.length, visible)

  return (
    <div className="log-pane event-console" data-testid="event-console">
      <div className="log-toolbar">
        <select
          className="input input-sm select preview-log-filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          aria-label="Show messages of type"
          data-testid="event-filter"
        >
          <option value={ALL}>All types ({messages.length})</option>
          {filter !== ALL && !types.includes(filter) ? <option value={filter}>{filter} (0)</option> : null}
          {types.map((type) => (
            <option key={type} value={type}>
              {type} ({messages.filter((entry) => entry.type === type).length})
            </option>
          ))}
        </select>
        <Button
          size="sm"
          variant="ghost"
          icon="trash"
          onClick={onClear}
          disabled={!entries.length && !ignored}
          testId="event-clear"
          className="log-clear"
          title="Clear the console"
        >
          Clear
        </Button>
      </div>
      {ignored ? (
        <div
          className="preview-log-ignored"
          data-testid="events-ignored"
          data-count={ignored}
          title="Messages whose source was not a preview frame, or whose origin was not the one it was loaded from, are dropped."
        >
          <Icon name="shield" size={12} />
          {ignored} {ignored === 1 ? 'message' : 'messages'} from other origins ignored
        </div>
      ) : null}
      <div className="log-scroll" ref={ref} onScroll={onScroll}>
        {shown.length === 0 ? (
          <div className="log-empty">
            No messages yet. The embed posts workbook:loaded and workbook:dataloaded when it opens.
          </div>
        ) : (
          <ol className="log-list" aria-label="Messages">
            {shown.map((entry) => {
              if (entry.direction === 'load') {
                return (
                  <li key={entry.id} className="preview-event-mark" data-testid="event-mark" data-frame={entry.frame}>
                    <span className="log-time mono">{formatClockTime(entry.at)}</span>
                    <span className="preview-event-mark-text">Loading for {entry.frame}</span>
                  </li>
                )
              }
              const { full, payload } = entry.json
              return (
                <li
                  key={entry.id}
                  className={`preview-event-row is-${entry.direction}${entry.error ? ' is-error' : ''}`}
                  data-testid="event-row"
                  data-direction={entry.direction}
                  data-type={entry.type}
                  data-frame={entry.frame}
                >
                  <div className="preview-event-head">
                    <span className="log-time mono">{formatClockTime(entry.at)}</span>
                    <span
                      className="preview-event-direction"
                      title={entry.direction === 'in' ? `From the ${entry.frame} frame` : `To the ${entry.frame} frame`}
                    >
                      <Icon name={entry.direction === 'in' ? 'arrowDown' : 'arrowUp'} size={12} />
                      <span className="visually-hidden">{entry.direction === 'in' ? 'Received' : 'Sent'}</span>
                    </span>
                    <span className="preview-event-type mono truncate">{entry.type}</span>
                    {entry.ignored ? (
                      <span
                        className="pill pill-warning"
                        data-testid="event-ignored"
                        title="Not a message the vendor's SDK defines: the embed ignores it, as the real host would."
                      >
                        ignored
                      </span>
                    ) : null}
                    {showFrame ? <span className="preview-event-frame truncate">{entry.frame}</span> : null}
                    <CopyButton
                      value={full}
                      label={`Copy the ${entry.type} message as JSON`}
                      className="preview-event-copy"
                    />
                  </div>
                  {payload ? <pre className="preview-event-json mono">{payload}</pre> : null}
                </li>
              )
            })}
          </ol>
        )}
      </div>
    </div>
  )
}
