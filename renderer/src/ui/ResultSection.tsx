import type { ReactNode } from 'react'

interface ResultSectionProps {
  title: string
  /** A short note beside the title, e.g. a count. */
  meta?: ReactNode
  /** The screen's own class for the section, if it lays it out differently. */
  className?: string
  testId?: string
  /** Its heading's level: 2 right under the screen's title, 3 (the default) under a level-2 one. */
  level?: 2 | 3
  children: ReactNode
}

/** A titled part of a result or report (Findings, Parameters, Chain, Response...). */
export function ResultSection({ title, meta, className, testId, level = 3, children }: ResultSectionProps) {
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <section className={className ? `result-section ${className}` : 'result-section'} data-testid={testId}>
      <Heading className="result-section-title">
        {title}
        {meta ? <span className="result-section-meta">{meta}</span> : null}
      </Heading>
      {children}
    </section>
  )
}
