/** A block of request or response text with line numbers and a copy button, and a header table. */
import { CopyButton } from '../../ui/CopyButton'
import { TableHead } from '../../ui/TableHead'

/** A monospace block with a copy button; `numbered` shows line numbers (for comparing by line). */
export function CodeBlock({
  label,
  value,
  testId,
  numbered,
  hideLabel,
  copyValue
}: {
  label: string
  value: string
  testId: string
  numbered?: boolean
  hideLabel?: boolean
  copyValue?: string
}) {
  const lines = value.split('\n')
  return (
    <div className="api-credentials-code-block">
      <div className={`api-credentials-code-block-head${hideLabel ? ' is-bare' : ''}`}>
        {hideLabel ? null : <span className="api-credentials-code-block-label">{label}</span>}
        <CopyButton
          value={copyValue ?? value}
          label={`Copy ${label.toLowerCase()}`}
          text="Copy"
          testId={`${testId}-copy`}
        />
      </div>
      {numbered ? (
        <pre className="code-box mono api-credentials-code-numbered" data-testid={testId}>
          {lines.map((line, index) => (
            <span className="api-credentials-code-line" key={index}>
              {line}
            </span>
          ))}
        </pre>
      ) : (
        <pre className="code-box mono" data-testid={testId}>
          {value}
        </pre>
      )}
    </div>
  )
}

export function HeaderTable({
  headers,
  testId,
  copyLabel
}: {
  headers: [string, string][]
  testId: string
  copyLabel: string
}) {
  if (!headers.length) return <div className="api-credentials-run-none">No headers.</div>
  return (
    <div className="api-credentials-header-table-wrap">
      <table className="data-table compact-table api-credentials-header-table" data-testid={testId}>
        <TableHead columns={[{ label: 'Header', col: 'api-credentials-w-header-name' }, { label: 'Value' }]} />
        <tbody>
          {headers.map(([name, value], index) => (
            <tr key={`${name}:${index}`} data-testid="header-row" data-name={name.toLowerCase()}>
              <td className="mono api-credentials-header-name">{name}</td>
              <td className="mono api-credentials-header-value">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CopyButton
        value={headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
        label={copyLabel}
        className="api-credentials-header-table-copy"
      />
    </div>
  )
}
