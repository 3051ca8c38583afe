import { useState, type KeyboardEvent } from 'react'
import type { Persona } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { TeamChips } from '../../ui/TeamChips'

interface PersonaListProps {
  personas: Persona[]
  selectedId: string | null
  /** A new persona being written (not saved yet), shown at the top. */
  draftName: string | null
  dirty: boolean
  onSelect: (id: string) => void
}

/** The personas, with a filter; arrow keys move the selection. */
export function PersonaList({ personas, selectedId, draftName, dirty, onSelect }: PersonaListProps) {
  const [filter, setFilter] = useState('')
  const query = filter.trim().toLowerCase()
  const shown = query
    ? personas.filter((persona) =>
        [persona.name, persona.email, persona.accountType, ...persona.teams].some((text) =>
          text.toLowerCase().includes(query)
        )
      )
    : personas

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const index = shown.findIndex((persona) => persona.id === selectedId)
    const next = shown[Math.max(0, Math.min(shown.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]
    if (next && next.id !== selectedId) {
      onSelect(next.id)
      document.getElementById(`persona-row-${next.id}`)?.focus()
    }
  }

  return (
    <div className="personas-list-pane">
      {personas.length > 6 ? (
        <div className="personas-list-filter">
          <Icon name="search" size={13} />
          <input
            className="input input-sm"
            type="search"
            aria-label="Filter personas"
            placeholder="Filter by name, email or team"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            data-testid="persona-filter"
          />
        </div>
      ) : null}
      <ul className="personas-list" aria-label="Personas" onKeyDown={onKeyDown}>
        {draftName !== null ? (
          <li>
            <div className="personas-row is-selected is-draft" data-testid="persona-row-draft" aria-current="true">
              <div className="personas-row-head">
                <span className="personas-row-name">{draftName.trim() || 'New persona'}</span>
                <span className="personas-dirty-dot" title="Not saved yet" />
              </div>
              <div className="personas-row-email muted">Not saved yet</div>
            </div>
          </li>
        ) : null}
        {shown.map((persona) => {
          const selected = persona.id === selectedId
          return (
            <li key={persona.id}>
              <button
                type="button"
                id={`persona-row-${persona.id}`}
                className={`personas-row${selected ? ' is-selected' : ''}`}
                aria-current={selected ? 'true' : undefined}
                tabIndex={selected || (selectedId === null && persona === shown[0]) ? 0 : -1}
                onClick={() => onSelect(persona.id)}
                data-testid="persona-row"
                data-name={persona.name}
                data-id={persona.id}
              >
                <span className="personas-row-head">
                  <span className="personas-row-name">{persona.name}</span>
                  {selected && dirty ? <span className="personas-dirty-dot" title="Unsaved changes" /> : null}
                  {persona.accountType ? <span className="tag personas-row-type">{persona.accountType}</span> : null}
                </span>
                <span className="personas-row-email">{persona.email || <span className="faint">No email</span>}</span>
                <TeamChips teams={persona.teams} />
              </button>
            </li>
          )
        })}
        {query && shown.length === 0 ? (
          <li className="personas-list-empty">No persona matches “{filter.trim()}”.</li>
        ) : null}
      </ul>
    </div>
  )
}
