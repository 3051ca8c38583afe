import { useEffect, useRef } from 'react'
import type { InspectedParam } from '../../../../preload/contract'
import { CopyButton } from '../../ui/CopyButton'
import { TableHead, type Column } from '../../ui/TableHead'
import { clip, clipTitle, MAX_ROWS, shortReference, TITLE_CHARS } from './text'
import { offsetFromNow } from './JwtView'
import './inspection.css'

const columns: Column[] = [
  { label: 'Source', col: 'inspection-w-source' },
  { label: 'Name', col: 'w-param-name' },
  { label: 'Raw', col: 'inspection-w-raw', className: 'inspection-th-raw' },
  { label: 'Decoded value', col: 'inspection-w-value' },
  { label: 'Meaning' },
  { label: 'Check', col: 'inspection-w-check' }
]

const sourceLabel: Record<InspectedParam['source'], string> = {
  url: 'URL',
  'jwt-header': 'header',
  'jwt-claim': 'claim'
}

/** Every parameter, header field and claim: raw, decoded, what it means and how it checked. */
export function InspectParamTable({
  params,
  highlight,
  now
}: {
  params: InspectedParam[]
  highlight: string | null
  /** The inspection's "now" (Unix seconds): time values say how far from it they are. */
  now: number
}) {
  const table = useRef<HTMLTableElement>(null)
  useEffect(() => {
    if (highlight) table.current?.querySelector('tr.is-highlighted')?.scrollIntoView({ block: 'nearest' })
  }, [highlight])

  const shown = params.slice(0, MAX_ROWS)
  return (
    <div className="table-wrap">
      <table ref={table} className="data-table param-table inspection-params" data-testid="inspect-params">
        <TableHead columns={columns} />
        <tbody>
          {shown.map((param, index) => (
            <tr
              key={`${param.source}:${param.name}:${index}`}
              data-testid="inspect-param"
              data-name={param.name}
              data-check={param.check}
              className={highlight !== null && param.name === highlight ? 'is-highlighted' : undefined}
            >
              <td className="inspection-param-source">{sourceLabel[param.source]}</td>
              <td className="mono param-name" title={clipTitle(param.name)}>
                {clip(param.name)}
              </td>
              <td className="mono inspection-param-raw" title={clip(param.raw, TITLE_CHARS)}>
                <span className="inspection-clamp-2">{clip(param.raw)}</span>
              </td>
              <td className="mono param-value" title={clipTitle(param.value)}>
                <span className="param-value-text">
                  {param.value ? clip(param.value) : <span className="faint">(empty)</span>}
                </span>
                <TimeOffset name={param.name} raw={param.raw} now={now} />
                {param.value ? (
                  <CopyButton
                    value={param.value}
                    label={`Copy the decoded ${param.name}`}
                    className="inspection-cell-copy"
                  />
                ) : null}
              </td>
              <td className="inspection-param-meaning">
                {param.meaning || <span className="faint">Not a documented parameter</span>}
                {param.reference ? (
                  <div className="inspection-param-ref truncate" title={param.reference} data-testid="param-reference">
                    {shortReference(param.reference)}
                  </div>
                ) : null}
              </td>
              <td>
                <span className={`pill pill-${param.check}`}>{param.check}</span>
              </td>
            </tr>
          ))}
          {params.length > MAX_ROWS ? (
            <tr className="inspection-more-row" data-testid="inspect-params-more">
              <td colSpan={6}>{params.length - MAX_ROWS} more not shown</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  )
}

function TimeOffset({ name, raw, now }: { name: string; raw: string; now: number }) {
  const offset = offsetFromNow(name, raw, now)
  return offset ? (
    <span className={`inspection-time-offset${offset.endsWith('ago') ? ' is-past' : ''}`} data-testid="time-offset">
      {offset}
    </span>
  ) : null
}
