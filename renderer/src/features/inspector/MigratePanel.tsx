import { useState } from 'react'
import type { JudgedUrl, Migration } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { useNavigation } from '../../app/navigation'
import { useVault } from '../../app/vault-context'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { Icon } from '../../ui/Icon'
import { UrlText } from '../../ui/UrlText'

interface MigratePanelProps {
  input: string
  /** The secret typed above, for this inspection only ('' when none). */
  secret: string
}

const destination: Record<Migration['mapping'][number]['to'], string> = {
  header: 'JWT header',
  claim: 'claim',
  url: 'URL parameter',
  path: 'path',
  dropped: 'dropped'
}

/**
 * Off signed URLs: the same user, target and options as a JWT URL, where each parameter went,
 * what behaves differently, and the emulator's verdict on both under the same org.
 */
export function MigratePanel({ input, secret }: MigratePanelProps) {
  const { noticeFailure } = useVault()
  const { openInInspector } = useNavigation()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<Migration | null>(null)

  const migrate = async () => {
    setPending(true)
    const response = await call(() => workbench.migrateEmbed({ input, ...(secret ? { secret } : {}) }))
    setPending(false)
    if (response.ok) {
      setError(null)
      setResult(response.value)
    } else {
      setResult(null)
      setError(response.error.message)
      noticeFailure(response.error.code)
    }
  }

  return (
    <div className="inspector-migrate" data-testid="migrate-panel">
      <div className="inspector-migrate-bar">
        <Button
          icon="refresh"
          variant="primary"
          onClick={() => void migrate()}
          disabled={pending}
          testId="migrate-button"
        >
          {pending ? 'Migrating…' : 'Migrate to JWT'}
        </Button>
        <span className="muted small">
          Signed with {secret ? 'the secret typed above' : 'the stored credential of this URL’s client id'}; proven by
          the emulator under its org.
        </span>
      </div>
      {error ? (
        <p className="field-error" role="alert" data-testid="migrate-error">
          {error}
        </p>
      ) : null}
      {result ? (
        <>
          <Verdict migration={result} />
          <div className="inspector-migrate-url">
            <div className="code-box mono" data-testid="migrate-jwt-url">
              <UrlText url={result.jwtUrl} />
            </div>
            <div className="inspector-migrate-actions">
              <CopyButton value={result.jwtUrl} label="Copy the JWT URL" text="Copy" testId="migrate-copy" />
              <Button icon="search" onClick={() => openInInspector(result.jwtUrl)} testId="migrate-inspect">
                Open in Inspector
              </Button>
            </div>
          </div>
          <div className="table-wrap">
            <table className="data-table inspector-migrate-table" data-testid="migrate-mapping">
              <caption className="visually-hidden">Where each parameter of the signed URL goes in the JWT</caption>
              <thead>
                <tr>
                  <th scope="col">Signed URL</th>
                  <th scope="col">Goes to</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {result.mapping.map((row) => (
                  <tr key={row.param} data-testid="migrate-row" data-param={row.param} data-to={row.to}>
                    <td className="mono">
                      {row.param}
                      <div className="muted small truncate" title={row.value}>
                        {row.value}
                      </div>
                    </td>
                    <td>
                      <span className={`badge ${row.to === 'dropped' ? 'badge-warning' : 'badge-neutral'}`}>
                        {destination[row.to]}
                      </span>
                      {row.as ? <code className="inspector-migrate-as">{row.as}</code> : null}
                    </td>
                    <td>
                      {row.why}
                      <div className="muted small" title={row.source}>
                        {row.source.split(';')[0]}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="inspector-migrate-heading">What changes</h3>
          <ul className="inspector-migrate-changes" data-testid="migrate-changes">
            {result.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}

function Verdict({ migration }: { migration: Migration }) {
  const { equivalent, signedUrl, jwtUrl, differences } = migration.equivalence
  return (
    <div
      className={`inspector-migrate-verdict ${equivalent ? 'is-ok' : 'is-error'}`}
      data-testid="migrate-verdict"
      data-equivalent={equivalent}
    >
      <Icon name={equivalent ? 'success' : 'error'} size={16} />
      <div>
        <strong>{equivalent ? 'Equivalent' : 'Not equivalent'}</strong>
        {equivalent ? (
          <span> — the emulator gives both {facts(jwtUrl)}.</span>
        ) : (
          <ul className="inspector-migrate-differences">
            {differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
        {!equivalent && signedUrl.facts && jwtUrl.facts ? (
          <div className="muted small">
            Signed URL: {facts(signedUrl)}. JWT: {facts(jwtUrl)}.
          </div>
        ) : null}
      </div>
    </div>
  )
}

function facts(judged: JudgedUrl): string {
  const f = judged.facts
  if (!f) return judged.message ?? 'a refusal'
  return `${f.email} (${f.accountType ?? 'no account type'}: ${f.permissions.join(', ')}), teams ${f.teams.join(', ') || 'none'}, ${f.rows} rows`
}
