import { useEffect, useEffectEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { isModalOpen } from './Modal'

/** Ctrl on Windows and Linux, Cmd on macOS, without Alt. */
export function isModKey(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey
}

/**
 * A keyboard shortcut handler on the whole document while `enabled`. It stays quiet while a dialog
 * is open (the dialog owns the keyboard then) and always sees the latest props of its component.
 */
export function useGlobalKeyDown(handler: (event: KeyboardEvent) => void, enabled = true): void {
  const onShortcut = useEffectEvent(handler)
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isModalOpen()) return
      onShortcut(event)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [enabled])
}

/** A keydown handler for a text field: Ctrl/Cmd+Enter runs `action` (and goes no further). */
export function onModEnter(action: () => void) {
  return (event: ReactKeyboardEvent) => {
    if (event.key !== 'Enter' || !isModKey(event)) return
    event.preventDefault()
    action()
  }
}
