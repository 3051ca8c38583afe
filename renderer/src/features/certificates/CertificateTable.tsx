import type { CertificateSummary, Finding } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { RowButton } from '../../ui/RowButton'
import { TableHead } from '../../ui/TableHead'
import { formatDate, formatDateTimeLong } from '../../ui/format'
import { expiryTone, expiryWords } from './certificateDraft'

interface CertificateTableProps {
  certificates: CertificateSummary[]
  highlightId: string | null
  onOpen: (certificate: CertificateSummary) => void
  onDelete: (certificate: CertificateSummary) => void
}

const columns = [
  { label: 'Name', className: 'col-name' },
  { label: 'Certificate', col: 'certificates-w-subject' },
  { label: 'Expires', col: 'certificates-w-expiry' },
  { label: 'Domains', col: 'certificates-w-domains' },
  { label: 'Status', col: 'certificates-w-status' },
  { label: <span className="visually-hidden">Actions</span>, col: 'certificates-w-actions', className: 'col-actions' }
]

export function CertificateTable({ certificates, highlightId, onOpen, onDelete }: CertificateTableProps) {
  return (
    <div className="table-wrap">
      <table className="data-table data-table-fixed certificates-table" data-testid="certificate-table">
        <TableHead columns={columns} />
        <tbody>
          {certificates.map((certificate) => (
            <CertificateRow
              key={certificate.id}
              certificate={certificate}
              highlighted={certificate.id === highlightId}
              onOpen={() => onOpen(certificate)}
              onDelete={() => onDelete(certificate)}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function CertificateRow({
  certificate,
  highlighted,
  onOpen,
  onDelete
}: {
  certificate: CertificateSummary
  highlighted: boolean
  onOpen: () => void
  onDelete: () => void
}) {
  const { report } = certificate
  const leaf = report.certificate
  const tone = expiryTone(report.findings)
  const domains = certificate.domains
  return (
    <tr
      data-testid="certificate-row"
      data-name={certificate.name}
      data-id={certificate.id}
      className={highlighted ? 'is-new' : undefined}
    >
      <td className="col-name">
        <div className="cell-primary">
          <button
            type="button"
            className="row-link credential-name"
            onClick={onOpen}
            data-testid="open-certificate"
            title={`Open ${certificate.name}`}
          >
            {certificate.name}
          </button>
          {!certificate.hasKey ? (
            <span className="tag" title="No client key is stored: this certificate cannot be presented">
              No key
            </span>
          ) : null}
        </div>
        {certificate.description ? (
          <div className="cell-secondary" title={certificate.description}>
            {certificate.description}
          </div>
        ) : null}
      </td>
      <td>
        {leaf ? (
          <>
            <div className="cell-primary cell-truncate" title={leaf.subject} data-testid="cert-subject">
              {leaf.subject}
            </div>
            <div className="cell-secondary" data-testid="cert-key">
              {certificate.hasCa ? `${leaf.keyDescription} · with CA` : leaf.keyDescription}
            </div>
          </>
        ) : (
          <span className="muted">Unreadable</span>
        )}
      </td>
      <td title={leaf ? formatDateTimeLong(leaf.validTo) : undefined}>
        {leaf ? (
          <>
            <div className="cell-primary">{formatDate(leaf.validTo)}</div>
            <div
              className={`cell-secondary cell-with-icon certificates-expiry-${tone}`}
              data-testid="cert-expiry"
              data-tone={tone}
            >
              {tone !== 'ok' ? <Icon name={tone === 'error' ? 'error' : 'warning'} size={12} /> : null}
              {expiryWords(leaf.validTo, leaf.validFrom)}
            </div>
          </>
        ) : (
          <span className="faint">—</span>
        )}
      </td>
      <td title={domains.join('\n') || 'No authorized domains: never presented'}>
        {domains.length ? (
          <>
            <div className="cell-primary cell-truncate mono certificates-domain">{domains[0]}</div>
            {domains.length > 1 ? <div className="cell-secondary">+{domains.length - 1} more</div> : null}
          </>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td>
        <ReportBadge findings={report.findings} ok={report.ok} />
      </td>
      <td className="col-actions">
        <div className="row-actions">
          <RowButton
            label="Edit"
            icon="pencil"
            title="Open: see the report, replace the certificate or key"
            testId="edit-certificate"
            onClick={onOpen}
          />
          <RowButton
            label="Delete"
            icon="trash"
            title="Delete from the vault"
            testId="delete-certificate"
            danger
            onClick={onDelete}
          />
        </div>
      </td>
    </tr>
  )
}

/** OK, "2 warnings" or "1 error", from a validation report. */
export function ReportBadge({ findings, ok }: { findings: readonly Finding[]; ok: boolean }) {
  const errors = findings.filter((finding) => finding.severity === 'error').length
  const warnings = findings.filter((finding) => finding.severity === 'warning').length
  const first = findings.find((finding) => finding.severity !== 'info')
  const title = first ? `${first.code}: ${first.message}` : 'No problems found'
  if (!ok || errors) {
    return (
      <span className="badge badge-error" title={title} data-testid="cert-status" data-status="error">
        <span className="badge-dot" aria-hidden="true" />
        {errors} {errors === 1 ? 'error' : 'errors'}
      </span>
    )
  }
  if (warnings) {
    return (
      <span className="badge badge-warning" title={title} data-testid="cert-status" data-status="warning">
        <span className="badge-dot" aria-hidden="true" />
        {warnings} {warnings === 1 ? 'warning' : 'warnings'}
      </span>
    )
  }
  return (
    <span className="badge badge-success" title={title} data-testid="cert-status" data-status="ok">
      <span className="badge-dot" aria-hidden="true" />
      OK
    </span>
  )
}
