import { createContext, useContext, useEffect } from 'react'
import type { IconName } from '../ui/Icon'

export type Screen = 'credentials' | 'certificates' | 'connectors' | 'personas' | 'sign' | 'preview' | 'emulator' | 'inspector' | 'settings'

/** The screens in the sidebar, in order; `key` is the digit of its Ctrl/Cmd shortcut. */
export const screens: readonly { id: Screen; label: string; icon: IconName; key: string }[] = [
  { id: 'credentials', label: 'Credentials', icon: 'key', key: '1' },
  { id: 'certificates', label: 'Certificates', icon: 'certificate', key: '2' },
  { id: 'connectors', label: 'API credentials', icon: 'plug', key: '3' },
  { id: 'personas', label: 'Personas', icon: 'users', key: '4' },
  { id: 'sign', label: 'Sign', icon: 'link', key: '5' },
  { id: 'preview', label: 'Preview', icon: 'frame', key: '6' },
  { id: 'emulator', label: 'Emulator', icon: 'server', key: '7' },
  { id: 'inspector', label: 'Inspector', icon: 'search', key: '8' },
  { id: 'settings', label: 'Settings', icon: 'settings', key: '9' }
]

/** What a screen with unsaved edits offers when the user is about to leave it. */
export interface LeaveGuard {
  /** What has unsaved edits, e.g. the persona's name, for the question. */
  what: string
  /** Saves the edits; resolves false when saving failed (the screen then shows why). */
  save: () => Promise<boolean>
}

/** What the inspector shows; kept by the shell so it survives switching screens. */
export interface InspectorState {
  tab: 'inspect' | 'diff'
  input: string
  left: string
  right: string
}

export const emptyInspectorState: InspectorState = { tab: 'inspect', input: '', left: '', right: '' }

export interface Navigation {
  go: (screen: Screen) => void
  /** Opens the inspector with this URL in its input (it inspects it at once). */
  openInInspector: (input: string) => void
  /** A screen registers its guard while it has unsaved edits, and null when it has none. */
  setLeaveGuard: (guard: LeaveGuard | null) => void
}

export const NavigationContext = createContext<Navigation | null>(null)

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext)
  if (!navigation) throw new Error('useNavigation must be used inside NavigationContext')
  return navigation
}

/** Asks before the shell navigates away (or locks the vault) while `guard` is set. */
export function useLeaveGuard(guard: LeaveGuard | null): void {
  const { setLeaveGuard } = useNavigation()
  useEffect(() => {
    setLeaveGuard(guard)
    return () => setLeaveGuard(null)
  }, [guard, setLeaveGuard])
}
