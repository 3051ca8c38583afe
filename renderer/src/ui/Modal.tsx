import {
  useEffect,
  useEffectEvent,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type ReactNode
} from 'react'
import { createPortal } from 'react-dom'
import { Icon } from './Icon'

/** Open modals, innermost last. Global shortcuts stay quiet while any is open. */
const openModals: symbol[] = []

/**
 * What opened the first of a chain of dialogs (e.g. "New credential" → "Access credentials"), so
 * focus can go back there when the element that opened the last dialog has gone with its dialog.
 * Cleared once focus has gone back, so a later dialog opened from nowhere (a shortcut) does not
 * send focus to a control of an old chain.
 */
let chainTrigger: HTMLElement | null = null

/** The focused control, if any: not the page itself (focus on <body> means none). */
function focusedControl(): HTMLElement | null {
  const element = document.activeElement
  return element instanceof HTMLElement && element !== document.body ? element : null
}

function canFocus(element: HTMLElement | null): element is HTMLElement {
  return !!element && element.isConnected && !element.closest('[inert]') && !element.hasAttribute('disabled')
}

export function isModalOpen(): boolean {
  return openModals.length > 0
}

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

interface ModalProps {
  title: ReactNode
  description?: ReactNode
  children: ReactNode
  footer: ReactNode
  onClose: () => void
  /** When given, body and footer are a <form>: Enter submits. */
  onSubmit?: () => void
  /** False for dialogs that must be closed deliberately (the one-time secret reveal). */
  dismissible?: boolean
  /** Called on Esc when not dismissible, e.g. to point at the close button. */
  onBlockedDismiss?: () => void
  size?: 'sm' | 'md' | 'lg'
  testId?: string
  tone?: 'default' | 'danger'
}

/**
 * A modal dialog in a portal. The app behind it is made inert; Esc closes it (if dismissible);
 * the first field (or the element marked data-autofocus) gets focus; on close, focus goes back
 * to where it was, or to the main content if that element is gone.
 */
export function Modal({
  title,
  description,
  children,
  footer,
  onClose,
  onSubmit,
  dismissible = true,
  onBlockedDismiss,
  size = 'md',
  testId,
  tone = 'default'
}: ModalProps) {
  const panel = useRef<HTMLDivElement>(null)
  const titleId = useId()
  const descriptionId = useId()
  const onEscape = useEffectEvent(() => {
    if (dismissible) onClose()
    else onBlockedDismiss?.()
  })
  // Where focus was when the dialog opened (read during the first render, before autofocus). In a
  // chain it may be nothing: the first dialog's submit button, disabled while it works, lost focus.
  const [previous] = useState(focusedControl)

  useLayoutEffect(() => {
    const token = Symbol('modal')
    openModals.push(token)
    if (previous && !previous.closest('.modal-backdrop')) chainTrigger = previous
    const root = document.getElementById('root')
    root?.setAttribute('inert', '')

    const node = panel.current
    const target =
      node?.querySelector<HTMLElement>('[data-autofocus]') ??
      node?.querySelector<HTMLElement>('.modal-body input:not([disabled]), .modal-body select, .modal-body textarea') ??
      node?.querySelector<HTMLElement>(focusable) ??
      node
    target?.focus()

    const onKeyDown = (event: KeyboardEvent) => {
      if (openModals[openModals.length - 1] !== token) return
      if (event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        onEscape()
      } else if (event.key === 'Tab' && node) {
        const items = Array.from(node.querySelectorAll<HTMLElement>(focusable)).filter((el) => el.offsetParent !== null)
        const first = items[0]
        const last = items[items.length - 1]
        if (!first || !last) return
        if (event.shiftKey && (document.activeElement === first || !node.contains(document.activeElement))) {
          event.preventDefault()
          last.focus()
        } else if (!event.shiftKey && (document.activeElement === last || !node.contains(document.activeElement))) {
          event.preventDefault()
          first.focus()
        }
      }
    }
    document.addEventListener('keydown', onKeyDown)

    return () => {
      document.removeEventListener('keydown', onKeyDown)
      const index = openModals.indexOf(token)
      if (index >= 0) openModals.splice(index, 1)
      if (openModals.length === 0) root?.removeAttribute('inert')
      // Return focus after React has finished removing the dialog (and what it was about).
      queueMicrotask(() => {
        // The next dialog of a chain has taken focus, or the user has moved on.
        const now = focusedControl()
        if (now && !node?.contains(now)) return
        if (canFocus(previous)) previous.focus()
        else if (canFocus(chainTrigger)) chainTrigger.focus()
        else document.getElementById('main-content')?.focus()
        if (openModals.length === 0) chainTrigger = null
      })
    }
    // `previous` never changes (state without a setter): this runs once, when the dialog opens.
  }, [previous])

  // Keep the page behind from scrolling while the dialog is open.
  useEffect(() => {
    document.body.classList.add('has-modal')
    return () => {
      if (openModals.length === 0) document.body.classList.remove('has-modal')
    }
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit?.()
  }

  const content = (
    <>
      <div className="modal-body">{children}</div>
      <div className="modal-footer">{footer}</div>
    </>
  )

  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        // A click on the backdrop itself is not a close: it loses typed input too easily.
        if (event.target === event.currentTarget) event.preventDefault()
      }}
    >
      <div
        ref={panel}
        className={`modal modal-${size}${tone === 'danger' ? ' modal-danger' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        data-testid={testId}
      >
        <div className="modal-header">
          <div>
            <h2 className="modal-title" id={titleId}>
              {title}
            </h2>
            {description ? (
              <p className="modal-description" id={descriptionId}>
                {description}
              </p>
            ) : null}
          </div>
          {dismissible ? (
            <button
              type="button"
              className="icon-button modal-close"
              onClick={onClose}
              aria-label="Close"
              title="Close (Esc)"
            >
              <Icon name="x" size={15} />
            </button>
          ) : null}
        </div>
        {onSubmit ? (
          <form className="modal-form" onSubmit={submit} noValidate autoComplete="off">
            {content}
          </form>
        ) : (
          content
        )}
      </div>
    </div>,
    document.body
  )
}
