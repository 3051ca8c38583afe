import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ErrorCode, Notice, Result, VaultStatus, WorkbenchFailure } from '../../../preload/contract'
import { bridgeAvailable, call, isVaultStateError, workbench } from './bridge'
import { forgetKeptState } from './kept-state'
import { useSidebarCollapsed } from './sidebar'
import { Banner } from '../ui/Banner'
import { Brand } from '../ui/Brand'
import { Icon } from '../ui/Icon'
import { LoadErrorBanner } from '../ui/LoadErrorBanner'
import { mergeNotices, NoticeBanners, sameNotice } from '../ui/NoticeBanners'
import { SkipLink } from '../ui/SkipLink'
import { Spinner } from '../ui/Spinner'
import { ThemeToggle } from '../ui/ThemeToggle'
import { UnsavedChangesDialog } from '../ui/UnsavedChangesDialog'
import { isModKey, useGlobalKeyDown } from '../ui/useGlobalKeyDown'
import { usePendingCall } from '../ui/usePendingCall'
import { VaultGate } from '../features/vault/VaultGate'
import {
  ApiCredentialsScreen,
  CertificatesScreen,
  CredentialsScreen,
  EmulatorScreen,
  EvidenceScreen,
  InspectorScreen,
  PersonasScreen,
  PreviewScreen,
  preloadScreens,
  RequestInspectorScreen,
  SettingsScreen,
  SigningScreen
} from './lazy-screens'
import { shortcutLabel } from '../ui/format'
import {
  emptyInspectorState,
  NavigationContext,
  screens,
  type InspectorState,
  type LeaveGuard,
  type Navigation,
  type Screen
} from './navigation'
import { ThemeContext, useTheme } from './theme'
import { useVault, VaultContext, type VaultControls } from './vault-context'

export function App() {
  const theme = useTheme()
  return <ThemeContext.Provider value={theme}>{bridgeAvailable() ? <Workbench /> : <NoBridge />}</ThemeContext.Provider>
}

/**
 * The vault status is asked for as this module loads, before React mounts, so its round trip
 * overlaps the first render instead of following it; the first refresh takes this answer.
 */
let firstStatus: Promise<Result<VaultStatus>> | null = bridgeAvailable()
  ? call(() => workbench.getVaultStatus({}))
  : null

function vaultStatus(): Promise<Result<VaultStatus>> {
  const early = firstStatus
  firstStatus = null
  return early ?? call(() => workbench.getVaultStatus({}))
}

function NoBridge() {
  return (
    <div className="center-screen">
      <Banner tone="error" title="Embed Workbench cannot reach its main process" testId="no-bridge">
        This page was opened without the workbench bridge. Start the desktop app, or run <code>npm run browser</code>{' '}
        and open the address it prints.
      </Banner>
    </div>
  )
}

function Workbench() {
  const [status, setStatus] = useState<VaultStatus | null>(null)
  const [startError, setStartError] = useState<WorkbenchFailure | null>(null)
  const [notices, setNotices] = useState<Notice[]>([])

  const addNotices = useCallback(
    (incoming: readonly Notice[]) => setNotices((current) => mergeNotices(current, incoming)),
    []
  )
  const dismissNotice = useCallback(
    (notice: Notice) => setNotices((current) => current.filter((shown) => !sameNotice(shown, notice))),
    []
  )

  const acceptStatus = useCallback(
    (next: VaultStatus) => {
      // Locked (or gone): the work screens kept belongs to the session that ended.
      if (next.state !== 'unlocked') forgetKeptState()
      setStatus(next)
      addNotices(next.notices ?? [])
    },
    [addNotices]
  )

  // The answer sets the state in a promise callback: react-hooks/set-state-in-effect takes a
  // setState after an await for a synchronous one (react/react#34905), and the effect below calls this.
  const refreshStatus = useCallback(
    () =>
      vaultStatus().then((result) => {
        if (result.ok) {
          setStartError(null)
          acceptStatus(result.value)
        } else setStartError(result.error)
      }),
    [acceptStatus]
  )

  useEffect(() => {
    void refreshStatus()
  }, [refreshStatus])

  // Every screen's chunk (the Credentials screen's first), fetched once the first screen has
  // painted: while the passphrase is typed, not before the vault gate shows.
  const firstScreenShown = status !== null || startError !== null
  useEffect(() => {
    if (!firstScreenShown) return
    const timer = window.setTimeout(preloadScreens, 0)
    return () => window.clearTimeout(timer)
  }, [firstScreenShown])

  const noticeFailure = useCallback(
    (code: ErrorCode) => {
      if (isVaultStateError(code)) void refreshStatus()
    },
    [refreshStatus]
  )

  const controls = useMemo<VaultControls | null>(
    () =>
      status ? { status, acceptStatus, refreshStatus: () => void refreshStatus(), noticeFailure, addNotices } : null,
    [status, acceptStatus, refreshStatus, noticeFailure, addNotices]
  )

  if (!status || !controls) {
    return (
      <div className="center-screen">
        {startError ? (
          <LoadErrorBanner
            title="Could not read the vault status"
            message={startError.message}
            onRetry={() => void refreshStatus()}
            testId="start-error"
          />
        ) : (
          <Spinner label="Opening vault…" size="md" />
        )}
      </div>
    )
  }

  if (status.state !== 'unlocked') {
    return <VaultGate status={status} notices={notices} onDismissNotice={dismissNotice} onStatus={acceptStatus} />
  }

  return (
    <VaultContext.Provider value={controls}>
      <Shell notices={notices} onDismissNotice={dismissNotice} />
    </VaultContext.Provider>
  )
}

function Shell({ notices, onDismissNotice }: { notices: Notice[]; onDismissNotice: (notice: Notice) => void }) {
  const [screen, setScreen] = useState<Screen>('credentials')
  const [newRequested, setNewRequested] = useState(false)
  const [sidebarCollapsed, toggleSidebar] = useSidebarCollapsed()
  const [inspector, setInspector] = useState<InspectorState>(emptyInspectorState)
  // The current screen's unsaved edits, if any, and the action waiting for the user's answer.
  const leaveGuard = useRef<LeaveGuard | null>(null)
  const [asking, setAsking] = useState<{ guard: LeaveGuard; then: () => void } | null>(null)
  // The screen on display, for the navigation object (which stays the same while screens change).
  const current = useRef(screen)
  useLayoutEffect(() => {
    current.current = screen
  }, [screen])

  /** Runs `then` now, or after the user has saved or discarded the current screen's edits. */
  const leave = useCallback((then: () => void) => {
    const guard = leaveGuard.current
    if (guard) setAsking({ guard, then })
    else then()
  }, [])

  const navigation = useMemo<Navigation>(
    () => ({
      go: (target) => {
        if (target !== current.current) leave(() => setScreen(target))
      },
      openInInspector: (input, request) =>
        leave(() => {
          setInspector((current) => ({ ...current, tab: 'inspect', input, request: request ?? null }))
          setScreen('inspector')
        }),
      setLeaveGuard: (guard) => {
        leaveGuard.current = guard
      }
    }),
    [leave]
  )

  useGlobalKeyDown((event) => {
    if (!isModKey(event) || event.shiftKey) return
    const key = event.key.toLowerCase()
    const target = screens.find((item) => item.key === key)
    if (key === 'b') {
      event.preventDefault()
      toggleSidebar()
    } else if (target) {
      event.preventDefault()
      navigation.go(target.id)
    } else if (key === 'n' && screen === 'credentials') {
      // Ctrl+N makes a new one of what the screen lists: here a credential (Personas, Certificates
      // and API credentials handle it themselves). Elsewhere it does nothing: it never moves the user.
      event.preventDefault()
      setNewRequested(true)
    }
  })

  return (
    <NavigationContext.Provider value={navigation}>
      <SkipLink />
      <div className="app" data-sidebar={sidebarCollapsed ? 'collapsed' : 'expanded'}>
        <Sidebar
          screen={screen}
          onScreen={navigation.go}
          onLeave={leave}
          collapsed={sidebarCollapsed}
          onToggle={toggleSidebar}
        />
        <div className="main">
          <NoticeBanners notices={notices} onDismiss={onDismissNotice} />
          <main className="main-content" id="main-content" tabIndex={-1}>
            <Suspense fallback={<Spinner label="Opening…" />}>
              {screen === 'credentials' ? (
                <CredentialsScreen newRequested={newRequested} onNewHandled={() => setNewRequested(false)} />
              ) : screen === 'certificates' ? (
                <CertificatesScreen />
              ) : screen === 'api-credentials' ? (
                <ApiCredentialsScreen />
              ) : screen === 'personas' ? (
                <PersonasScreen />
              ) : screen === 'signing' ? (
                <SigningScreen />
              ) : screen === 'preview' ? (
                <PreviewScreen />
              ) : screen === 'emulator' ? (
                <EmulatorScreen />
              ) : screen === 'inspector' ? (
                <InspectorScreen state={inspector} onChange={setInspector} />
              ) : screen === 'request-inspector' ? (
                <RequestInspectorScreen />
              ) : screen === 'evidence' ? (
                <EvidenceScreen />
              ) : (
                <SettingsScreen />
              )}
            </Suspense>
          </main>
        </div>
      </div>
      {asking ? (
        <UnsavedChangesDialog
          what={asking.guard.what}
          onSave={asking.guard.save}
          onCancel={() => setAsking(null)}
          onProceed={() => {
            setAsking(null)
            leaveGuard.current = null
            asking.then()
          }}
        />
      ) : null}
    </NavigationContext.Provider>
  )
}

function Sidebar({
  screen,
  onScreen,
  onLeave,
  collapsed,
  onToggle
}: {
  screen: Screen
  onScreen: (screen: Screen) => void
  onLeave: (then: () => void) => void
  /** A rail of icons (each keeps its name for screen readers and in its tooltip). */
  collapsed: boolean
  onToggle: () => void
}) {
  return (
    <aside className="sidebar">
      <Brand />
      <nav className="nav" aria-label="Screens">
        {screens.map((item) => (
          <button
            key={item.id}
            type="button"
            className="nav-item"
            aria-current={screen === item.id ? 'page' : undefined}
            onClick={() => onScreen(item.id)}
            data-testid={item.testId}
            title={item.key ? `${item.label} (${shortcutLabel(item.key)})` : item.label}
          >
            <Icon name={item.icon} size={15} />
            <span className="nav-label">{item.label}</span>
            {item.key ? <kbd className="kbd nav-kbd">{shortcutLabel(item.key)}</kbd> : null}
          </button>
        ))}
      </nav>
      <SidebarFooter onLeave={onLeave} collapsed={collapsed} onToggle={onToggle} />
    </aside>
  )
}

function SidebarFooter({
  onLeave,
  collapsed,
  onToggle
}: {
  onLeave: (then: () => void) => void
  collapsed: boolean
  onToggle: () => void
}) {
  const { status, acceptStatus, noticeFailure } = useVault()
  const { pending, error, run } = usePendingCall()

  // Locking closes every screen: unsaved edits are offered for saving first.
  const lock = () =>
    onLeave(
      () =>
        void run(
          () => workbench.lockVault({}),
          acceptStatus,
          (failure) => noticeFailure(failure.code)
        )
    )

  return (
    <div className="sidebar-footer">
      <div className="sidebar-vault-state" title={status.protection}>
        <span className="sidebar-vault-dot" aria-hidden="true" />
        <span>Vault unlocked</span>
      </div>
      {error ? (
        <div className="sidebar-error" role="alert" data-testid="lock-error">
          {error}
        </div>
      ) : null}
      <div className="sidebar-actions">
        {status.scheme === 'passphrase' ? (
          <button type="button" className="nav-item" onClick={lock} disabled={pending} data-testid="lock-vault">
            <Icon name="lock" size={15} />
            <span>{pending ? 'Locking…' : 'Lock vault'}</span>
          </button>
        ) : null}
        <ThemeToggle withLabel />
        <button
          type="button"
          className="nav-item"
          onClick={onToggle}
          aria-expanded={!collapsed}
          title={`${collapsed ? 'Expand' : 'Collapse'} the sidebar (${shortcutLabel('B')})`}
          data-testid="sidebar-toggle"
        >
          <Icon name="panelRight" size={15} />
          <span>{collapsed ? 'Expand sidebar' : 'Collapse sidebar'}</span>
        </button>
      </div>
    </div>
  )
}
