import { useRef, type KeyboardEvent, type MouseEvent } from 'react'
import type { HarEmbedRequest, HarReport } from '../../../../preload/contract'
import { Segmented } from '../../ui/Segmented'
import { TableHead, type Column } from '../../ui/TableHead'
import { formatClockTime, formatDateTimeLong } from '../../ui/format'
import {
  embedMethodLabel,
  filteredRows,
  kindLabel,
  kindTitle,
  signatureLabel,
  verdictLabel,
  type VerdictFilter
} from './words'
import './evidence-timeline.css'

const columns: Column[] = [
  { label: <span className="visually-hidden">Compare</span>, col: 'evidence-w-compare' },
  { label: '#', col: 'evidence-w-index' },
  { label: 'Time', col: 'evidence-w-time' },
  { label: 'Kind', col: 'evidence-w-kind evidence-col-kind', className: 'evidence-col-kind' },
  { label: 'Request' },
  { label: 'Status', col: 'evidence-w-status' },
  { label: 'Embed', col: 'evidence-w-embed' },
  { label: 'Verdict and findings', col: 'evidence-w-verdict' }
]

/** Characters of a long URL's end that stay when its middle is cut. */
const TAIL_CHARS = 10

/** Finding codes shown as chips in a row; the rest are counted. */
const CHIPS = 3

interface TimelineTableProps {
  report: HarReport
  filter: VerdictFilter
  onFilter: (filter: VerdictFilter) => void
  /** The selected row (its position in report.requests). */
  selected: number | null
  onSelect: (row: number) => void
  /** Enter on a row: its detail, with the focus there. */
  onOpen: (row: number) => void
  compare: readonly number[]
  onCompare: (row: number) => void
}

/**
 * One row per embed request, in the order of the HAR. Arrow keys (and Home/End) move the
 * selection, Enter opens the detail; a row's box (or Shift+click) picks it for comparing.
 */
export function TimelineTable(props: TimelineTableProps) {
  const { report, filter, onFilter, selected, onSelect, onOpen, compare, onCompare } = props
  const buttons = useRef(new Map<number, HTMLButtonElement>())
  const rows = filteredRows(report, filter)
  const { errors, warnings, ok } = report.summary
  // The row Tab enters the table at: the selected one when shown, else the first.
  const tabStop = selected !== null && rows.includes(selected) ? selected : (rows[0] ?? null)

  const move = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || !rows.length) return
    const at = selected === null ? -1 : rows.indexOf(selected)
    const next =
      event.key === 'ArrowDown'
        ? Math.min(rows.length - 1, at + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, at === -1 ? 0 : at - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? rows.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    const row = rows[next]!
    onSelect(row)
    buttons.current.get(row)?.focus()
  }

  const click = (event: MouseEvent, row: number) => {
    if (event.shiftKey) {
      event.preventDefault()
      onCompare(row)
    } else onSelect(row)
  }

  return (
    <section className="evidence-timeline" aria-labelledby="evidence-timeline-title">
      <div className="evidence-timeline-bar">
        <h2 className="result-section-title" id="evidence-timeline-title">
          Timeline
          <span className="result-section-meta">
            {rows.length === report.requests.length ? rows.length : `${rows.length} of ${report.requests.length}`}
          </span>
        </h2>
        <Segmented
          label="Show"
          name="har-filter"
          size="sm"
          value={filter}
          onChange={onFilter}
          optionTestId={(value) => `har-filter-${value}`}
          testId="har-filter"
          options={[
            { value: 'all', label: `All ${report.requests.length}` },
            { value: 'error', label: `Errors ${errors}` },
            { value: 'warning', label: `Warnings ${warnings}` },
            { value: 'ok', label: `OK ${ok}` }
          ]}
        />
        <span className="evidence-keys muted" aria-hidden="true">
          <kbd className="kbd">↑</kbd> <kbd className="kbd">↓</kbd> select · <kbd className="kbd">↵</kbd> detail ·{' '}
          <kbd className="kbd">Shift</kbd>+click compare
        </span>
      </div>
      <div className="table-wrap evidence-table-wrap">
        <table className="data-table data-table-fixed evidence-table" data-testid="har-table">
          <TableHead columns={columns} />
          <tbody onKeyDown={move}>
            {rows.map((row) => {
              const request = report.requests[row]!
              const isSelected = row === selected
              const comparing = compare.includes(row)
              return (
                <tr
                  key={row}
                  className={`evidence-row is-${request.verdict}${isSelected ? ' is-selected' : ''}${comparing ? ' is-compared' : ''}`}
                  aria-current={isSelected ? 'true' : undefined}
                  data-testid="har-row"
                  data-row={row}
                  data-index={request.index}
                  data-verdict={request.verdict}
                  data-kind={request.kind}
                  onClick={(event) => click(event, row)}
                >
                  <td className="evidence-cell-compare">
                    <input
                      type="checkbox"
                      checked={comparing}
                      onChange={() => onCompare(row)}
                      onClick={(event) => event.stopPropagation()}
                      aria-label={`Compare entry #${request.index}`}
                      data-testid="har-compare"
                    />
                  </td>
                  <td className="mono evidence-cell-index">#{request.index}</td>
                  <td className="evidence-cell-time">
                    <span className="mono" title={formatDateTimeLong(request.startedDateTime)}>
                      {formatClockTime(request.startedDateTime)}
                    </span>
                    {/* In a narrow table the kind goes under the time (its column is hidden). */}
                    <span className="evidence-kind-inline" title={kindTitle[request.kind]}>
                      {kindLabel[request.kind]}
                    </span>
                  </td>
                  <td className="evidence-col-kind" title={kindTitle[request.kind]}>
                    {kindLabel[request.kind]}
                  </td>
                  <td className="evidence-cell-request">
                    <button
                      type="button"
                      ref={(node) => {
                        if (node) buttons.current.set(row, node)
                        else buttons.current.delete(row)
                      }}
                      className="evidence-row-button"
                      tabIndex={row === tabStop ? 0 : -1}
                      title={request.url}
                      onKeyDown={(event) => {
                        if (event.key !== 'Enter') return
                        event.preventDefault()
                        onOpen(row)
                      }}
                      data-testid="har-row-open"
                    >
                      <span className="visually-hidden">
                        Entry #{request.index}, {kindLabel[request.kind]}, {verdictLabel[request.verdict]}:{' '}
                      </span>
                      <span className="evidence-method">{request.method}</span> <MiddleTruncated text={request.url} />
                    </button>
                    {request.foundAt ? (
                      <span className="evidence-found-at mono" title="Where in the body the embed was found">
                        {request.foundAt}
                      </span>
                    ) : null}
                  </td>
                  <td className="evidence-cell-status">
                    <StatusCell request={request} />
                  </td>
                  <td className="evidence-cell-embed">
                    <span className="evidence-embed-method">{embedMethodLabel[request.embedMethod]}</span>
                    <span className={`evidence-signature is-${request.signature}`} data-testid="har-signature">
                      {signatureLabel[request.signature]}
                    </span>
                  </td>
                  <td className="evidence-cell-verdict">
                    <span className={`evidence-verdict is-${request.verdict}`} data-testid="har-verdict">
                      <span className="evidence-verdict-dot" aria-hidden="true" />
                      {verdictLabel[request.verdict]}
                    </span>
                    <FindingChips request={request} />
                  </td>
                </tr>
              )
            })}
            {rows.length === 0 ? (
              <tr className="evidence-none-row">
                <td colSpan={columns.length}>
                  {report.requests.length
                    ? `No ${filter === 'error' ? 'errors' : filter === 'warning' ? 'warnings' : 'rows'} in this file.`
                    : 'No embed requests in this file.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** Both ends of a long URL (its host and its signature), the middle cut to fit the cell. */
function MiddleTruncated({ text }: { text: string }) {
  const tail = text.length > 40 ? text.slice(-TAIL_CHARS) : ''
  return (
    <span className="evidence-middle mono">
      <span className="evidence-middle-head">{tail ? text.slice(0, -TAIL_CHARS) : text}</span>
      {tail ? <span className="evidence-middle-tail">{tail}</span> : null}
    </span>
  )
}

function StatusCell({ request }: { request: HarEmbedRequest }) {
  if (request.status === null) {
    return (
      <span className="faint" title="The parent's own answer: the host has not seen this URL yet">
        —
      </span>
    )
  }
  return (
    <>
      <span
        className={`mono evidence-status${request.status >= 400 ? ' is-bad' : ''}`}
        title={request.statusText ?? undefined}
      >
        {request.status}
      </span>
      {request.hostCode ? (
        <code className="evidence-host-code" title={request.hostMessage ?? undefined}>
          {request.hostCode}
        </code>
      ) : null}
    </>
  )
}

function FindingChips({ request }: { request: HarEmbedRequest }) {
  const shown = request.findings.filter((finding) => finding.severity !== 'info')
  if (!shown.length) return null
  return (
    <span className="chips evidence-chips">
      {shown.slice(0, CHIPS).map((finding, index) => (
        <span
          key={`${finding.code}:${index}`}
          className={`evidence-chip is-${finding.severity}`}
          data-testid="har-finding-chip"
          data-code={finding.code}
          title={finding.message}
        >
          {finding.code}
        </span>
      ))}
      {shown.length > CHIPS ? (
        <span
          className="evidence-chip is-more"
          title={shown
            .slice(CHIPS)
            .map((finding) => finding.code)
            .join(', ')}
        >
          +{shown.length - CHIPS}
        </span>
      ) : null}
    </span>
  )
}
