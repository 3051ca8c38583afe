import { useEffect, useRef, useState, type CSSProperties } from 'react'
import { createPortal } from 'react-dom'
import { Icon } from './Icon'

interface CopyButtonProps {
  value: string
  /** Accessible name, e.g. "Copy client ID". */
  label: string
  /** Visible text; omit for an icon-only button. */
  text?: string
  testId?: string
  autoFocus?: boolean
  className?: string
  /**
   * When the copy fails, also show the full value (selectable) in the message. For places where
   * the value on screen is shortened, such as the client ID column.
   */
  showValueOnFailure?: boolean
}

type CopyState = { kind: 'idle' } | { kind: 'copied' | 'failed'; position: CSSProperties }

const copiedMs = 1500
const failedMs = 8000

/**
 * Copies `value` with the async clipboard API and says whether it worked. The feedback bubble is
 * portalled to <body> so table cells and scroll containers cannot clip it.
 */
export function CopyButton({ value, label, text, testId, autoFocus, className, showValueOnFailure }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' })
  const button = useRef<HTMLButtonElement>(null)
  const timer = useRef<number | undefined>(undefined)

  useEffect(() => () => window.clearTimeout(timer.current), [])

  // The bubble is placed once; if the page scrolls or resizes under it, drop it.
  useEffect(() => {
    if (state.kind === 'idle') return
    const dismiss = () => setState({ kind: 'idle' })
    window.addEventListener('resize', dismiss)
    document.addEventListener('scroll', dismiss, true)
    return () => {
      window.removeEventListener('resize', dismiss)
      document.removeEventListener('scroll', dismiss, true)
    }
  }, [state.kind])

  const settle = (kind: 'copied' | 'failed') => {
    const rect = button.current?.getBoundingClientRect()
    const position: CSSProperties = {}
    if (rect) {
      position.right = Math.max(8, window.innerWidth - rect.right)
      if (rect.bottom + 96 > window.innerHeight) position.bottom = window.innerHeight - rect.top + 6
      else position.top = rect.bottom + 6
    }
    setState({ kind, position })
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => setState({ kind: 'idle' }), kind === 'copied' ? copiedMs : failedMs)
  }

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard API unavailable')
      await navigator.clipboard.writeText(value)
      settle('copied')
    } catch {
      settle('failed')
    }
  }

  const iconOnly = text === undefined
  const copied = state.kind === 'copied'
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`btn btn-sm ${iconOnly ? 'btn-icon btn-ghost' : ''} copy-button${copied ? ' is-copied' : ''}${className ? ` ${className}` : ''}`}
        onClick={copy}
        aria-label={copied ? 'Copied' : label}
        title={copied ? 'Copied' : label}
        data-testid={testId}
        data-state={state.kind}
        data-autofocus={autoFocus ? '' : undefined}
      >
        <Icon name={copied ? 'check' : 'copy'} size={13} />
        {iconOnly ? null : <span>{copied ? 'Copied' : text}</span>}
      </button>
      {state.kind === 'idle' || (copied && !iconOnly)
        ? null
        : createPortal(
            <div
              className={`copy-bubble ${copied ? 'copy-bubble-ok' : 'copy-bubble-failed'}`}
              style={state.position}
              role={copied ? 'status' : 'alert'}
              data-testid={copied ? 'copy-copied' : 'copy-failed'}
            >
              {copied ? (
                'Copied'
              ) : (
                <>
                  <div className="copy-bubble-head">
                    <span>Copy failed — select and copy manually</span>
                    <button
                      type="button"
                      className="icon-button copy-bubble-close"
                      aria-label="Dismiss"
                      onClick={() => setState({ kind: 'idle' })}
                    >
                      <Icon name="x" size={12} />
                    </button>
                  </div>
                  {showValueOnFailure ? <code className="copy-bubble-value">{value}</code> : null}
                </>
              )}
            </div>,
            document.body
          )}
    </>
  )
}
