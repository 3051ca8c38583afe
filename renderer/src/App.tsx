import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ErrorCode, Notice, VaultStatus, WorkbenchFailure } from '../../preload/contract'
import { bridgeAvailable, call, isVaultStateError, workbench } from './bridge'
import { Banner } from './components/Banner'
import { Brand } from './components/Brand'
import { Icon } from './components/Icon'
import { isModalOpen } from './components/Modal'
import { mergeNotices, NoticeBanners, sameNotice } from './components/NoticeBanners'
import { Spinner } from './components/Spinner'
import { ThemeToggle } from './components/ThemeToggle'
import { usePendingCall } from './components/usePendingCall'
import { CredentialsScreen } from './features/credentials/CredentialsScreen'
import { SettingsScreen } from './features/settings/SettingsScreen'
import { VaultGate } from './features/vault/VaultGate'
import { shortcutLabel } from './format'
import { ThemeContext, useTheme } from './theme'
import { useVault, VaultContext, type VaultControls } from './vault-context'

export function App() {
  const theme = useTheme()
  return (
    <ThemeContext.Provider value={theme}>
      {bridgeAvailable() ? <Workbench /> : <NoBridge />}
    </ThemeContext.Provider>
  )
}

function NoBridge() {
  return (
    <div className="center-screen">
      <Banner tone="error" title="Embed Workbench cannot reach its main process" testId="no-bridge">
        This page was opened without the workbench bridge. Start the desktop app, or run <code>npm run browser</code> and open
        the address it prints.
      </Banner>
    </div>
  )
}

function Workbench() {
  const [status, setStatus] = useState<VaultStatus | null>(null)
  const [startError, setStartError] = useState<WorkbenchFailure | null>(null)
  const [notices, setNotices] = useState<Notice[]>([])

  const addNotices = useCallback((incoming: readonly Notice[]) => setNotices((current) => mergeNotices(current, incoming)), [])
  const dismissNotice = useCallback(
    (notice: Notice) => setNotices((current) => current.filter((shown) => !sameNotice(shown, notice))),
    []
  )

  const acceptStatus = useCallback(
    (next: VaultStatus) => {
      setStatus(next)
      addNotices(next.notices ?? [])
    },
    [addNotices]
  )

  const refreshStatus = useCallback(async () => {
    const result = await call(() => workbench.getVaultStatus({}))
    if (result.ok) {
      setStartError(null)
      acceptStatus(result.value)
    } else setStartError(result.error)
  }, [acceptStatus])

  useEffect(() => {
    void refreshStatus()
  }, [refreshStatus])

  const noticeFailure = useCallback(
    (code: ErrorCode) => {
      if (isVaultStateError(code)) void refreshStatus()
    },
    [refreshStatus]
  )

  const controls = useMemo<VaultControls | null>(
    () =>
      status
        ? { status, acceptStatus, refreshStatus: () => void refreshStatus(), noticeFailure, addNotices }
        : null,
    [status, acceptStatus, refreshStatus, noticeFailure, addNotices]
  )

  if (!status || !controls) {
    return (
      <div className="center-screen">
        {startError ? (
          <Banner
            tone="error"
            title="Could not read the vault status"
            testId="start-error"
            action={
              <button type="button" className="btn btn-sm" onClick={() => void refreshStatus()}>
                Try again
              </button>
            }
          >
            {startError.message}
          </Banner>
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

type Screen = 'credentials' | 'settings'

const screens: { id: Screen; label: string; icon: 'key' | 'settings'; key: string }[] = [
  { id: 'credentials', label: 'Credentials', icon: 'key', key: '1' },
  { id: 'settings', label: 'Settings', icon: 'settings', key: '2' }
]

function Shell({ notices, onDismissNotice }: { notices: Notice[]; onDismissNotice: (notice: Notice) => void }) {
  const [screen, setScreen] = useState<Screen>('credentials')
  const [newRequested, setNewRequested] = useState(false)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || isModalOpen()) return
      const key = event.key.toLowerCase()
      const target = screens.find((item) => item.key === key)
      if (target) {
        event.preventDefault()
        setScreen(target.id)
      } else if (key === 'n') {
        event.preventDefault()
        setScreen('credentials')
        setNewRequested(true)
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  return (
    <div className="app">
      <Sidebar screen={screen} onScreen={setScreen} />
      <div className="main">
        <NoticeBanners notices={notices} onDismiss={onDismissNotice} />
        <main className="main-content" id="main-content" tabIndex={-1}>
          {screen === 'credentials' ? (
            <CredentialsScreen newRequested={newRequested} onNewHandled={() => setNewRequested(false)} />
          ) : (
            <SettingsScreen />
          )}
        </main>
      </div>
    </div>
  )
}

function Sidebar({ screen, onScreen }: { screen: Screen; onScreen: (screen: Screen) => void }) {
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
            data-testid={`nav-${item.id}`}
            title={`${item.label} (${shortcutLabel(item.key)})`}
          >
            <Icon name={item.icon} size={15} />
            <span>{item.label}</span>
            <kbd className="kbd nav-kbd">{shortcutLabel(item.key)}</kbd>
          </button>
        ))}
      </nav>
      <SidebarFooter />
    </aside>
  )
}

function SidebarFooter() {
  const { status, acceptStatus, noticeFailure } = useVault()
  const { pending, error, run } = usePendingCall()

  const lock = () => run(() => workbench.lockVault({}), acceptStatus, (failure) => noticeFailure(failure.code))

  return (
    <div className="sidebar-footer">
      <div className="vault-state" title={status.protection}>
        <span className="vault-dot" aria-hidden="true" />
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
      </div>
    </div>
  )
}
