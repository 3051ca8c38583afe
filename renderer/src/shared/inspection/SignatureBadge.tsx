import type { Inspection } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import './inspection.css'

/** Whether the signature verified, and with which stored credential: the inspector's badge. */
export function SignatureBadge({ inspection }: { inspection: Inspection }) {
  const { signature, verifiedWith } = inspection
  const tone = signature === 'valid' ? 'badge-success' : signature === 'invalid' ? 'badge-error' : 'badge-neutral'
  const icon = signature === 'valid' ? 'check' : signature === 'invalid' ? 'x' : 'info'
  const text =
    signature === 'valid'
      ? `Signature valid${verifiedWith ? ` · verified with ${verifiedWith}` : ''}`
      : signature === 'invalid'
        ? 'Signature invalid'
        : 'Signature unchecked'
  return (
    <span
      className={`badge ${tone} inspection-signature-badge`}
      data-testid="signature-status"
      data-status={signature}
      title={
        signature === 'unchecked'
          ? 'No stored credential matches this client id, so the signature could not be checked.'
          : undefined
      }
    >
      <Icon name={icon} size={12} />
      {text}
    </span>
  )
}
