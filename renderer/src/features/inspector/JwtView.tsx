import type { Inspection } from '../../../../preload/contract'
import { CopyButton } from '../../ui/CopyButton'

/** The token as jwt.io shows it: header, payload and signature each in its colour, then decoded. */
export function JwtView({ jwt }: { jwt: NonNullable<Inspection['jwt']> }) {
  const [header, payload, signature] = jwt.segments
  return (
    <div className="inspector-jwt" data-testid="inspect-jwt">
      <div className="code-box mono inspector-jwt-token" aria-label="The JWT: header, payload and signature">
        <span className="inspector-jwt-header" data-testid="jwt-segment" data-part="header">
          {header}
        </span>
        <span className="inspector-jwt-dot">.</span>
        <span className="inspector-jwt-payload" data-testid="jwt-segment" data-part="payload">
          {payload}
        </span>
        <span className="inspector-jwt-dot">.</span>
        <span className="inspector-jwt-signature" data-testid="jwt-segment" data-part="signature">
          {signature}
        </span>
      </div>
      <div className="inspector-jwt-decoded">
        <figure className="inspector-jwt-part">
          <figcaption className="inspector-jwt-caption inspector-jwt-header">
            Header <CopyButton value={jwt.header} label="Copy the decoded header" />
          </figcaption>
          <pre className="code-box mono" data-testid="jwt-header">
            {jwt.header}
          </pre>
        </figure>
        <figure className="inspector-jwt-part">
          <figcaption className="inspector-jwt-caption inspector-jwt-payload">
            Payload <CopyButton value={jwt.payload} label="Copy the decoded payload" />
          </figcaption>
          <pre className="code-box mono" data-testid="jwt-payload">
            {jwt.payload}
          </pre>
        </figure>
      </div>
    </div>
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
  const size = Math.abs(delta)
  const words =
    size < 90
      ? `${size} s`
      : size < 5400
        ? `${Math.round(size / 60)} min`
        : size < 129_600
          ? `${Math.round(size / 3600)} h`
          : `${Math.round(size / 86_400)} days`
  return delta === 0 ? 'now' : delta > 0 ? `in ${words}` : `${words} ago`
}
