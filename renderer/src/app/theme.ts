import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from 'react'

export type ThemePreference = 'system' | 'light' | 'dark'
export type Theme = 'light' | 'dark'

/** localStorage key; absent means "follow the system". */
export const themeStorageKey = 'ewb-theme'

const darkQuery = '(prefers-color-scheme: dark)'

export function readThemePreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(themeStorageKey)
    return stored === 'light' || stored === 'dark' ? stored : 'system'
  } catch {
    return 'system'
  }
}

function writeThemePreference(preference: ThemePreference): void {
  try {
    if (preference === 'system') localStorage.removeItem(themeStorageKey)
    else localStorage.setItem(themeStorageKey, preference)
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
}

export function systemTheme(): Theme {
  return window.matchMedia?.(darkQuery).matches ? 'dark' : 'light'
}

export function resolveTheme(preference: ThemePreference): Theme {
  return preference === 'system' ? systemTheme() : preference
}

/** Sets `data-theme` on <html>; the stylesheet keys every colour off it. */
export function applyTheme(preference: ThemePreference): Theme {
  const theme = resolveTheme(preference)
  document.documentElement.dataset.theme = theme
  return theme
}

export interface ThemeControls {
  preference: ThemePreference
  theme: Theme
  setPreference: (preference: ThemePreference) => void
  toggle: () => void
}

/** The system's colour scheme as an external store, for useSyncExternalStore. */
function subscribeToSystemTheme(onChange: () => void): () => void {
  if (!window.matchMedia) return () => {}
  const query = window.matchMedia(darkQuery)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

const subscribeToNothing = () => () => {}

export function useTheme(): ThemeControls {
  const [preference, setPreferenceState] = useState<ThemePreference>(readThemePreference)
  // The system's scheme is listened to only while the preference follows it.
  const system = useSyncExternalStore(
    preference === 'system' ? subscribeToSystemTheme : subscribeToNothing,
    systemTheme
  )
  const theme: Theme = preference === 'system' ? system : preference

  // <html data-theme> follows the theme (main.tsx sets it before the first paint).
  useEffect(() => {
    applyTheme(theme)
  }, [theme])

  // Another window of the app (or the settings screen) may change the stored choice.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === themeStorageKey || event.key === null) setPreferenceState(readThemePreference())
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  const setPreference = useCallback((next: ThemePreference) => {
    writeThemePreference(next)
    setPreferenceState(next)
  }, [])

  const toggle = useCallback(() => {
    setPreference(resolveTheme(readThemePreference()) === 'dark' ? 'light' : 'dark')
  }, [setPreference])

  return { preference, theme, setPreference, toggle }
}

export const ThemeContext = createContext<ThemeControls | null>(null)

/** The one theme state of the app, provided by App. */
export function useThemeControls(): ThemeControls {
  const controls = useContext(ThemeContext)
  if (!controls) throw new Error('useThemeControls must be used inside ThemeContext')
  return controls
}
