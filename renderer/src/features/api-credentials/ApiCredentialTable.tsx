import type { ApiCredentialSummary, ApiEnvironment } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { RowButton } from '../../ui/RowButton'
import { TableHead } from '../../ui/TableHead'
import { authTypeLabel, environmentLabel, unusableReason } from './apiCredentialDraft'

interface ApiCredentialTableProps {
  credentials: ApiCredentialSummary[]
  environment: ApiEnvironment
  highlightId: string | null
  /** The credential the verification server checks requests against, if it runs. */
  expectingId: string | null
  onOpen: (credential: ApiCredentialSummary) => void
  onRun: (credential: ApiCredentialSummary) => void
  onDelete: (credential: ApiCredentialSummary) => void
}

const columns = [
  { label: 'Name', className: 'col-name' },
  { label: 'Base URL', col: 'api-credentials-w-url' },
  { label: 'Authentication', col: 'api-credentials-w-auth' },
  { label: 'Environment', col: 'api-credentials-w-env' },
  { label: 'Orgs', col: 'api-credentials-w-orgs' },
  {
    label: <span className="visually-hidden">Actions</span>,
    col: 'api-credentials-w-actions',
    className: 'col-actions'
  }
]

/** The "test" label next to a test credential's name. */
export function TestTag() {
  return (
    <span
      className="tag api-credentials-tag-test"
      title="Test credential: used only while the Test environment is selected"
      data-testid="test-tag"
    >
      test
    </span>
  )
}

export function ApiCredentialTable({
  credentials,
  environment,
  highlightId,
  expectingId,
  onOpen,
  onRun,
  onDelete
}: ApiCredentialTableProps) {
  return (
    <div className="table-wrap">
      <table className="data-table data-table-fixed api-credentials-table" data-testid="api-credential-table">
        <TableHead columns={columns} />
        <tbody>
          {credentials.map((credential) => {
            const unusable = unusableReason(credential, environment)
            return (
              <tr
                key={credential.id}
                data-testid="api-credential-row"
                data-name={credential.name}
                data-id={credential.id}
                data-usable={!unusable}
                className={`${unusable ? 'is-unusable' : ''}${credential.id === highlightId ? ' is-new' : ''}`}
                title={unusable ?? undefined}
              >
                <td className="col-name">
                  <div className="cell-primary">
                    <button
                      type="button"
                      className="row-link credential-name"
                      onClick={() => onOpen(credential)}
                      data-testid="open-api-credential"
                      title={`Open ${credential.name}`}
                    >
                      {credential.name}
                    </button>
                    {credential.environment === 'test' ? <TestTag /> : null}
                    {credential.id === expectingId ? (
                      <span
                        className="tag tag-accent"
                        title="The verification server checks requests against this credential"
                      >
                        verifier
                      </span>
                    ) : null}
                  </div>
                  {unusable ? (
                    <div
                      className="cell-secondary cell-with-icon api-credentials-unusable-hint"
                      data-testid="unusable-hint"
                    >
                      <Icon name="ban" size={11} />
                      Not used in {environmentLabel[environment].toLowerCase()}: switch to{' '}
                      {environmentLabel[credential.environment]}
                    </div>
                  ) : null}
                </td>
                <td>
                  <div
                    className="cell-primary cell-truncate mono api-credentials-url"
                    title={credential.baseUrl}
                    data-testid="api-base-url-cell"
                  >
                    {credential.baseUrl}
                  </div>
                  <div className="cell-secondary">
                    {contentTypeWord(credential.contentType)}
                    {credential.headers.length
                      ? ` · +${credential.headers.length} ${credential.headers.length === 1 ? 'header' : 'headers'}`
                      : ''}
                  </div>
                </td>
                <td>
                  <div className="cell-primary" data-testid="api-auth-cell">
                    {authTypeLabel(credential.auth.type)}
                  </div>
                  <div className="cell-secondary cell-truncate" title={authDetail(credential)}>
                    {authDetail(credential) || <span className="faint">—</span>}
                  </div>
                </td>
                <td>
                  <span
                    className={`badge ${credential.environment === 'test' ? 'badge-warning' : 'badge-info'}`}
                    data-testid="api-env-cell"
                    data-environment={credential.environment}
                  >
                    <span className="badge-dot" aria-hidden="true" />
                    {environmentLabel[credential.environment]}
                  </span>
                </td>
                <td data-testid="api-orgs-cell" title={credential.orgs.map((org) => org.org).join('\n') || undefined}>
                  {credential.orgSpecific ? (
                    <span className="cell-primary">{credential.orgs.length}</span>
                  ) : (
                    <span className="faint">—</span>
                  )}
                </td>
                <td className="col-actions">
                  <div className="row-actions">
                    <RowButton
                      label="Run"
                      icon="send"
                      title="Send a request with it (request runner)"
                      testId="run-api-credential"
                      onClick={() => onRun(credential)}
                    />
                    <RowButton
                      label="Edit"
                      icon="pencil"
                      title="Edit: URL, headers, authentication"
                      testId="edit-api-credential"
                      onClick={() => onOpen(credential)}
                    />
                    <RowButton
                      label="Delete"
                      icon="trash"
                      title="Delete from the vault"
                      testId="delete-api-credential"
                      danger
                      onClick={() => onDelete(credential)}
                    />
                  </div>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function contentTypeWord(type: ApiCredentialSummary['contentType']): string {
  return type === 'json' ? 'JSON' : type === 'xml' ? 'XML' : 'form-urlencoded'
}

/** The public part of the auth: who it says it is (never a secret). */
function authDetail(credential: ApiCredentialSummary): string {
  const auth = credential.auth
  switch (auth.type) {
    case 'none':
      return ''
    case 'headers':
      return auth.headerName
    case 'basic':
      return auth.username
    case 'bearer':
      return `${auth.headerName}: ${auth.scheme}`.trim()
    case 'aws4':
      return `${auth.accessKeyId} · ${auth.region}/${auth.service}`
    case 'hmac':
      return auth.clientId
  }
}
