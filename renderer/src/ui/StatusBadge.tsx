import type { CredentialStatus } from '../../../preload/contract'
import { formatDateTimeLong } from './format'

export function StatusBadge({ status, revokedAt }: { status: CredentialStatus; revokedAt?: string | undefined }) {
  const active = status === 'active'
  const title = active
    ? 'Active: embeds signed with this credential are accepted'
    : revokedAt
      ? `Revoked ${formatDateTimeLong(revokedAt)}`
      : 'Revoked'
  return (
    <span
      className={`badge ${active ? 'badge-success' : 'badge-neutral'}`}
      title={title}
      data-testid="status"
      data-status={status}
    >
      <span className="badge-dot" aria-hidden="true" />
      {active ? 'Active' : 'Revoked'}
    </span>
  )
}
