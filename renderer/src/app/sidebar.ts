import { useCallback, useState } from 'react'

/** localStorage key for the sidebar's state; absent means "by the window's width". */
export const sidebarStorageKey = 'ewb-sidebar'
/** Below this width the sidebar starts as a rail of icons (1024 px screens keep their content). */
export const COLLAPSE_BELOW_PX = 1180

function initial(): boolean {
  try {
    const stored = localStorage.getItem(sidebarStorageKey)
    if (stored === 'collapsed') return true
    if (stored === 'expanded') return false
  } catch {
    // Storage unavailable: by width.
  }
  return window.innerWidth < COLLAPSE_BELOW_PX
}

/** Whether the sidebar is a rail of icons, and the way to flip it (the choice is remembered). */
export function useSidebarCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(initial)
  const toggle = useCallback(
    () =>
      setCollapsed((current) => {
        try {
          localStorage.setItem(sidebarStorageKey, current ? 'expanded' : 'collapsed')
        } catch {
          // The choice then lasts for this window only.
        }
        return !current
      }),
    []
  )
  return [collapsed, toggle]
}
