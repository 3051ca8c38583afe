import { useState } from 'react'
import type { ParamDiff, UrlDiff } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Icon } from '../../ui/Icon'
import { Spinner } from '../../ui/Spinner'
import { TableHead, type Column } from '../../ui/TableHead'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import { BigTextArea } from './BigTextArea'
import { CELL_CHARS, clip, clipTitle, MAX_ROWS } from './text'
import { debounceFor, useDebouncedRun, useLatestCall } from './useLatestCall'

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

interface DiffPanelProps {
  left: string
  right: string
  onChange: (sides: { left: string; right: string }) => void
}

/** Two embed URLs side by side, parameter by parameter (and claim by claim for JWTs). */
export function DiffPanel({ left, right, onChange }: DiffPanelProps) {
  const { noticeFailure } = useVault()
  const [diff, setDiff] = useState<UrlDiff | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [showSame, setShowSame] = useState(true)
  const { pending, start, settle, cancel } = useLatestCall()
  const compare = async () => {
    if (!left.trim() || !right.trim()) {
      cancel()
      setDiff(null)
      setError(null)
      return
    }
    const request = start()
    const result = await call(() => workbench.diffEmbedUrls({ left, right }))
    if (!settle(request)) return
    if (result.ok) {
      setDiff(result.value)
      setError(null)
    } else {
      setError(result.error.message)
      noticeFailure(result.error.code)
    }
  }

  const atOnce = useDebouncedRun(() => void compare(), [left, right], debounceFor(left.length + right.length))

  useGlobalKeyDown((event) => {
    if (isModKey(event) && event.key === 'Enter') {
      event.preventDefault()
      void compare()
    }
  })

  const counts = diff ? countStatuses(diff.params) : null
  const rows = diff ? diff.params.filter((param) => showSame || param.status !== 'same') : []
  const ready = diff && left.trim() && right.trim()

  return (
    <div className="diff-panel">
      <div className="inspector-diff-inputs">
        {(['left', 'right'] as const).map((side) => (
          <div className="inspector-diff-side" key={side}>
            <label className="field-label" htmlFor={`diff-${side}`}>
              {side === 'left' ? 'Left' : 'Right'}
            </label>
            <BigTextArea
              id={`diff-${side}`}
              className="input textarea mono inspector-big-input"
              rows={5}
              spellCheck={false}
              autoComplete="off"
              value={side === 'left' ? left : right}
              placeholder={
                side === 'left'
                  ? 'The URL that works (or the one you signed)'
                  : 'The URL that fails (or the one that was sent)'
              }
              onPaste={atOnce}
              onChange={(value) => onChange(side === 'left' ? { left: value, right } : { left, right: value })}
              data-testid={`diff-${side}`}
            />
          </div>
        ))}
      </div>
      <div className="inspector-toolbar">
        <Button
          icon="diff"
          variant="primary"
          onClick={() => void compare()}
          testId="diff-button"
          title={`Compare (${shortcutLabel('Enter')})`}
          shortcut={shortcutLabel('↵')}
        >
          Compare
        </Button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            atOnce()
            onChange({ left: right, right: left })
          }}
          disabled={!left && !right}
          data-testid="diff-swap"
          title="Swap left and right"
        >
          Swap
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={showSame}
            onChange={(event) => setShowSame(event.target.checked)}
            data-testid="diff-show-same"
          />
          <span>Show unchanged</span>
        </label>
        {counts && ready ? (
          <span className="result-summary" data-testid="diff-summary">
            {counts}
          </span>
        ) : null}
        {pending ? <Spinner label="Comparing…" /> : null}
      </div>

      {error ? (
        <Banner tone="error" title="Could not compare" testId="diff-error">
          {error}
        </Banner>
      ) : null}

      {ready ? (
        <div className={`diff-result${pending ? ' is-pending' : ''}`} data-testid="diff-result">
          <div
            className={`inspector-diff-base${diff.baseLeft === diff.baseRight ? '' : ' is-different'}`}
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
                <span className="inspector-diff-base-sides">
                  <span>
                    <span className="inspector-diff-base-label">Left</span>
                    <code className="mono" title={clipTitle(diff.baseLeft)}>
                      <Marked value={diff.baseLeft} other={diff.baseRight} />
                    </code>
                  </span>
                  <span>
                    <span className="inspector-diff-base-label">Right</span>
                    <code className="mono" title={clipTitle(diff.baseRight)}>
                      <Marked value={diff.baseRight} other={diff.baseLeft} />
                    </code>
                  </span>
                </span>
              </>
            )}
          </div>
          <div className="table-wrap">
            <table className="data-table param-table inspector-diff-table" data-testid="diff-table">
              <TableHead columns={diffColumns} />
              <tbody>
                {rows.slice(0, MAX_ROWS).map((param, index) => (
                  <tr
                    key={`${param.name}:${index}`}
                    data-testid="diff-row"
                    data-status={param.status}
                    data-name={param.name}
                    className={`inspector-diff-${param.status}`}
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
                  <tr className="inspector-more-row">
                    <td colSpan={4}>{rows.length - MAX_ROWS} more not shown</td>
                  </tr>
                ) : null}
                {rows.length === 0 ? (
                  <tr className="inspector-more-row">
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
        </div>
      ) : !left.trim() || !right.trim() ? (
        <div className="result-placeholder muted" data-testid="diff-empty">
          <Icon name="diff" size={16} />
          <span>
            Paste two embed URLs (or JWTs) to compare them parameter by parameter: what changed, what is missing on one
            side, what moved.
          </span>
        </div>
      ) : null}
    </div>
  )
}

/** One side's value; for a changed value, the part that differs from the other side is marked. */
function DiffCell({ value, other }: { value: string | null; other: string | null }) {
  if (value === null) return <td className="mono param-value faint">—</td>
  if (value === '') return <td className="mono param-value faint">(empty)</td>
  return (
    <td className="mono param-value" title={clipTitle(value)}>
      <Marked value={value} other={other} />
    </td>
  )
}

/**
 * `value`, clipped, with the run that differs from `other` (between their common prefix and
 * suffix) marked. Long values are only clipped: the mark would fall in the clipped part.
 */
function Marked({ value, other }: { value: string; other: string | null }) {
  if (other === null || value.length > CELL_CHARS || other.length > CELL_CHARS) return <>{clip(value)}</>
  let start = 0
  while (start < value.length && start < other.length && value[start] === other[start]) start++
  let end = 0
  while (
    end < value.length - start &&
    end < other.length - start &&
    value[value.length - 1 - end] === other[other.length - 1 - end]
  )
    end++
  return (
    <>
      {value.slice(0, start)}
      <mark className="diff-mark">{value.slice(start, value.length - end)}</mark>
      {value.slice(value.length - end)}
    </>
  )
}

function countStatuses(params: ParamDiff[]): string {
  const order: ParamDiff['status'][] = ['changed', 'only-left', 'only-right', 'moved', 'same']
  const parts = order
    .map((status) => [status, params.filter((param) => param.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${statusLabel[status]}`)
  return parts.length ? parts.join(' · ') : 'No parameters'
}
