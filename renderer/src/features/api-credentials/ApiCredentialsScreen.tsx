import { useCallback, useEffect, useState } from 'react'
import type { ApiCredentialSummary, ApiEnvironment } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { EmptyState } from '../../ui/EmptyState'
import { LoadErrorBanner } from '../../ui/LoadErrorBanner'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Segmented } from '../../ui/Segmented'
import { Spinner } from '../../ui/Spinner'
import { TabList, tabPanelId } from '../../ui/TabList'
import { useBridgeLoad } from '../../ui/useBridgeLoad'
import { useFocusKeptInScreen } from '../../ui/useFocusKeptInScreen'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import { ApiCredentialEditor } from './ApiCredentialEditor'
import { ApiCredentialTable } from './ApiCredentialTable'
import { environmentLabel } from './apiCredentialDraft'
import { RequestRunner } from './RequestRunner'
import { useVerifyServer } from './useVerifyServer'
import { VerifyServerPanel } from './VerifyServerPanel'
import './api-credentials.css'
import './request-runner.css'
import './verify-server.css'

const listApiCredentials = () => workbench.listApiCredentials({})
const listCertificates = () => workbench.listCertificates({})

type Tab = 'credentials' | 'runner' | 'verify'
/** The tabs, or the editor of one credential (`session` remounts the editor for each opening). */
type View = { kind: 'tabs' } | { kind: 'new'; session: number } | { kind: 'edit'; id: string; session: number }

let sessions = 0
/** The tab shown when the screen opens again (it survives switching screens). */
let lastTab: Tab = 'credentials'
let lastRunnerId: string | null = null

/**
 * API credentials: the list with the global environment switch, a page to create or edit one,
 * the request runner and the local verification server. The runner and the server panel stay
 * mounted while the editor is open, so their state survives an edit.
 */
export function ApiCredentialsScreen() {
  const { noticeFailure } = useVault()
  const { value: list, setValue: setList, error: loadError, load } = useBridgeLoad(listApiCredentials)
  const { value: certificates, load: loadCertificates } = useBridgeLoad(listCertificates)
  const verify = useVerifyServer()
  const [tab, setTabState] = useState<Tab>(lastTab)
  const [view, setView] = useState<View>({ kind: 'tabs' })
  const [runnerId, setRunnerIdState] = useState<string | null>(lastRunnerId)
  const [deleting, setDeleting] = useState<ApiCredentialSummary | null>(null)
  const [highlightId, setHighlightId] = useState<string | null>(null)
  const [envPending, setEnvPending] = useState(false)
  const [envError, setEnvError] = useState<string | null>(null)

  const setTab = (next: Tab) => {
    lastTab = next
    setTabState(next)
  }
  const setRunnerId = useCallback((id: string) => {
    lastRunnerId = id
    setRunnerIdState(id)
  }, [])

  useEffect(() => {
    void load()
    void loadCertificates()
  }, [load, loadCertificates])

  useEffect(() => {
    if (!highlightId) return
    const timer = window.setTimeout(() => setHighlightId(null), 2500)
    return () => window.clearTimeout(timer)
  }, [highlightId])

  const credentials = list?.credentials ?? []
  const environment: ApiEnvironment = list?.environment ?? 'test'

  const startNew = () => setView({ kind: 'new', session: ++sessions })
  const open = (id: string) => setView({ kind: 'edit', id, session: ++sessions })
  const backToTabs = (highlight?: string) => {
    setView({ kind: 'tabs' })
    if (highlight) setHighlightId(highlight)
    void load()
    window.setTimeout(() => {
      const row =
        highlight && tab === 'credentials'
          ? document.querySelector<HTMLElement>(
              `[data-testid="api-credential-row"][data-id="${highlight}"] [data-testid="open-api-credential"]`
            )
          : null
      ;(row ?? document.getElementById('main-content'))?.focus()
    })
  }
  const runWith = (id: string) => {
    setRunnerId(id)
    setTab('runner')
    if (view.kind !== 'tabs') backToTabs()
    window.setTimeout(() => document.getElementById('runner-path')?.focus())
  }

  const switchEnvironment = async (next: ApiEnvironment) => {
    if (next === environment || envPending) return
    setEnvPending(true)
    setEnvError(null)
    const result = await call(() => workbench.setApiEnvironment({ environment: next }))
    setEnvPending(false)
    if (result.ok) setList((current) => (current ? { ...current, environment: result.value.environment } : current))
    else {
      setEnvError(result.error.message)
      noticeFailure(result.error.code)
    }
  }

  // Ctrl/Cmd+N on the tabs; the editor handles it itself (it may have unsaved edits).
  useGlobalKeyDown((event) => {
    if (!isModKey(event) || event.shiftKey || event.key.toLowerCase() !== 'n') return
    event.preventDefault()
    startNew()
  }, view.kind === 'tabs')

  useFocusKeptInScreen(list)

  const editing = view.kind === 'edit' ? (credentials.find((credential) => credential.id === view.id) ?? null) : null
  const showEditor = view.kind === 'new' || (view.kind === 'edit' && editing !== null)
  const verifyStatus = verify.status
  const verifyUrl = verifyStatus?.running ? verifyStatus.url : null

  const deleteDialog = deleting ? (
    <ConfirmDialog
      title={`Delete “${deleting.name}”?`}
      confirmLabel="Delete API credential"
      pendingLabel="Deleting…"
      tone="danger"
      action={() => workbench.deleteApiCredential({ id: deleting.id })}
      onFailure={(failure) => {
        noticeFailure(failure.code)
        if (failure.code === 'API_CREDENTIAL_NOT_FOUND') void load()
      }}
      onCancel={() => setDeleting(null)}
      onDone={({ id }) => {
        setDeleting(null)
        setList((current) =>
          current
            ? { ...current, credentials: current.credentials.filter((credential) => credential.id !== id) }
            : current
        )
        if (view.kind !== 'tabs') backToTabs()
        else void load()
      }}
    >
      <p>
        The credential and its encrypted secrets{deleting.orgSpecific ? ' (for every organization)' : ''} are removed
        from this vault.
      </p>
      {verifyStatus?.running && verifyStatus.expecting?.credentialId === deleting.id ? (
        <p>The verification server keeps checking requests against it until you restart or stop it.</p>
      ) : null}
      <p className="muted">This cannot be undone: the secrets cannot be recovered.</p>
    </ConfirmDialog>
  ) : null

  const tabs = [
    {
      id: 'credentials' as const,
      label: <>Credentials{list ? <span className="tab-count">{credentials.length}</span> : null}</>,
      testId: 'tab-credentials'
    },
    { id: 'runner' as const, label: 'Request runner', testId: 'tab-runner' },
    {
      id: 'verify' as const,
      label: (
        <>
          Verification server
          {verifyStatus?.running ? <span className="live-dot" title="Running" aria-label="running" /> : null}
        </>
      ),
      testId: 'tab-verify'
    }
  ]

  return (
    <>
      {showEditor ? (
        <ApiCredentialEditor
          key={view.session}
          summary={editing}
          environment={environment}
          verifyUrl={verifyUrl}
          onBack={() => backToTabs(view.kind === 'edit' ? view.id : undefined)}
          onNew={startNew}
          onDelete={setDeleting}
          onRun={runWith}
          onSaved={(saved) => {
            setList((current) => {
              const others = (current?.credentials ?? []).filter((credential) => credential.id !== saved.id)
              return {
                environment: current?.environment ?? environment,
                credentials: [...others, saved].sort((a, b) => a.name.localeCompare(b.name))
              }
            })
            if (view.kind === 'new') setView({ kind: 'edit', id: saved.id, session: view.session })
          }}
        />
      ) : null}
      <div className="screen api-credentials-screen" data-testid="connectors-screen" hidden={showEditor}>
        <ScreenHeader
          title="API credentials"
          subtitle="Credentials for customers’ APIs: send signed requests, see exactly what goes out, and verify them locally."
          actions={
            <>
              <div
                className={`api-credentials-env-switch is-${environment}`}
                data-testid="env-switch"
                data-environment={environment}
                title="Credentials of the other environment are not used"
              >
                <span className="api-credentials-env-switch-label">Environment</span>
                <Segmented
                  label="Environment"
                  name="api-environment"
                  value={environment}
                  options={[
                    { value: 'test', label: 'Test', title: 'Use test credentials (Sighten testing environments)' },
                    { value: 'production', label: 'Production', title: 'Use production credentials' }
                  ]}
                  onChange={(next) => void switchEnvironment(next)}
                  disabled={envPending || !list}
                  testId="api-environment"
                  optionTestId={(value) => `api-environment-${value}`}
                />
              </div>
              <Button
                icon="plus"
                variant="primary"
                onClick={startNew}
                testId="new-api-credential"
                title={`Create API credential (${shortcutLabel('N')})`}
                shortcut={shortcutLabel('N')}
              >
                Add credential
              </Button>
            </>
          }
        />
        <div className="api-credentials-tabs-bar">
          <TabList
            label="API credentials"
            idPrefix="api"
            items={tabs}
            selected={tab}
            onSelect={setTab}
            className="api-credentials-tabs"
            testId="api-tabs"
          />
          <span className="api-credentials-env-now" data-testid="env-now">
            {environmentLabel[environment]} selected:{' '}
            {environment === 'test'
              ? 'test credentials are used; production ones are not.'
              : 'production credentials are used; test ones are not.'}
          </span>
        </div>
        <div className="screen-body api-credentials-body" id={tabPanelId('api')} role="tabpanel">
          {envError ? (
            <Banner
              tone="error"
              title="Could not switch the environment"
              testId="env-error"
              onDismiss={() => setEnvError(null)}
            >
              {envError}
            </Banner>
          ) : null}
          {loadError ? (
            <LoadErrorBanner
              title="Could not load API credentials"
              message={loadError}
              onRetry={() => void load()}
              testId="load-error"
            />
          ) : null}

          <div className="api-credentials-panel" hidden={tab !== 'credentials'} data-testid="panel-credentials">
            {list === null ? (
              loadError ? null : (
                <div className="loading-block">
                  <Spinner label="Loading API credentials…" />
                </div>
              )
            ) : credentials.length === 0 ? (
              <EmptyState
                icon="plug"
                title="No API credentials yet"
                testId="api-empty"
                actions={
                  <Button icon="plus" variant="primary" onClick={startNew} testId="empty-new-api-credential">
                    Add credential
                  </Button>
                }
              >
                An API credential connects to a customer’s API: a base URL, the Content-Type and headers, and how
                requests authenticate (headers, Basic, a bearer token, AWS4 or HMAC-SHA256). Secrets are stored
                encrypted; a test credential is used only while the Test environment is selected.
              </EmptyState>
            ) : (
              <>
                <div className="table-caption">
                  {credentials.length} {credentials.length === 1 ? 'credential' : 'credentials'}
                  <span className="dot-sep">·</span>
                  {credentials.filter((credential) => credential.environment === environment).length} usable in{' '}
                  {environmentLabel[environment].toLowerCase()}
                </div>
                <ApiCredentialTable
                  credentials={credentials}
                  environment={environment}
                  highlightId={highlightId}
                  expectingId={verifyStatus?.running ? (verifyStatus.expecting?.credentialId ?? null) : null}
                  onOpen={(credential) => open(credential.id)}
                  onRun={(credential) => runWith(credential.id)}
                  onDelete={setDeleting}
                />
              </>
            )}
          </div>

          <div className="api-credentials-panel" hidden={tab !== 'runner'} data-testid="panel-runner">
            {list ? (
              <RequestRunner
                credentials={credentials}
                environment={environment}
                selectedId={runnerId}
                onSelect={setRunnerId}
                verifyServer={verifyStatus}
                active={tab === 'runner' && !showEditor}
                onOpenCredential={open}
                onCreate={startNew}
                onSent={() => void verify.reload()}
              />
            ) : null}
          </div>

          <div className="api-credentials-panel" hidden={tab !== 'verify'} data-testid="panel-verify">
            {list ? (
              <VerifyServerPanel
                status={verifyStatus}
                loadError={verify.error}
                pending={verify.pending}
                start={verify.start}
                stop={verify.stop}
                onRetry={() => void verify.reload()}
                credentials={credentials}
                environment={environment}
                certificates={certificates}
              />
            ) : null}
          </div>
        </div>
      </div>
      {deleteDialog}
    </>
  )
}
