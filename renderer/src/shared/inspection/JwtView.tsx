import type { Inspection } from '../../../../preload/contract'
import { CopyButton } from '../../ui/CopyButton'
import { formatDuration } from '../../ui/format'
import './inspection.css'

/** The token as jwt.io shows it: header, payload and signature each in its colour, then decoded. */
export function JwtView({ jwt }: { jwt: NonNullable<Inspection['jwt']> }) {
  const [header, payload, signature] = jwt.segments
  return (
    <div className="inspection-jwt" data-testid="inspect-jwt">
      <div className="code-box mono inspection-jwt-token" aria-label="The JWT: header, payload and signature">
        <span className="inspection-jwt-header" data-testid="jwt-segment" data-part="header">
          {header}
        </span>
        <span className="inspection-jwt-dot">.</span>
        <span className="inspection-jwt-payload" data-testid="jwt-segment" data-part="payload">
          {payload}
        </span>
        <span className="inspection-jwt-dot">.</span>
        <span className="inspection-jwt-signature" data-testid="jwt-segment" data-part="signature">
          {signature}
        </span>
      </div>
      <div className="inspection-jwt-decoded">
        <DecodedPart name="Header" json={jwt.header} testId="jwt-header" className="inspection-jwt-header" />
        <DecodedPart name="Payload" json={jwt.payload} testId="jwt-payload" className="inspection-jwt-payload" />
      </div>
    </div>
  )
}

function DecodedPart({
  name,
  json,
  testId,
  className
}: {
  name: string
  json: string
  testId: string
  className: string
}) {
  return (
    <figure className="inspection-jwt-part">
      <figcaption className={`inspection-jwt-caption ${className}`}>
        {name} <CopyButton value={json} label={`Copy the decoded ${name.toLowerCase()}`} />
      </figcaption>
      <pre className="code-box mono" data-testid={testId}>
        {json}
      </pre>
    </figure>
  )
}

/** Names whose value is a Unix time (seconds): their rows say how far from "now" they are. */
const timeNames = new Set([':time', 'iat', 'exp', 'nbf', 'auth_time'])

/** "in 9 min" / "3 h ago" from `now`, for a time parameter or claim; null for anything else. */
export function offsetFromNow(name: string, raw: string, now: number): string | null {
  if (!timeNames.has(name)) return null
  const seconds = Number(raw.replace(/^"|"$/g, ''))
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 1e11) return null
  const delta = Math.round(seconds - now)
  const words = formatDuration(Math.abs(delta))
  return delta === 0 ? 'now' : delta > 0 ? `in ${words}` : `${words} ago`
}
