import type { CredentialSummary } from '../../../../preload/contract'
import { CopyButton } from '../../ui/CopyButton'
import { Icon } from '../../ui/Icon'
import { RowButton } from '../../ui/RowButton'
import { StatusBadge } from '../../ui/StatusBadge'
import { formatDate, formatDateTimeLong, formatTime, shortenMiddle } from '../../ui/format'

export const fingerprintHelp =
  'First 12 hex characters of SHA-256 of the secret. Compare with: printf %s "$SECRET" | sha256sum | cut -c1-12'

export type RowAction = 'revoke' | 'regenerate' | 'delete'

interface CredentialTableProps {
  credentials: CredentialSummary[]
  highlightId: string | null
  onAction: (action: RowAction, credential: CredentialSummary) => void
}

export function CredentialTable({ credentials, highlightId, onAction }: CredentialTableProps) {
  return (
    <div className="table-wrap">
      <table className="data-table data-table-fixed credentials-table" data-testid="credential-table">
        <colgroup>
          <col className="w-name" />
          <col className="credentials-w-client" />
          <col className="credentials-w-owner" />
          <col className="credentials-w-created" />
          <col className="w-status" />
          <col className="credentials-w-fingerprint" />
          <col className="credentials-w-actions" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="col-name">
              Name
            </th>
            <th scope="col" className="col-client">
              Client ID
            </th>
            <th scope="col" className="col-owner">
              Owner
            </th>
            <th scope="col" className="credentials-col-created">
              Created
            </th>
            <th scope="col" className="credentials-col-status">
              Status
            </th>
            <th scope="col" className="credentials-col-fingerprint">
              <span className="credentials-th-help" title={fingerprintHelp}>
                Fingerprint
                <Icon name="info" size={12} />
              </span>
            </th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {credentials.map((credential) => (
            <CredentialRow
              key={credential.id}
              credential={credential}
              highlighted={credential.id === highlightId}
              onAction={onAction}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function CredentialRow({
  credential,
  highlighted,
  onAction
}: {
  credential: CredentialSummary
  highlighted: boolean
  onAction: (action: RowAction, credential: CredentialSummary) => void
}) {
  const active = credential.status === 'active'
  return (
    <tr
      data-testid="credential-row"
      data-name={credential.name}
      data-id={credential.id}
      data-status={credential.status}
      className={`${active ? '' : 'is-revoked'}${highlighted ? ' is-new' : ''}`}
    >
      <td className="col-name">
        <div className="cell-primary">
          <span className="credential-name" title={credential.name}>
            {credential.name}
          </span>
          {credential.origin === 'imported' ? (
            <span className="tag" title="Imported from a customer's org">
              Imported
            </span>
          ) : null}
        </div>
        {credential.description ? (
          <div className="cell-secondary" title={credential.description}>
            {credential.description}
          </div>
        ) : null}
      </td>
      <td className="col-client">
        <div className="credentials-client-id">
          <code className="mono" title={credential.clientId} data-testid="client-id">
            {shortenMiddle(credential.clientId)}
          </code>
          <CopyButton value={credential.clientId} label="Copy client ID" testId="copy-client-id" showValueOnFailure />
        </div>
      </td>
      <td className="col-owner">
        <div className="cell-primary cell-truncate" title={credential.owner || undefined}>
          {credential.owner || <span className="muted">—</span>}
        </div>
        <div className="cell-secondary">{credential.ownerAccountType}</div>
      </td>
      <td className="credentials-col-created" title={formatDateTimeLong(credential.createdAt)}>
        <div className="cell-primary">{formatDate(credential.createdAt)}</div>
        <div className="cell-secondary">{formatTime(credential.createdAt)}</div>
      </td>
      <td className="credentials-col-status">
        <StatusBadge status={credential.status} revokedAt={credential.revokedAt} />
      </td>
      {credential.fingerprint === null ? (
        <td
          className="credentials-col-fingerprint credentials-fingerprint-unreadable"
          title="The stored secret cannot be decrypted: that part of the vault file is damaged. Delete this credential and import it again."
          data-testid="fingerprint"
        >
          Unreadable
        </td>
      ) : (
        <td className="credentials-col-fingerprint mono" title={fingerprintHelp} data-testid="fingerprint">
          {credential.fingerprint}
        </td>
      )}
      <td className="col-actions">
        <div className="row-actions">
          {active ? (
            <RowButton
              testId="revoke"
              title={actionHints.revoke}
              label="Revoke"
              icon="ban"
              onClick={() => onAction('revoke', credential)}
            />
          ) : null}
          {credential.origin === 'created' ? (
            <RowButton
              testId="regenerate"
              title={actionHints.regenerate}
              label="Regenerate"
              icon="refresh"
              onClick={() => onAction('regenerate', credential)}
            />
          ) : null}
          <RowButton
            testId="delete"
            title={actionHints.delete}
            label="Delete"
            icon="trash"
            danger
            onClick={() => onAction('delete', credential)}
          />
        </div>
      </td>
    </tr>
  )
}

const actionHints: Record<RowAction, string> = {
  revoke: 'Revoke: embeds using this credential stop working',
  regenerate: 'Regenerate: revoke and create a new client ID and secret under the same name',
  delete: 'Delete from the vault'
}
