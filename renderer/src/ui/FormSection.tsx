import type { ReactNode } from 'react'

/**
 * A titled group of fields in an editor form, with an optional count or note and description.
 * `level` is its heading's: 2 right under the screen's title, 3 (the default) under a level-2 one.
 */
export function FormSection({
  title,
  meta,
  description,
  level = 3,
  children
}: {
  title: string
  meta?: string
  description?: string
  level?: 2 | 3
  children: ReactNode
}) {
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <section className="form-section">
      <div className="form-section-head">
        <Heading className="form-section-title">
          {title}
          {meta ? <span className="result-section-meta"> {meta}</span> : null}
        </Heading>
        {description ? <p className="form-section-description">{description}</p> : null}
      </div>
      {children}
    </section>
  )
}
