import type { FormEvent, ReactNode } from 'react'
import { Icon } from './Icon'
import { ScreenHeader } from './ScreenHeader'

interface EditorPageProps {
  /** data-testid of the form; it carries data-dirty. */
  testId: string
  /** The screen's own class for the page, e.g. "certificates-editor". */
  className: string
  dirty: boolean
  onSubmit: (event: FormEvent) => void
  /** The first breadcrumb: the list this item belongs to, e.g. "Certificates". */
  listName: string
  backTitle: string
  /** Back to the list (the caller asks about unsaved edits first). */
  onBack: () => void
  title: ReactNode
  titleTestId: string
  /** After the title: tags, and the SaveState. */
  titleExtras?: ReactNode
  subtitle: ReactNode
  actions: ReactNode
  /** The form pane. */
  children: ReactNode
  /** The side pane: its heading row and its body. */
  side: { head: ReactNode; body: ReactNode; pending?: boolean; label?: string; labelledBy?: string }
  /** Dialogs and the like, inside the form. */
  after?: ReactNode
}

/**
 * An editor page: breadcrumbs back to the list with the title and save state, the actions, then
 * the form beside a side pane (the report, or what a request carries) when there is room.
 */
export function EditorPage({
  testId,
  className,
  dirty,
  onSubmit,
  listName,
  backTitle,
  onBack,
  title,
  titleTestId,
  titleExtras,
  subtitle,
  actions,
  children,
  side,
  after
}: EditorPageProps) {
  return (
    <form
      className={`screen ${className}`}
      data-testid={testId}
      data-dirty={dirty}
      onSubmit={onSubmit}
      noValidate
      autoComplete="off"
    >
      <ScreenHeader
        title={
          <span className="crumbs">
            <button type="button" className="crumb-link" onClick={onBack} data-testid="back-to-list" title={backTitle}>
              {listName}
            </button>
            <Icon name="chevron" size={13} className="crumb-sep" />
            <span className="crumb-current" data-testid={titleTestId}>
              {title}
            </span>
            {titleExtras}
          </span>
        }
        subtitle={subtitle}
        actions={actions}
      />
      <div className="editor-page-wrap">
        <div className="editor-page">
          <div className="editor-page-form">{children}</div>
          <aside
            className="editor-page-side"
            aria-label={side.label}
            aria-labelledby={side.labelledBy}
            aria-busy={side.pending}
          >
            <div className="editor-page-side-head">{side.head}</div>
            <div className={`editor-page-side-body${side.pending ? ' is-pending' : ''}`}>{side.body}</div>
          </aside>
        </div>
      </div>
      {after}
    </form>
  )
}
