import { createContext, useContext, useEffect } from 'react'
import type { IconName } from '../ui/Icon'

export type Screen =
  | 'credentials'
  | 'certificates'
  | 'api-credentials'
  | 'personas'
  | 'signing'
  | 'preview'
  | 'emulator'
  | 'inspector'
  | 'request-inspector'
  | 'evidence'
  | 'settings'

/**
 * The screens in the sidebar, in order; `key` is the digit of its Ctrl/Cmd shortcut (null: none,
 * the digits 1-9 are taken). `testId` is the sidebar button's data-testid: nav-{id}, except for the
 * two screens renamed since the e2e suites were written, which keep the test ids those suites
 * address them by.
 */
export const screens: readonly { id: Screen; label: string; icon: IconName; key: string | null; testId: string }[] = [
  { id: 'credentials', label: 'Credentials', icon: 'key', key: '1', testId: 'nav-credentials' },
  { id: 'certificates', label: 'Certificates', icon: 'certificate', key: '2', testId: 'nav-certificates' },
  { id: 'api-credentials', label: 'API credentials', icon: 'plug', key: '3', testId: 'nav-connectors' },
  { id: 'personas', label: 'Personas', icon: 'users', key: '4', testId: 'nav-personas' },
  { id: 'signing', label: 'Sign', icon: 'link', key: '5', testId: 'nav-sign' },
  { id: 'preview', label: 'Preview', icon: 'frame', key: '6', testId: 'nav-preview' },
  { id: 'emulator', label: 'Emulator', icon: 'server', key: '7', testId: 'nav-emulator' },
  { id: 'inspector', label: 'Inspector', icon: 'search', key: '8', testId: 'nav-inspector' },
  {
    id: 'request-inspector',
    label: 'Request inspector',
    icon: 'shield',
    key: null,
    testId: 'nav-request-inspector'
  },
  { id: 'evidence', label: 'HAR evidence', icon: 'evidence', key: null, testId: 'nav-evidence' },
  { id: 'settings', label: 'Settings', icon: 'settings', key: '9', testId: 'nav-settings' }
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
  /** The emulator request the input came from (its log row): shown as the emulator judged it. */
  request: number | null
  left: string
  right: string
}

export const emptyInspectorState: InspectorState = { tab: 'inspect', input: '', request: null, left: '', right: '' }

export interface Navigation {
  go: (screen: Screen) => void
  /**
   * Opens the inspector with this URL in its input (it inspects it at once); with `request`, the
   * URL is that emulator request's (redacted) and the inspector shows the emulator's verdict on it.
   */
  openInInspector: (input: string, request?: number) => void
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
