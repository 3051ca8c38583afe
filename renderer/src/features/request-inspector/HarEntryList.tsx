/** A HAR's entries that carry authentication: one is judged; picking another judges that one. */
import type { KeyboardEvent } from 'react'
import type { RequestInspection } from '../../../../preload/contract'
import { ResultSection } from '../../ui/ResultSection'
import { urlPath } from '../../ui/format'
import { count } from './words'

const hostOf = (url: string) => {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

/** Up and Down move between the entries (Home and End to the ends); Enter or Space picks one. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End']
  if (!keys.includes(event.key)) return
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'))
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? buttons.length - 1
        : Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))
  event.preventDefault()
  buttons[next]?.focus()
}

export function HarEntryList({
  entries,
  chosen,
  loading,
  onPick
}: {
  entries: RequestInspection['harEntries']
  chosen: number | null
  /** The entry being judged now (picked, its answer not back yet). */
  loading: number | null
  onPick: (index: number) => void
}) {
  return (
    <ResultSection
      level={2}
      title="HAR entries"
      meta={`${count(entries.length, 'entry')} with authentication${chosen !== null ? ` · #${chosen} judged` : ''}`}
      testId="ri-har"
    >
      <ul className="request-inspector-har" aria-label="HAR entries that carry authentication" onKeyDown={moveFocus}>
        {entries.map((entry) => {
          const isChosen = entry.index === chosen
          return (
            <li key={entry.index}>
              <button
                type="button"
                className={`request-inspector-har-entry${isChosen ? ' is-chosen' : ''}${entry.index === loading ? ' is-loading' : ''}`}
                aria-pressed={isChosen}
                onClick={() => {
                  if (!isChosen) onPick(entry.index)
                }}
                title={entry.url}
                data-testid="ri-har-entry"
                data-index={entry.index}
                data-chosen={isChosen}
              >
                <span className="request-inspector-har-index">#{entry.index}</span>
                <span className="request-inspector-har-method">{entry.method}</span>
                <span className="request-inspector-har-url mono">
                  <span className="request-inspector-har-host">{hostOf(entry.url)}</span>
                  {urlPath(entry.url, true)}
                </span>
                <span
                  className={`request-inspector-har-status${entry.status !== null && entry.status >= 400 ? ' is-error' : ''}`}
                >
                  {entry.status ?? '—'}
                </span>
                <span className="request-inspector-har-carries" title={`Carries ${entry.carries}`}>
                  {entry.carries.replace(/^Authorization: /, '')}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </ResultSection>
  )
}
