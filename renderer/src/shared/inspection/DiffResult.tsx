import type { ParamDiff, UrlDiff } from '../../../../preload/contract'
import { TableHead, type Column } from '../../ui/TableHead'
import { Marked } from './Marked'
import { CELL_CHARS, clip, clipTitle, MAX_ROWS } from './text'
import './inspection.css'

const statusLabel: Record<ParamDiff['status'], string> = {
  same: 'same',
  changed: 'changed',
  'only-left': 'only left',
  'only-right': 'only right',
  moved: 'moved'
}

/** The pill's tone for each status: what is only on one side is green or red, as in a text diff. */
const statusPill: Record<ParamDiff['status'], string> = {
  same: 'pill-neutral',
  changed: 'pill-warning',
  'only-left': 'pill-error',
  'only-right': 'pill-ok',
  moved: 'pill-info'
}

const diffColumns: Column[] = [
  { label: 'Name', col: 'w-param-name' },
  { label: 'Left' },
  { label: 'Right' },
  { label: 'Status', col: 'w-status' }
]

interface DiffResultProps {
  diff: UrlDiff
  /** List the parameters that are the same on both sides too. */
  showSame: boolean
  /** The sides' names in the table head ("Left" and "Right" unless given, e.g. "#1" and "#4"). */
  leftLabel?: string
  rightLabel?: string
}

/**
 * Two embed URLs compared: their bases (the part before the query), then parameter by parameter
 * (claim by claim for JWTs), the run that changed marked. Shared by the Inspector's Diff and the
 * Evidence screen's comparison of two HAR rows.
 */
export function DiffResult({ diff, showSame, leftLabel = 'Left', rightLabel = 'Right' }: DiffResultProps) {
  const rows = diff.params.filter((param) => showSame || param.status !== 'same')
  const columns =
    leftLabel === 'Left' && rightLabel === 'Right'
      ? diffColumns
      : [diffColumns[0]!, { label: leftLabel }, { label: rightLabel }, diffColumns[3]!]
  return (
    <>
      <div
        className={`inspection-diff-base${diff.baseLeft === diff.baseRight ? '' : ' is-different'}`}
        data-testid="diff-base"
        data-same={diff.baseLeft === diff.baseRight}
      >
        {diff.baseLeft === diff.baseRight ? (
          <>
            <span className="pill pill-same">same base</span>
            <code className="mono" title={clipTitle(diff.baseLeft)}>
              {clip(diff.baseLeft)}
            </code>
          </>
        ) : (
          <>
            <span className="pill pill-changed">base differs</span>
            <span className="inspection-diff-base-sides">
              <span>
                <span className="inspection-diff-base-label">{leftLabel}</span>
                <code className="mono" title={clipTitle(diff.baseLeft)}>
                  <ClippedMarked value={diff.baseLeft} other={diff.baseRight} />
                </code>
              </span>
              <span>
                <span className="inspection-diff-base-label">{rightLabel}</span>
                <code className="mono" title={clipTitle(diff.baseRight)}>
                  <ClippedMarked value={diff.baseRight} other={diff.baseLeft} />
                </code>
              </span>
            </span>
          </>
        )}
      </div>
      <div className="table-wrap">
        <table className="data-table param-table inspection-diff-table" data-testid="diff-table">
          <TableHead columns={columns} />
          <tbody>
            {rows.slice(0, MAX_ROWS).map((param, index) => (
              <tr
                key={`${param.name}:${index}`}
                data-testid="diff-row"
                data-status={param.status}
                data-name={param.name}
                className={`inspection-diff-${param.status}`}
              >
                <td className="mono param-name" title={clipTitle(param.name)}>
                  {clip(param.name)}
                </td>
                <DiffCell value={param.left} other={param.status === 'changed' ? param.right : null} />
                <DiffCell value={param.right} other={param.status === 'changed' ? param.left : null} />
                <td>
                  <span className={`pill ${statusPill[param.status]}`}>{statusLabel[param.status]}</span>
                </td>
              </tr>
            ))}
            {rows.length > MAX_ROWS ? (
              <tr className="inspection-more-row">
                <td colSpan={4}>{rows.length - MAX_ROWS} more not shown</td>
              </tr>
            ) : null}
            {rows.length === 0 ? (
              <tr className="inspection-more-row">
                <td colSpan={4}>
                  {diff.params.length
                    ? 'Every parameter is the same. Tick “Show unchanged” to list them.'
                    : 'Neither side has parameters.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** One side's value; for a changed value, the part that differs from the other side is marked. */
function DiffCell({ value, other }: { value: string | null; other: string | null }) {
  if (value === null) return <td className="mono param-value faint">—</td>
  if (value === '') return <td className="mono param-value faint">(empty)</td>
  return (
    <td className="mono param-value" title={clipTitle(value)}>
      <ClippedMarked value={value} other={other} />
    </td>
  )
}

/** `value`, clipped; marked where it differs from `other` unless long (the mark would be clipped away). */
function ClippedMarked({ value, other }: { value: string; other: string | null }) {
  if (other === null || value.length > CELL_CHARS || other.length > CELL_CHARS) return <>{clip(value)}</>
  return <Marked value={value} other={other} />
}

/** "1 changed · 2 only right · 14 same": how the parameters compare, leaving out statuses with none. */
export function diffSummary(params: readonly ParamDiff[]): string {
  const order: ParamDiff['status'][] = ['changed', 'only-left', 'only-right', 'moved', 'same']
  const parts = order
    .map((status) => [status, params.filter((param) => param.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${statusLabel[status]}`)
  return parts.length ? parts.join(' · ') : 'No parameters'
}
