import { Banner } from './Banner'

interface LoadErrorBannerProps {
  title: string
  message: string
  onRetry: () => void
  testId: string
}

/** A failed load, with "Try again". */
export function LoadErrorBanner({ title, message, onRetry, testId }: LoadErrorBannerProps) {
  return (
    <Banner
      tone="error"
      title={title}
      testId={testId}
      action={
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          Try again
        </button>
      }
    >
      {message}
    </Banner>
  )
}
