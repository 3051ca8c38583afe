import type { ReactNode } from 'react'

/** A titled group of fields in an editor form, with an optional count or note and description. */
export function FormSection({
  title,
  meta,
  description,
  children
}: {
  title: string
  meta?: string
  description?: string
  children: ReactNode
}) {
  return (
    <section className="form-section">
      <div className="form-section-head">
        <h3 className="form-section-title">
          {title}
          {meta ? <span className="result-section-meta"> {meta}</span> : null}
        </h3>
        {description ? <p className="form-section-description">{description}</p> : null}
      </div>
      {children}
    </section>
  )
}
