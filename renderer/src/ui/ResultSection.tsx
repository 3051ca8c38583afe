import type { ReactNode } from 'react'

interface ResultSectionProps {
  title: string
  /** A short note beside the title, e.g. a count. */
  meta?: ReactNode
  /** The screen's own class for the section, if it lays it out differently. */
  className?: string
  testId?: string
  children: ReactNode
}

/** A titled part of a result or report (Findings, Parameters, Chain, Response...). */
export function ResultSection({ title, meta, className, testId, children }: ResultSectionProps) {
  return (
    <section className={className ? `result-section ${className}` : 'result-section'} data-testid={testId}>
      <h3 className="result-section-title">
        {title}
        {meta ? <span className="result-section-meta">{meta}</span> : null}
      </h3>
      {children}
    </section>
  )
}
