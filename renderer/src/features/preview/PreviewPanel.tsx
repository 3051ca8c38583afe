import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'
import { TabList, tabId, tabPanelId } from '../../ui/TabList'
import { clampPanel, MAX_PANEL, MIN_PANEL, type PanelTab } from './previewSettings'

interface SplitterProps {
  width: number
  onResize: (width: number) => void
}

/** The handle between the frames and the side panel: drag it, or use the arrow keys. */
export function Splitter({ width, onResize }: SplitterProps) {
  const drag = useRef<{ x: number; width: number } | null>(null)
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, width }
    document.body.classList.add('is-resizing')
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(clampPanel(drag.current.width + drag.current.x - event.clientX))
  }
  const end = () => {
    drag.current = null
    document.body.classList.remove('is-resizing')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 64 : 16
    const moves: Record<string, number> = {
      ArrowLeft: width + step,
      ArrowRight: width - step,
      Home: MAX_PANEL,
      End: MIN_PANEL
    }
    const next = moves[event.key]
    if (next === undefined) return
    event.preventDefault()
    onResize(clampPanel(next))
  }
  return (
    <div
      className="preview-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the side panel"
      aria-valuenow={width}
      aria-valuemin={MIN_PANEL}
      aria-valuemax={MAX_PANEL}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={onKeyDown}
      data-testid="preview-splitter"
    />
  )
}

interface PreviewPanelProps {
  tab: PanelTab
  onTab: (tab: PanelTab) => void
  counts: { events: number; requests: number; refused: number; errors: number }
  /** Every tab's content: all stay mounted (the console keeps its place), only one is shown. */
  panels: Record<PanelTab, ReactNode>
}

const idPrefix = 'preview-panel'

/** The side panel: the event console (with the composer), the request log, the signed URL. */
export function PreviewPanel({ tab, onTab, counts, panels }: PreviewPanelProps) {
  const count = (value: number, tone?: 'error') =>
    value ? (
      <span className={`tab-count${tone ? ` preview-tab-count-${tone}` : ''}`}>{value > 999 ? '999+' : value}</span>
    ) : null
  return (
    <aside className="preview-panel" aria-label="Events, requests and URL">
      <TabList
        label="Side panel"
        idPrefix={idPrefix}
        className="preview-panel-tabs"
        items={[
          {
            id: 'events',
            label: <>Events {count(counts.events, counts.errors ? 'error' : undefined)}</>,
            testId: 'panel-tab-events'
          },
          {
            id: 'requests',
            label: <>Requests {count(counts.requests, counts.refused ? 'error' : undefined)}</>,
            testId: 'panel-tab-requests'
          },
          { id: 'url', label: 'URL', testId: 'panel-tab-url' }
        ]}
        selected={tab}
        onSelect={onTab}
      />
      {(Object.keys(panels) as PanelTab[]).map((id) => (
        <div
          key={id}
          className={`preview-panel-body preview-panel-${id}`}
          id={id === tab ? tabPanelId(idPrefix) : undefined}
          role="tabpanel"
          aria-labelledby={tabId(idPrefix, id)}
          hidden={id !== tab}
        >
          {panels[id]}
        </div>
      ))}
    </aside>
  )
}
