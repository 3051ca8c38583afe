import type { Notice } from '../../../preload/contract'
import { Banner } from './Banner'

/** Notices from the main process (e.g. STORE_MOVED_ASIDE), each dismissible. */
export function NoticeBanners({ notices, onDismiss }: { notices: Notice[]; onDismiss: (notice: Notice) => void }) {
  if (notices.length === 0) return null
  return (
    <div className="notice-stack">
      {notices.map((notice) => (
        <Banner
          key={`${notice.code}:${notice.message}`}
          tone={notice.severity === 'warning' ? 'warning' : 'info'}
          testId="notice"
          onDismiss={() => onDismiss(notice)}
        >
          <span data-code={notice.code}>{notice.message}</span>
        </Banner>
      ))}
    </div>
  )
}

export function sameNotice(a: Notice, b: Notice): boolean {
  return a.code === b.code && a.message === b.message
}

/** Adds notices not already shown. */
export function mergeNotices(current: Notice[], incoming: readonly Notice[]): Notice[] {
  const added = incoming.filter((notice) => !current.some((shown) => sameNotice(shown, notice)))
  return added.length === 0 ? current : [...current, ...added]
}
