/** The request as the inspector read it: method and URL, headers (signed ones and the changed one marked), body. */
import type { RequestInspection } from '../../../../preload/contract'
import { formatDateTimeLong } from '../../ui/format'
import { ResultSection } from '../../ui/ResultSection'
import { TableHead } from '../../ui/TableHead'
import { UrlText } from '../../ui/UrlText'
import { count } from './words'

const bytes = (n: number) =>
  n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`

export function RequestAsRead({
  request,
  signedHeaders,
  changedHeader
}: {
  request: RequestInspection['request']
  /** Lower-case names the signature covers (SigV4), to mark them. */
  signedHeaders: readonly string[]
  /** The header named by the change, lower case. */
  changedHeader: string | null
}) {
  return (
    <ResultSection
      level={2}
      title="The request as read"
      meta={`${count(request.headers.length, 'header')} · body ${bytes(request.bodyBytes)}`}
      testId="ri-request"
    >
      <div className="request-inspector-request-line" data-testid="ri-request-line">
        <span className="request-inspector-method" data-testid="ri-request-method">
          {request.method}
        </span>
        <span className="mono request-inspector-url" data-testid="ri-request-url">
          <UrlText url={request.url} />
        </span>
      </div>
      {request.sentAt ? (
        <p className="request-inspector-sent-at">Sent {formatDateTimeLong(request.sentAt)} (the HAR’s time)</p>
      ) : null}
      {request.headers.length ? (
        <div className="table-wrap request-inspector-headers-wrap">
          <table className="data-table compact-table request-inspector-headers" data-testid="ri-headers">
            <caption className="visually-hidden">Headers as they arrived</caption>
            <TableHead columns={[{ label: 'Header', col: 'request-inspector-w-header' }, { label: 'Value' }]} />
            <tbody>
              {request.headers.map(([name, value], index) => {
                const lower = name.toLowerCase()
                const changed = lower === changedHeader
                return (
                  <tr
                    key={`${lower}:${index}`}
                    className={changed ? 'is-changed' : undefined}
                    data-testid="ri-header-row"
                    data-name={lower}
                    data-changed={changed || undefined}
                  >
                    <td className="mono request-inspector-header-name">
                      {name}
                      {signedHeaders.includes(lower) ? (
                        <span className="tag request-inspector-signed-tag">signed</span>
                      ) : null}
                      {changed ? <span className="pill pill-error request-inspector-pill">changed</span> : null}
                    </td>
                    <td className="mono request-inspector-header-value">{value}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No headers.</p>
      )}
      <h3 className="request-inspector-subhead">
        Body <span className="request-inspector-subhead-meta">{bytes(request.bodyBytes)}</span>
      </h3>
      {request.body ? (
        <pre className="code-box mono request-inspector-body-text" data-testid="ri-body">
          {request.body}
        </pre>
      ) : (
        <p className="request-inspector-none">No body.</p>
      )}
    </ResultSection>
  )
}
