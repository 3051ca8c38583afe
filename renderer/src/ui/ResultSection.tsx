import type { ReactNode } from 'react'

/** A titled part of a result or report (Findings, Parameters, Chain...), with a short note beside the title. */
export function ResultSection({ title, meta, children }: { title: string; meta?: ReactNode; children: ReactNode }) {
  return (
    <section className="result-section">
      <h3 className="result-section-title">
        {title}
        {meta ? <span className="result-section-meta">{meta}</span> : null}
      </h3>
      {children}
    </section>
  )
}
