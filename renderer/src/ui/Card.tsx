import type { ReactNode } from 'react'

interface CardProps {
  title: string
  meta?: string | undefined
  description?: ReactNode
  children: ReactNode
  testId: string
  /** The body has no padding (a table fills it). */
  flush?: boolean
}

/** A titled panel on a screen (emulator status, verification server, ...). */
export function Card({ title, meta, description, children, testId, flush }: CardProps) {
  return (
    <section className="card" data-testid={testId} aria-label={title}>
      <header className="card-head">
        <h2 className="card-title">
          {title}
          {meta ? <span className="card-meta">{meta}</span> : null}
        </h2>
        {description ? <p className="card-description">{description}</p> : null}
      </header>
      <div className={flush ? 'card-body card-body-flush' : 'card-body'}>{children}</div>
    </section>
  )
}
