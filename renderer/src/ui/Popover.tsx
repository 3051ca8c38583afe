import { useEffect, useEffectEvent, useRef, type ReactNode } from 'react'

interface PopoverProps {
  /** The button that opens it (it must toggle `open`). */
  trigger: ReactNode
  open: boolean
  onClose: () => void
  /** Accessible name of the panel. */
  label: string
  children: ReactNode
  testId?: string
}

/** A small panel under its trigger, for a few settings; Esc or a click outside closes it. */
export function Popover({ trigger, open, onClose, label, children, testId }: PopoverProps) {
  const anchor = useRef<HTMLDivElement>(null)
  const close = useEffectEvent(onClose)

  useEffect(() => {
    if (!open) return
    const onPointer = (event: MouseEvent) => {
      if (!anchor.current || anchor.current.contains(event.target as Node)) return
      // Let a field inside commit on blur before the panel (and the field) goes away.
      const focused = document.activeElement
      if (focused instanceof HTMLElement && anchor.current.contains(focused)) focused.blur()
      close()
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      close()
      anchor.current?.querySelector<HTMLElement>('button')?.focus()
    }
    document.addEventListener('mousedown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('mousedown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  return (
    <div className="popover-anchor" ref={anchor}>
      {trigger}
      {open ? (
        <div className="popover" role="dialog" aria-label={label} data-testid={testId}>
          {children}
        </div>
      ) : null}
    </div>
  )
}
