import { useState } from 'react'
import type { Finding, Severity } from '../../../preload/contract'
import { Icon, type IconName } from './Icon'

const severityIcon: Record<Severity, IconName> = { error: 'error', warning: 'warning', info: 'info' }
const severityLabel: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' }

/** How many findings show before "Show all": a pasted log line can have thousands. */
const SHOWN_AT_FIRST = 100

/** "2 errors · 1 warning · 3 info", leaving out severities with none. */
export function findingSummary(findings: readonly Finding[]): string {
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length
  const parts: string[] = []
  const errors = count('error')
  const warnings = count('warning')
  const infos = count('info')
  if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`)
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`)
  if (infos) parts.push(`${infos} info`)
  return parts.length ? parts.join(' · ') : 'No findings'
}

interface FindingListProps {
  findings: readonly Finding[]
  /** The finding picked by a click (its parameter's rows are highlighted), if any. */
  selected?: Finding | null
  /** Given when the parameter table can highlight a finding's parameter. */
  onSelect?: (finding: Finding | null) => void
  testId?: string
}

/**
 * What the inspector has to say about an embed URL, worst first: severity, code, the parameter,
 * the message and how to fix it. Shared by the Inspector and the Sign screen.
 */
export function FindingList({ findings, selected, onSelect, testId = 'findings' }: FindingListProps) {
  const [showAll, setShowAll] = useState(false)
  if (findings.length === 0) return null
  const hidden = showAll ? 0 : Math.max(0, findings.length - SHOWN_AT_FIRST)
  return (
    <ul className="framed-list finding-list" data-testid={testId}>
      {(hidden ? findings.slice(0, SHOWN_AT_FIRST) : findings).map((finding, index) => {
        const isSelected = selected === finding
        const body = <FindingBody finding={finding} />
        return (
          <li
            key={`${finding.code}:${finding.param ?? ''}:${index}`}
            className={`finding finding-${finding.severity}${isSelected ? ' is-selected' : ''}`}
            data-testid="finding"
            data-code={finding.code}
            data-severity={finding.severity}
          >
            {onSelect && finding.param ? (
              <button
                type="button"
                className="finding-inner finding-button"
                aria-pressed={isSelected}
                title={isSelected ? 'Clear the highlight' : `Highlight ${finding.param} in the parameter table`}
                onClick={() => onSelect(isSelected ? null : finding)}
              >
                {body}
              </button>
            ) : (
              <div className="finding-inner">{body}</div>
            )}
          </li>
        )
      })}
      {hidden ? (
        <li className="finding-more">
          <span>{hidden} more not shown</span>
          <button type="button" className="btn btn-sm" onClick={() => setShowAll(true)} data-testid="show-all-findings">
            Show all {findings.length}
          </button>
        </li>
      ) : null}
    </ul>
  )
}

function FindingBody({ finding }: { finding: Finding }) {
  return (
    <>
      <span className="finding-icon" title={severityLabel[finding.severity]}>
        <Icon name={severityIcon[finding.severity]} size={14} />
        <span className="visually-hidden">{severityLabel[finding.severity]}:</span>
      </span>
      <span className="finding-text">
        <span className="finding-head">
          <code className="finding-code" data-testid="finding-code">
            {finding.code}
          </code>
          {finding.param ? <code className="finding-param">{finding.param}</code> : null}
        </span>
        <span className="finding-message">{finding.message}</span>
        <span className="finding-fix" data-testid="finding-fix">
          <span className="finding-fix-label">Fix:</span> {finding.fix}
        </span>
      </span>
    </>
  )
}
