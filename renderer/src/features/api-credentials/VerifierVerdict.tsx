import { Marked } from '../../shared/inspection/Marked'
/** The local verification server's verdict on one request, with the canonical request diffed line by line. */
import type { ApiRequestResult, VerifyVerdict } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { TableHead } from '../../ui/TableHead'
import { CodeBlock } from './CodeBlock'

/** The local verification server's verdict, and where our canonical request differs from its own. */
export function VerdictBox({
  verdict,
  diff,
  canonicalLabel
}: {
  verdict: VerifyVerdict
  diff: ApiRequestResult['canonicalDiff']
  canonicalLabel: string
}) {
  const serverText = verdict.canonicalRequest ?? verdict.stringToSign
  const serverLabel = verdict.canonicalRequest ? 'canonical request' : 'string to sign'
  const client = verdict.clientCertificate
  return (
    <section
      className={`api-credentials-verdict-box ${verdict.ok ? 'is-ok' : 'is-fail'}`}
      data-testid="verdict-box"
      data-ok={verdict.ok}
      aria-label="Verification server verdict"
    >
      <div className="api-credentials-verdict-head">
        <Icon name={verdict.ok ? 'success' : 'error'} size={16} className="api-credentials-verdict-icon" />
        <div className="api-credentials-verdict-title">
          <span className="api-credentials-verdict-label">Verification server</span>
          <strong data-testid="verdict-result">
            {verdict.ok
              ? 'OK — the request verifies'
              : `Refused: ${verdict.problems.length} ${verdict.problems.length === 1 ? 'problem' : 'problems'}`}
          </strong>
        </div>
        <span className="api-credentials-verdict-meta">
          <span className="tag" title="The scheme the server read from the request">
            {verdict.scheme}
          </span>
          <span className="muted small" title={client.error ?? undefined}>
            {client.presented
              ? `client certificate: ${client.subject ?? 'presented'}${client.authorized ? '' : ' (not authorized)'}`
              : 'no client certificate'}
          </span>
        </span>
      </div>
      {verdict.problems.length ? (
        <ul className="api-credentials-verdict-problems" data-testid="verdict-problems">
          {verdict.problems.map((problem, index) => (
            <li key={index} data-testid="verdict-problem">
              {problem}
            </li>
          ))}
        </ul>
      ) : null}
      {diff && diff.length ? (
        <div className="api-credentials-canonical-diff" data-testid="canonical-diff">
          <div className="result-section-title">
            Where our {canonicalLabel} differs from the server’s
            <span className="result-section-meta">
              {diff.length} {diff.length === 1 ? 'line' : 'lines'}
            </span>
          </div>
          <div className="table-wrap">
            <table className="data-table compact-table api-credentials-diff-lines" data-testid="canonical-diff-table">
              <TableHead
                columns={[
                  { label: 'Line', col: 'api-credentials-w-diff-line' },
                  { label: 'Ours (client)' },
                  { label: 'Server' }
                ]}
              />
              <tbody>
                {diff.map((line, index) => (
                  <tr key={index} data-testid="canonical-diff-row" data-line={line.line}>
                    <td className="mono api-credentials-diff-line-no">{line.line}</td>
                    <td className="mono api-credentials-diff-line-text">
                      <Marked value={line.ours} other={line.server} gapClassName="api-credentials-diff-gap" />
                    </td>
                    <td className="mono api-credentials-diff-line-text">
                      <Marked value={line.server} other={line.ours} gapClassName="api-credentials-diff-gap" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {serverText && !verdict.ok ? (
        <details className="disclosure api-credentials-verdict-server-text">
          <summary>
            <Icon name="chevron" size={12} className="disclosure-chevron" />
            The server’s {serverLabel}
          </summary>
          <CodeBlock
            label={`Server ${serverLabel}`}
            value={serverText}
            testId="verdict-server-text"
            numbered
            hideLabel
          />
        </details>
      ) : null}
    </section>
  )
}
