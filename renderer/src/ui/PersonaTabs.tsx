import type { ReactNode } from 'react'
import type { Persona } from '../../../preload/contract'
import { shortcutLabel } from './format'
import { TabList, tabId } from './TabList'

interface PersonaTabsProps {
  /** Prefix of the tabs' ids (see TabList); the panel is `${idPrefix}-panel`. */
  idPrefix: string
  personas: readonly Persona[]
  /** The selected persona's id, or null (then no tab is selected). */
  selected: string | null
  onSelect: (id: string) => void
  /** Controls at the right end of the bar, e.g. the preview's Matrix toggle. */
  extra?: ReactNode
}

/**
 * One tab a persona (testid persona-tab, data-name the persona's name): picking one signs for it.
 * Shared by the Sign and Preview screens, with the Ctrl+[ / Ctrl+] hint (see personaStep).
 */
export function PersonaTabs({ idPrefix, personas, selected, onSelect, extra }: PersonaTabsProps) {
  return (
    <div className="persona-tabs-bar">
      <TabList
        label="Persona"
        idPrefix={idPrefix}
        className="persona-tabs"
        items={personas.map((persona) => ({
          id: persona.id,
          label: persona.name,
          testId: 'persona-tab',
          name: persona.name,
          title: `${persona.email || 'No email'}${persona.teams.length ? ` · ${persona.teams.join(', ')}` : ''}`
        }))}
        selected={selected !== null && personas.some((persona) => persona.id === selected) ? selected : null}
        onSelect={onSelect}
      />
      <span className="tabs-hint">
        <kbd className="kbd">{shortcutLabel('[')}</kbd>
        <kbd className="kbd">{shortcutLabel(']')}</kbd>
      </span>
      {extra}
    </div>
  )
}

/**
 * The persona Ctrl+[ or Ctrl+] moves to (wrapping around), with focus on its tab; null when the
 * key is neither. The caller has checked the modifier.
 */
export function personaStep(
  event: KeyboardEvent,
  personas: readonly Persona[],
  current: string | null,
  idPrefix: string
): Persona | null {
  const back = event.key === '[' || event.code === 'BracketLeft'
  const forward = event.key === ']' || event.code === 'BracketRight'
  if ((!back && !forward) || !personas.length) return null
  event.preventDefault()
  const index = Math.max(
    0,
    personas.findIndex((persona) => persona.id === current)
  )
  const next = personas[(index + (back ? -1 : 1) + personas.length) % personas.length] ?? null
  if (next) window.setTimeout(() => document.getElementById(tabId(idPrefix, next.id))?.focus())
  return next
}
