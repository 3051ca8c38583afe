export function Spinner({ label, size = 'sm' }: { label?: string; size?: 'sm' | 'md' }) {
  return (
    <span className={`spinner-wrap spinner-${size}`} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ? <span className="spinner-label">{label}</span> : <span className="visually-hidden">Working…</span>}
    </span>
  )
}
