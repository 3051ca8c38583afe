import type { ReactNode } from 'react'
import type { Persona } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { TeamChips } from '../../ui/TeamChips'
import { shortcutLabel } from '../../ui/format'
import { EmbedFrame, type FrameState } from './EmbedFrame'
import { MATRIX_MAX } from './previewSettings'
import type { FrameMessages } from './useFrameMessages'
import type { Load } from './usePreviewLoads'

/**
 * Who the frame is for, what it shows and how it is doing. `stacked` (the matrix's narrow
 * frames) puts the teams on a second line.
 */
function FrameHeader({
  persona,
  state,
  detail,
  stacked
}: {
  persona: Persona
  state: FrameState
  detail?: string | undefined
  stacked?: boolean
}) {
  const teams = persona.teams.length ? (
    <TeamChips teams={persona.teams} max={stacked ? 4 : 2} />
  ) : stacked ? (
    <span className="faint">No teams</span>
  ) : null
  return (
    <div className={`preview-frame-header${stacked ? ' is-stacked' : ''}`} data-testid="frame-header">
      <div className="preview-frame-header-line">
        <span className="preview-frame-persona truncate" title={persona.email || persona.name}>
          {persona.name}
        </span>
        {persona.accountType ? <span className="tag">{persona.accountType}</span> : null}
        {stacked ? null : teams}
        {detail ? (
          <span className="preview-frame-detail truncate" title={detail}>
            {detail}
          </span>
        ) : null}
        <span className="preview-frame-status">
          {state.error ? (
            <span
              className="preview-frame-dot is-error"
              title={`${state.error.code}: ${state.error.message}`}
              aria-hidden="true"
            />
          ) : (
            <span className={`preview-frame-dot${state.loaded ? ' is-loaded' : ''}`} aria-hidden="true" />
          )}
          <span
            className="preview-frame-events"
            data-testid="frame-event-count"
            data-count={state.events}
            title="Messages received from this frame"
          >
            {state.events} {state.events === 1 ? 'event' : 'events'}
          </span>
        </span>
      </div>
      {stacked ? <div className="preview-frame-header-line preview-frame-teams">{teams}</div> : null}
    </div>
  )
}

interface FrameOfProps {
  load: Load
  messages: FrameMessages
  testId: string
  onReload: () => void
  detail?: string
  stacked?: boolean
}

/** A load's frame, with its header. */
export function FrameOf({ load, messages, testId, onReload, detail, stacked }: FrameOfProps) {
  return (
    <EmbedFrame
      key={load.key}
      messages={messages}
      slotKey={load.key}
      src={load.signed.url}
      origin={load.request.origin}
      label={load.persona.name}
      title={`Embed preview for ${load.persona.name}`}
      testId={testId}
      persona={load.persona.name}
      responsive={load.request.responsive}
      onReload={onReload}
      header={(state) => <FrameHeader persona={load.persona} state={state} detail={detail} stacked={stacked} />}
    />
  )
}

/** What the stage shows before anything is loaded. */
export function StagePlaceholder({ children }: { children: ReactNode }) {
  return (
    <div className="preview-stage-placeholder" data-testid="preview-placeholder">
      <Icon name="frame" size={18} />
      <span>{children}</span>
    </div>
  )
}

export function LoadHint() {
  return (
    <>
      Pick a persona above, or press <strong>Load</strong> (<kbd className="kbd">{shortcutLabel('Enter')}</kbd>): the
      URL is signed for it and loaded here in a sandboxed frame.
    </>
  )
}

interface MatrixPickerProps {
  personas: readonly Persona[]
  selected: readonly string[]
  onToggle: (id: string, on: boolean) => void
  extra: ReactNode
}

/** Which personas sit side by side (2 to 4). */
export function MatrixPicker({ personas, selected, onToggle, extra }: MatrixPickerProps) {
  const full = selected.length >= MATRIX_MAX
  return (
    <div className="persona-tabs-bar preview-matrix-bar">
      <div className="preview-matrix-picks" role="group" aria-label="Personas side by side">
        {personas.map((persona) => {
          const checked = selected.includes(persona.id)
          return (
            <label
              key={persona.id}
              className={`preview-matrix-pick${checked ? ' is-checked' : ''}`}
              title={full && !checked ? `At most ${MATRIX_MAX} side by side` : persona.email}
            >
              <input
                type="checkbox"
                checked={checked}
                disabled={full && !checked}
                onChange={(event) => onToggle(persona.id, event.target.checked)}
                data-testid="matrix-persona"
                data-name={persona.name}
              />
              <span>{persona.name}</span>
              {persona.accountType ? <span className="tag">{persona.accountType}</span> : null}
            </label>
          )
        })}
      </div>
      <span className={`preview-matrix-count${selected.length < 2 ? ' is-short' : ''}`}>
        {selected.length} of 2–{MATRIX_MAX}
      </span>
      {extra}
    </div>
  )
}

interface MatrixGridProps {
  personas: readonly Persona[]
  selected: readonly string[]
  loads: Record<string, Load>
  messages: FrameMessages
  onReload: (persona: Persona) => void
  pending: boolean
}

/** The chosen personas' frames side by side, each signed separately. */
export function MatrixGrid({ personas, selected, loads, messages, onReload, pending }: MatrixGridProps) {
  const chosen = selected
    .map((id) => personas.find((persona) => persona.id === id))
    .filter((persona): persona is Persona => !!persona)
  if (chosen.length < 2) {
    return (
      <StagePlaceholder>
        Pick 2 to {MATRIX_MAX} personas above to see them side by side, each in its own frame with its own signed URL.
      </StagePlaceholder>
    )
  }
  return (
    <div
      className="preview-matrix-grid"
      style={{ gridTemplateColumns: `repeat(${chosen.length}, minmax(0, 1fr))` }}
      data-testid="preview-matrix"
    >
      {chosen.map((persona) => {
        const load = loads[persona.id]
        return (
          <div className="preview-matrix-cell" key={persona.id} data-testid="matrix-cell" data-persona={persona.name}>
            {load ? (
              <FrameOf
                load={load}
                messages={messages}
                testId="matrix-frame"
                onReload={() => onReload(persona)}
                stacked
              />
            ) : (
              <StagePlaceholder>
                {pending ? `Signing for ${persona.name}…` : `Not loaded: press Load to sign for ${persona.name}.`}
              </StagePlaceholder>
            )}
          </div>
        )
      })}
    </div>
  )
}
