import type { ApiCredentialSummary } from '../../../../preload/contract'
import { MAX_PRESIGN_SECONDS } from '../../../../preload/contract/constants'

/** A datetime-local value ("2026-12-01T09:30:00") as Unix seconds, or null when empty or unreadable. */
export function signAtSeconds(value: string): number | null {
  if (!value) return null
  const ms = new Date(value).getTime()
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000)
}

interface RequestSigningControlsProps {
  credential: ApiCredentialSummary | null
  signAt: string
  onSignAt: (value: string) => void
  presign: number | null
  onPresign: (seconds: number | null) => void
}

/**
 * How this request is signed: as of now or a given time (a customer's timestamp, reproduced), and
 * for SigV4 in the Authorization header or in the query (a presigned URL valid for N seconds).
 */
export function RequestSigningControls({
  credential,
  signAt,
  onSignAt,
  presign,
  onPresign
}: RequestSigningControlsProps) {
  const type = credential?.auth.type
  if (!type || type === 'none' || type === 'headers' || type === 'basic' || type === 'bearer') return null
  const outOfRange = presign !== null && (!Number.isInteger(presign) || presign < 1 || presign > MAX_PRESIGN_SECONDS)
  return (
    <div className="api-credentials-runner-signing" data-testid="runner-signing">
      <span className="api-credentials-runner-signing-group">
        <label className="api-credentials-runner-label" htmlFor="runner-sign-at">
          Sign as of
        </label>
        <input
          id="runner-sign-at"
          type="datetime-local"
          step={1}
          className="input input-sm mono"
          value={signAt}
          onChange={(event) => onSignAt(event.target.value)}
          aria-describedby="runner-sign-at-hint"
          data-testid="runner-sign-at"
        />
        {signAt ? (
          <button
            type="button"
            className="link-button small"
            onClick={() => onSignAt('')}
            data-testid="runner-sign-now"
          >
            Now
          </button>
        ) : null}
        <span id="runner-sign-at-hint" className="field-hint">
          {signAt ? 'local time: a customer’s signature, reproduced' : 'empty: now'}
        </span>
      </span>
      {type === 'aws4' ? (
        <span className="api-credentials-runner-signing-group">
          <label className="api-credentials-runner-label" htmlFor="runner-sign-in">
            Sign in
          </label>
          <select
            id="runner-sign-in"
            className="input select input-sm"
            value={presign === null ? 'header' : 'query'}
            onChange={(event) => onPresign(event.target.value === 'query' ? 900 : null)}
            data-testid="runner-sign-in"
          >
            <option value="header">Authorization header</option>
            <option value="query">Query (presigned URL)</option>
          </select>
          {presign !== null ? (
            <>
              <label className="api-credentials-runner-label" htmlFor="runner-presign-seconds">
                valid for
              </label>
              <input
                id="runner-presign-seconds"
                type="number"
                min={1}
                max={MAX_PRESIGN_SECONDS}
                className="input input-sm mono api-credentials-runner-presign"
                value={presign}
                aria-invalid={outOfRange || undefined}
                aria-describedby="runner-presign-hint"
                onChange={(event) => onPresign(Number(event.target.value))}
                data-testid="runner-presign-seconds"
              />
              <span id="runner-presign-hint" className={outOfRange ? 'field-error' : 'field-hint'}>
                {outOfRange ? `1 to ${MAX_PRESIGN_SECONDS} seconds (seven days).` : 'seconds'}
              </span>
            </>
          ) : null}
        </span>
      ) : null}
    </div>
  )
}
