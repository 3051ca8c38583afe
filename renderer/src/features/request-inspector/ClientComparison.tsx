/** The client's canonical request (from its log) against the one computed from the request as it arrived. */
import type { RequestInspection } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { ResultSection } from '../../ui/ResultSection'
import { TableHead } from '../../ui/TableHead'
import { Marked } from '../../shared/inspection/Marked'
import { count } from './words'

export function ClientComparison({
  diff,
  signed,
  of
}: {
  diff: RequestInspection['clientDiff']
  signed: boolean | null
  /** What the client's text was compared with: "canonical request" or "string to sign". */
  of: string
}) {
  return (
    <ResultSection
      level={2}
      title="The client’s log"
      meta={diff ? (diff.length ? `${count(diff.length, 'line')} differ` : 'the same, line for line') : null}
      testId="ri-client-result"
    >
      {signed !== null ? (
        <p
          className={`request-inspector-client-signed ${signed ? 'is-yes' : 'is-no'}`}
          data-testid="ri-client-signed"
          data-signed={signed}
        >
          <Icon name={signed ? 'check' : 'x'} size={13} />
          {signed
            ? `It is what was signed: hashed and signed with the credential, it gives the request’s signature.${diff?.length ? ' The request changed on its way on the lines below.' : ''}`
            : 'It is not what was signed: with the credential it does not give the request’s signature (another secret, or the log of another request).'}
        </p>
      ) : null}
      {diff && diff.length ? (
        <div className="table-wrap">
          <table className="data-table compact-table request-inspector-diff" data-testid="ri-client-diff">
            <caption className="visually-hidden">
              Lines that differ between the client’s {of} and the one computed
            </caption>
            <TableHead
              columns={[
                { label: 'Line', col: 'request-inspector-w-line' },
                { label: 'Client (from its log)' },
                { label: 'Computed from the request as it arrived' }
              ]}
            />
            <tbody>
              {diff.map((row, index) => (
                <tr key={index} data-testid="ri-client-diff-row" data-line={row.line}>
                  <td className="mono request-inspector-diff-no">{row.line}</td>
                  <td className="mono request-inspector-diff-text">
                    <Marked value={row.client} other={row.server} />
                  </td>
                  <td className="mono request-inspector-diff-text">
                    <Marked value={row.server} other={row.client} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : diff ? (
        <p className="request-inspector-none">The client’s {of} and the one computed are the same.</p>
      ) : null}
    </ResultSection>
  )
}
