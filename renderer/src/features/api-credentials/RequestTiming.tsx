/** Timing of one request: a waterfall of connect, TLS, waiting and download. */
import type { ApiRequestResult } from '../../../../preload/contract'

type Response = NonNullable<ApiRequestResult['response']>

/** Connect, TLS, first byte and total as a waterfall; each time counts from the start. */
export function Timing({ timing }: { timing: Response['timing'] }) {
  const total = Math.max(timing.totalMs, 0.1)
  const connect = timing.connectMs ?? 0
  const tls = timing.tlsMs ?? connect
  const first = Math.max(timing.firstByteMs, tls)
  const segments: { name: string; from: number; to: number; className: string }[] = [
    { name: 'Connect', from: 0, to: connect, className: 'is-connect' },
    { name: 'TLS', from: connect, to: tls, className: 'is-tls' },
    { name: 'Waiting', from: tls, to: first, className: 'is-wait' },
    { name: 'Download', from: first, to: total, className: 'is-download' }
  ]
  return (
    <div className="api-credentials-timing" data-testid="result-timing">
      <div className="api-credentials-timing-bar" aria-hidden="true">
        {segments.map((segment) =>
          segment.to > segment.from ? (
            <span
              key={segment.name}
              className={`api-credentials-timing-seg ${segment.className}`}
              style={{
                left: `${(segment.from / total) * 100}%`,
                width: `${((segment.to - segment.from) / total) * 100}%`
              }}
              title={`${segment.name}: ${formatMs(segment.to - segment.from)}`}
            />
          ) : null
        )}
      </div>
      <dl className="api-credentials-timing-values">
        <TimingValue label="Connect" value={timing.connectMs} className="is-connect" />
        <TimingValue label="TLS" value={timing.tlsMs} className="is-tls" />
        <TimingValue label="First byte" value={timing.firstByteMs} className="is-wait" />
        <TimingValue label="Total" value={timing.totalMs} className="is-download" />
      </dl>
    </div>
  )
}

export function TimingValue({ label, value, className }: { label: string; value: number | null; className: string }) {
  return (
    <div className="api-credentials-timing-value">
      <dt>
        <span className={`api-credentials-timing-key ${className}`} aria-hidden="true" />
        {label}
      </dt>
      <dd className="mono">{value === null ? '—' : formatMs(value)}</dd>
    </div>
  )
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`
}
