import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react'
import type { HarBundleExport, HarReport, HarReproResult, WorkbenchFailure } from '../../../../preload/contract'
import { useKeptState } from '../../app/kept-state'
import { useVault } from '../../app/vault-context'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { TabList, tabId, tabPanelId } from '../../ui/TabList'
import { DropZone } from './DropZone'
import { HarFileInput } from './HarFileInput'
import { ImportProgress } from './ImportProgress'
import { ReportSummary } from './ReportSummary'
import { RowDetail } from './RowDetail'
import { RowDiff } from './RowDiff'
import { SequenceList } from './SequenceList'
import { TimelineTable } from './TimelineTable'
import { useHarImport } from './useHarImport'
import { ExportBundleButton, ExportedBundle, ReproSummary, useOpenBundle } from './BundleActions'
import { rowOfEntry, type VerdictFilter } from './words'
import './evidence.css'

type Pane = 'detail' | 'diff'

/**
 * The work this screen keeps while the user is on another one (in memory only, dropped when the
 * vault locks: a report holds one-time URLs). Never in localStorage.
 */
interface EvidenceView {
  report: HarReport | null
  /** When the report is a repro bundle opened in the sandbox: how it compares with the export. */
  repro: HarReproResult | null
  /** The selected row: its position in report.requests (one HAR entry can hold two requests). */
  selected: number | null
  /** Up to two rows picked for comparing, in the order picked. */
  compare: number[]
  filter: VerdictFilter
  pane: Pane
}

const emptyView: EvidenceView = {
  report: null,
  repro: null,
  selected: null,
  compare: [],
  filter: 'all',
  pane: 'detail'
}

/** The row to open with: the first error, else the first warning, else the first row. */
function firstRowOf(report: HarReport): number | null {
  const rank = { error: 0, warning: 1, ok: 2 } as const
  let best: number | null = null
  report.requests.forEach((request, row) => {
    if (best === null || rank[request.verdict] < rank[report.requests[best]!.verdict]) best = row
  })
  return best
}

/** A customer's HAR file: every embed request in it, judged, on a timeline; one in detail, or two compared. */
export function EvidenceScreen() {
  const { noticeFailure } = useVault()
  const [view, setView] = useKeptState<EvidenceView>('evidence.view', emptyView)
  const [error, setError] = useState<{ fileName: string; message: string } | null>(null)
  const [dragging, setDragging] = useState(false)
  // Where the focus goes once the next render is on screen: the first of these selectors that
  // finds an element (the control that had it is gone, e.g. Cancel when the report arrives).
  const focusNext = useRef<string[] | null>(null)
  const focusLater = (...selectors: string[]) => {
    focusNext.current = selectors
  }
  useEffect(() => {
    const selectors = focusNext.current
    if (!selectors) return
    focusNext.current = null
    for (const selector of selectors) {
      const element = document.querySelector<HTMLElement>(selector)
      if (element) return element.focus()
    }
  })
  const edit = (patch: Partial<EvidenceView>) => setView((current) => ({ ...current, ...patch }))

  const onReport = useCallback(
    (report: HarReport) => {
      setView({ ...emptyView, report, selected: firstRowOf(report) })
      // The progress (and its Cancel, which had the focus) is gone: the timeline takes it.
      focusLater('.evidence-row-button[tabindex="0"]', '[data-testid="har-summary"]')
    },
    [setView]
  )
  const onFailure = useCallback(
    (failure: WorkbenchFailure, fileName: string) => {
      setError({ fileName, message: failure.message })
      noticeFailure(failure.code)
      focusLater('[data-testid="evidence-file-input"]')
    },
    [noticeFailure]
  )
  const { reading, start, cancel: stopReading } = useHarImport({ onReport, onFailure })
  const cancel = () => {
    stopReading()
    focusLater('[data-testid="evidence-file-input"]')
  }

  const [exported, setExported] = useState<HarBundleExport | null>(null)
  const bundle = useOpenBundle(
    (repro) => {
      setView({ ...emptyView, report: repro.report, repro, selected: firstRowOf(repro.report) })
      focusLater('[data-testid="evidence-repro"]', '[data-testid="har-summary"]')
    },
    (message, fileName) => setError({ fileName, message })
  )
  const openBundle = (file: File) => {
    setError(null)
    setExported(null)
    void bundle.open(file)
  }

  const open = (file: File) => {
    setError(null)
    setExported(null)
    // A new file replaces the report on screen (and what was selected in it).
    setView(emptyView)
    void start(file)
  }

  // The whole screen takes a dropped file.
  const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files')
  const dragHandlers = {
    onDragEnter: (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      setDragging(true)
    },
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
    },
    onDragLeave: (event: DragEvent) => {
      const to = event.relatedTarget
      if (!(to instanceof Node) || !event.currentTarget.contains(to)) setDragging(false)
    },
    onDrop: (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      setDragging(false)
      const file = event.dataTransfer.files[0]
      if (file) open(file)
    }
  }

  const { report, selected, compare, filter, pane } = view
  const selectedRequest = report && selected !== null ? (report.requests[selected] ?? null) : null
  const compared =
    report && compare.length === 2 ? ([report.requests[compare[0]!], report.requests[compare[1]!]] as const) : null

  const select = (row: number) => edit({ selected: row, pane: 'detail' })
  const toggleCompare = (row: number) =>
    setView((current) => {
      const picked = current.compare.includes(row)
        ? current.compare.filter((other) => other !== row)
        : [...current.compare, row].slice(-2)
      return { ...current, compare: picked, pane: picked.length === 2 ? 'diff' : 'detail' }
    })
  const openDetail = (row: number) => {
    edit({ selected: row, pane: 'detail' })
    focusLater('#evidence-detail-title')
  }
  const selectEntry = (entry: number, code: string) => {
    if (!report) return
    const row = rowOfEntry(report, entry, code)
    if (row === null) return
    const shown = filter === 'all' || report.requests[row]!.verdict === filter
    edit({ selected: row, pane: 'detail', ...(shown ? {} : { filter: 'all' }) })
    focusLater(`[data-testid="har-row"][data-row="${row}"] .evidence-row-button`)
  }

  return (
    <div
      className={`screen evidence-screen${dragging ? ' is-dragging' : ''}`}
      data-testid="evidence-screen"
      {...dragHandlers}
    >
      <ScreenHeader
        title="HAR evidence"
        subtitle="A customer’s HAR file: every embed request in it judged as of its own time, on a timeline."
        actions={
          report && !reading ? (
            <>
              <Button variant="ghost" icon="x" onClick={() => setView(emptyView)} testId="evidence-close">
                Close report
              </Button>
              {view.repro ? null : <ExportBundleButton onExported={setExported} />}
              <HarFileInput onFile={open}>Open another HAR…</HarFileInput>
            </>
          ) : !reading ? (
            <HarFileInput onFile={openBundle} testId="evidence-bundle-input" accept=".json,application/json">
              {bundle.opening ? 'Opening bundle…' : 'Open repro bundle…'}
            </HarFileInput>
          ) : null
        }
      />
      <div
        className={`screen-body evidence-body${report && !reading && (selectedRequest || compared) ? ' has-side' : ''}`}
      >
        {error ? (
          <Banner
            tone="error"
            title={`Could not read ${error.fileName}`}
            testId="evidence-error"
            onDismiss={() => setError(null)}
          >
            {error.message}
          </Banner>
        ) : null}

        {exported ? <ExportedBundle exported={exported} onDismiss={() => setExported(null)} /> : null}
        {view.repro && report ? <ReproSummary repro={view.repro} /> : null}

        {reading ? (
          <ImportProgress reading={reading} onCancel={cancel} />
        ) : !report ? (
          <DropZone onFile={open} dragging={dragging} />
        ) : (
          <div className="evidence-report" data-testid="evidence-report">
            <div className="evidence-main">
              <ReportSummary report={report} sandbox={view.repro !== null} />
              <SequenceList sequence={report.sequence} onEntry={selectEntry} />
              {report.requests.length ? (
                <TimelineTable
                  report={report}
                  filter={filter}
                  onFilter={(next) => edit({ filter: next })}
                  selected={selected}
                  onSelect={select}
                  onOpen={openDetail}
                  compare={compare}
                  onCompare={toggleCompare}
                />
              ) : null}
            </div>
            {selectedRequest || compared ? (
              <div className="evidence-side">
                {compared ? (
                  <TabList
                    label="Detail or comparison"
                    idPrefix="evidence-pane"
                    items={[
                      {
                        id: 'detail',
                        label: selectedRequest ? `Entry #${selectedRequest.index}` : 'Detail',
                        testId: 'har-pane-detail'
                      },
                      {
                        id: 'diff',
                        label: `Compare #${compared[0]!.index} ↔ #${compared[1]!.index}`,
                        testId: 'har-pane-diff'
                      }
                    ]}
                    selected={pane}
                    onSelect={(next) => edit({ pane: next })}
                  />
                ) : null}
                <div
                  className="evidence-pane"
                  {...(compared
                    ? {
                        role: 'tabpanel',
                        id: tabPanelId('evidence-pane'),
                        'aria-labelledby': tabId('evidence-pane', pane)
                      }
                    : {})}
                >
                  {compared && pane === 'diff' ? (
                    <RowDiff
                      left={compared[0]!}
                      right={compared[1]!}
                      onClose={() => edit({ compare: [], pane: 'detail' })}
                    />
                  ) : selectedRequest ? (
                    <RowDetail key={selected} request={selectedRequest} />
                  ) : (
                    <p className="muted">Select a row to see it in full.</p>
                  )}
                </div>
              </div>
            ) : null}
          </div>
        )}
        {dragging && (reading || report) ? (
          <div className="evidence-drop-overlay" aria-hidden="true">
            Drop to read this HAR
          </div>
        ) : null}
      </div>
    </div>
  )
}
