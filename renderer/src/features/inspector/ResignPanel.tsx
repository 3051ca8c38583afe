import { useEffect, useState } from 'react'
import type { CredentialSummary, Inspection } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Button } from '../../ui/Button'
import { Icon } from '../../ui/Icon'

interface ResignPanelProps {
  input: string
  inspection: Inspection
  /** The secret typed above, for this inspection only ('' when none). */
  secret: string
  /** The re-signed URL or token replaces the input (and is inspected at once). */
  onResigned: (output: string) => void
}

type Row = { source: 'url' | 'jwt-claim'; name: string; value: string; removed: boolean; original: string | null }

const TYPED = 'typed'

/** The values as the user edits them: URL parameters and claims, the signature left out. */
function rowsOf(inspection: Inspection): Row[] {
  return inspection.params
    .filter((p) => (p.source === 'url' && p.name !== ':signature' && p.name !== ':jwt') || p.source === 'jwt-claim')
    .map((p) => {
      const value = p.source === 'jwt-claim' ? (/^"/.test(p.raw) ? p.value : p.raw) : p.value
      return { source: p.source as Row['source'], name: p.name, value, removed: false, original: value }
    })
}

/** jwt.io's "edit and re-sign": change a parameter or claim, sign again with a stored credential or the typed secret. */
export function ResignPanel({ input, inspection, secret, onResigned }: ResignPanelProps) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(inspection))
  const [credentials, setCredentials] = useState<CredentialSummary[]>([])
  const [signWith, setSignWith] = useState<string>(secret ? TYPED : '')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void call(() => workbench.listCredentials({})).then((result) => {
      if (result.ok) setCredentials(result.value.filter((c) => c.status === 'active'))
    })
  }, [])

  const choice = signWith || (secret ? TYPED : (credentials[0]?.id ?? ''))
  const edits = rows
    .filter((r) => r.removed || r.value !== r.original)
    .map((r) => ({ source: r.source, name: r.name, value: r.removed ? null : r.value }))
  const edit = (index: number, patch: Partial<Row>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)))

  const resign = async () => {
    if (!choice) return setError('Choose a stored credential or type the secret above to sign with.')
    setPending(true)
    const result = await call(() =>
      workbench.resignEmbed({ input, edits, ...(choice === TYPED ? { secret } : { credentialId: choice }) })
    )
    setPending(false)
    if (result.ok) {
      setError(null)
      onResigned(result.value.output)
    } else setError(result.error.message)
  }

  return (
    <div className="inspector-resign" data-testid="resign-panel">
      <table className="data-table compact-table inspector-resign-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">Remove</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.source}:${row.name}`} data-testid="resign-row" data-name={row.name}>
              <td className="mono">
                {row.name}
                <span className="inspector-resign-source">{row.source === 'url' ? 'URL' : 'claim'}</span>
              </td>
              <td>
                <input
                  className={`input input-sm mono${row.value !== row.original ? ' is-edited' : ''}`}
                  value={row.value}
                  disabled={row.removed}
                  onChange={(event) => edit(index, { value: event.target.value })}
                  aria-label={`New value of ${row.name}`}
                  spellCheck={false}
                  data-testid="resign-value"
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  checked={row.removed}
                  onChange={(event) => edit(index, { removed: event.target.checked })}
                  aria-label={`Remove ${row.name}`}
                  data-testid="resign-remove"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="inspector-resign-bar">
        <label className="inspector-resign-with">
          Sign with
          <select
            className="input input-sm select"
            value={choice}
            onChange={(event) => setSignWith(event.target.value)}
            data-testid="resign-with"
          >
            {secret ? <option value={TYPED}>The secret typed above</option> : null}
            {credentials.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <Button
          icon="pencil"
          variant="primary"
          size="sm"
          onClick={() => void resign()}
          disabled={pending}
          testId="resign-button"
        >
          {pending
            ? 'Signing…'
            : `Re-sign${edits.length ? ` (${edits.length} ${edits.length === 1 ? 'change' : 'changes'})` : ''}`}
        </Button>
        <span className="inspector-resign-note muted">
          <Icon name="info" size={12} /> The signature is computed last, over the result; the new URL replaces the
          input.
        </span>
      </div>
      {error ? (
        <p className="field-error" role="alert" data-testid="resign-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
