import { useCallback, useEffect, useState } from 'react'
import type { RequestHistoryEntry, Result } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Icon } from '../../ui/Icon'
import { formatDateTime, formatDateTimeLong } from '../../ui/format'

interface RequestHistoryProps {
  /** Bumped after each send, so the list reads the new entry. */
  version: number
  onRestore: (entry: RequestHistoryEntry) => void
}

/**
 * The runner's memory, kept per data folder: saved requests first, then the history, newest first.
 * A click puts the request back in the form; what was left out as a possible secret is typed again.
 */
export function RequestHistory({ version, onRestore }: RequestHistoryProps) {
  const [entries, setEntries] = useState<RequestHistoryEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [naming, setNaming] = useState<{ id: string; name: string } | null>(null)

  // The answer sets the state in a promise callback (the effect below reads the list with it).
  const apply = useCallback(
    (invoke: () => Promise<Result<RequestHistoryEntry[]>>) =>
      call(invoke).then((result) => {
        if (result.ok) {
          setEntries(result.value)
          setError(null)
        } else setError(result.error.message)
      }),
    []
  )

  useEffect(() => {
    void apply(() => workbench.listRequestHistory({}))
  }, [apply, version])

  const saved = entries?.filter((e) => e.savedAs !== null) ?? []
  const history = entries?.filter((e) => e.savedAs === null) ?? []
  const row = (entry: RequestHistoryEntry) => (
    <li
      key={entry.id}
      className="api-credentials-history-row"
      data-testid="history-row"
      data-saved={entry.savedAs !== null}
    >
      <button
        type="button"
        className="api-credentials-history-open"
        onClick={() => onRestore(entry)}
        title={`${entry.method} ${entry.path} with ${entry.credentialName} · ${formatDateTimeLong(entry.at)}${entry.masked.length ? ` · type again: ${entry.masked.join(', ')}` : ''}`}
        data-testid="history-open"
      >
        <span className="api-credentials-history-line">
          <span className="api-credentials-run-method mono">{entry.method}</span>
          <span className="mono truncate">{entry.savedAs ?? entry.path}</span>
        </span>
        <span className="api-credentials-history-meta">
          <span className={entry.status !== null && entry.status < 400 ? 'is-ok' : 'is-bad'}>
            {entry.status ?? 'failed'}
          </span>{' '}
          · {entry.credentialName} · {formatDateTime(entry.at)}
        </span>
      </button>
      {naming?.id === entry.id ? (
        <form
          className="api-credentials-history-name"
          onSubmit={(event) => {
            event.preventDefault()
            void apply(() => workbench.saveRequest({ id: entry.id, name: naming.name })).then(() => setNaming(null))
          }}
        >
          <input
            className="input input-sm"
            value={naming.name}
            autoFocus
            onChange={(event) => setNaming({ id: entry.id, name: event.target.value })}
            onKeyDown={(event) => event.key === 'Escape' && setNaming(null)}
            aria-label="Name of the saved request"
            data-testid="history-save-name"
          />
        </form>
      ) : (
        <span className="api-credentials-history-actions">
          <button
            type="button"
            className="icon-button"
            onClick={() =>
              entry.savedAs === null
                ? setNaming({ id: entry.id, name: `${entry.method} ${entry.path}`.slice(0, 200) })
                : void apply(() => workbench.saveRequest({ id: entry.id, name: null }))
            }
            aria-label={entry.savedAs === null ? 'Save this request' : 'Unsave this request'}
            title={entry.savedAs === null ? 'Save under a name' : 'Unsave (it goes back to the history)'}
            data-testid="history-save"
          >
            <Icon name={entry.savedAs === null ? 'save' : 'x'} size={13} />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => void apply(() => workbench.deleteRequest({ id: entry.id }))}
            aria-label="Delete this request from the history"
            title="Delete"
            data-testid="history-delete"
          >
            <Icon name="trash" size={13} />
          </button>
        </span>
      )}
    </li>
  )

  return (
    <section
      className="card api-credentials-history"
      aria-labelledby="runner-history-title"
      data-testid="request-history"
    >
      <div className="card-head api-credentials-history-head">
        <h2 className="card-title" id="runner-history-title">
          History
        </h2>
        <button
          type="button"
          className="link-button small"
          onClick={() => void apply(() => workbench.clearRequestHistory({}))}
          disabled={!history.length}
          data-testid="history-clear"
        >
          Clear
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {saved.length ? (
        <>
          <h3 className="api-credentials-history-group">Saved</h3>
          <ul className="api-credentials-history-list" aria-label="Saved requests">
            {saved.map(row)}
          </ul>
        </>
      ) : null}
      {history.length ? (
        <ul className="api-credentials-history-list" aria-label="Sent requests, newest first">
          {history.map(row)}
        </ul>
      ) : entries ? (
        <p className="api-credentials-history-empty muted" data-testid="history-empty">
          Requests you send are kept here (secrets left out), per data folder.
        </p>
      ) : null}
    </section>
  )
}
