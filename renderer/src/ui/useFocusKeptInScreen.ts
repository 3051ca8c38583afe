import { useEffect, useRef } from 'react'
import { isModalOpen } from './Modal'

/**
 * A row deleted from `list` takes its focused button with it: focus then goes to the screen
 * (#main-content), so keyboard users stay in it. Not when the list first arrives: focus stays where
 * it was (at the start of the page when the app opens, so the first Tab reaches the skip link).
 */
export function useFocusKeptInScreen(list: unknown): void {
  const shown = useRef(false)
  useEffect(() => {
    if (list === null || list === undefined) return
    if (shown.current && document.activeElement === document.body && !isModalOpen())
      document.getElementById('main-content')?.focus()
    shown.current = true
  }, [list])
}
