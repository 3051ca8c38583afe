import type { ReactNode } from 'react'

export function ScreenHeader({
  title,
  subtitle,
  actions
}: {
  title: ReactNode
  subtitle?: ReactNode
  actions?: ReactNode
}) {
  return (
    <header className="screen-header">
      <div className="screen-heading">
        <h1 className="screen-title">{title}</h1>
        {subtitle ? <p className="screen-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="screen-actions">{actions}</div> : null}
    </header>
  )
}

interface ScreenProps {
  testId: string
  title: ReactNode
  subtitle?: ReactNode
  actions?: ReactNode
  className?: string
  children: ReactNode
}

/** A whole screen: its header, then its body. */
export function Screen({ testId, title, subtitle, actions, className, children }: ScreenProps) {
  return (
    <div className={`screen${className ? ` ${className}` : ''}`} data-testid={testId}>
      <ScreenHeader title={title} subtitle={subtitle} actions={actions} />
      {children}
    </div>
  )
}
