import type { ReactNode } from 'react'
import { Icon } from './Icon'

export type BannerTone = 'info' | 'warning' | 'error' | 'success'

interface BannerProps {
  tone: BannerTone
  title?: ReactNode
  children?: ReactNode
  onDismiss?: () => void
  testId?: string
  /** Extra controls on the right, e.g. a Retry button. */
  action?: ReactNode
  className?: string
}

/** An inline message block. Warnings and errors are announced to assistive technology. */
export function Banner({ tone, title, children, onDismiss, testId, action, className }: BannerProps) {
  const urgent = tone === 'warning' || tone === 'error'
  return (
    <div
      className={`banner banner-${tone}${className ? ` ${className}` : ''}`}
      role={urgent ? 'alert' : 'status'}
      data-testid={testId}
      data-tone={tone}
    >
      <Icon name={tone} size={15} className="banner-icon" />
      <div className="banner-text">
        {title ? <div className="banner-title">{title}</div> : null}
        {children ? <div className="banner-body">{children}</div> : null}
      </div>
      {action ? <div className="banner-action">{action}</div> : null}
      {onDismiss ? (
        <button
          type="button"
          className="icon-button banner-dismiss"
          onClick={onDismiss}
          aria-label="Dismiss"
          title="Dismiss"
        >
          <Icon name="x" size={14} />
        </button>
      ) : null}
    </div>
  )
}
