import type { ReactNode } from 'react'
import { Icon, type IconName } from './Icon'

interface EmptyStateProps {
  icon: IconName
  title: ReactNode
  children: ReactNode
  actions?: ReactNode
  testId?: string
  /** Smaller, for an empty pane inside a screen rather than a whole screen. */
  compact?: boolean
}

/** What a screen or pane shows when there is nothing in it yet, and the way forward. */
export function EmptyState({ icon, title, children, actions, testId, compact }: EmptyStateProps) {
  return (
    <div className={`empty-state${compact ? ' empty-state-compact' : ''}`} data-testid={testId}>
      <div className="empty-icon" aria-hidden="true">
        <Icon name={icon} size={22} />
      </div>
      <h2 className="empty-title">{title}</h2>
      <div className="empty-text">{children}</div>
      {actions ? <div className="empty-actions">{actions}</div> : null}
    </div>
  )
}
