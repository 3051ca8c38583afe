import type { HarReport } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { FindingList } from '../../ui/FindingList'
import { formatSize } from '../../ui/format'

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString()} ${count === 1 ? one : many}`

/** What file this is and how it was read: one line, then the problems with the file itself. */
export function ReportSummary({ report, sandbox = false }: { report: HarReport; sandbox?: boolean }) {
  const made = [report.creator, report.browser].filter(Boolean).join(' · ')
  return (
    <div className="evidence-summary">
      <div className="evidence-summary-line" data-testid="har-summary" tabIndex={-1}>
        <Icon name="file" size={14} />
        <strong className="evidence-file-name" data-testid="har-file-name" title={report.fileName}>
          {report.fileName}
        </strong>
        <span className="evidence-summary-facts">
          <span>{formatSize(report.bytes)}</span>
          <span data-testid="har-entries">{plural(report.entries, 'entry', 'entries')}</span>
          <span data-testid="har-embed-count">{plural(report.requests.length, 'embed request')}</span>
          {made ? (
            <span className="evidence-creator" title="log.creator and log.browser">
              {made}
            </span>
          ) : null}
        </span>
        {report.truncated ? (
          <span
            className="badge badge-warning"
            data-testid="har-truncated"
            title="The file stops in the middle: what came before the cut is judged"
          >
            <Icon name="warning" size={12} />
            cut short
          </span>
        ) : null}
        {sandbox ? (
          <span
            className="badge badge-success"
            data-testid="har-credentials"
            data-tried={report.credentialsTried}
            title="A credential made for this sandbox signed the bundle's URLs again: the customer's secret is not needed"
          >
            <Icon name="key" size={12} />
            signed again with a sandbox credential
          </span>
        ) : report.credentialsTried ? (
          <span
            className="badge badge-success"
            data-testid="har-credentials"
            data-tried={report.credentialsTried}
            title="Signatures were checked against the credentials in the vault"
          >
            <Icon name="key" size={12} />
            signatures checked with {plural(report.credentialsTried, 'stored credential')}
          </span>
        ) : (
          <span
            className="badge badge-neutral"
            data-testid="har-credentials"
            data-tried={0}
            title="No stored credential to check signatures with: add or import the customer's credential and open the file again"
          >
            <Icon name="info" size={12} />
            structure only (no stored credential)
          </span>
        )}
      </div>
      {report.problems.length ? (
        <div className="evidence-problems">
          <FindingList findings={report.problems} testId="har-problems" />
        </div>
      ) : null}
    </div>
  )
}
