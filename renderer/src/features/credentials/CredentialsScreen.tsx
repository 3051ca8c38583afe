import { useEffect, useState, type ReactNode } from 'react'
import type { CredentialSummary, Notice, Result } from '../../../../preload/contract'
import { workbench } from '../../app/bridge'
import { CreateActions } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { EmptyState } from '../../ui/EmptyState'
import { LoadErrorBanner } from '../../ui/LoadErrorBanner'
import { mergeNotices, NoticeBanners, sameNotice } from '../../ui/NoticeBanners'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Spinner } from '../../ui/Spinner'
import { useBridgeLoad } from '../../ui/useBridgeLoad'
import { useFocusKeptInScreen } from '../../ui/useFocusKeptInScreen'
import { shortenMiddle } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import { CredentialTable, type RowAction } from './CredentialTable'
import { ImportCredentialDialog } from './ImportCredentialDialog'
import { NewCredentialDialog } from './NewCredentialDialog'
import { RevealDialog, type Reveal } from './RevealDialog'
import './credentials.css'

const listCredentials = () => workbench.listCredentials({})

type Dialog = { kind: 'new' } | { kind: 'import' } | { kind: RowAction; credential: CredentialSummary }

interface CredentialsScreenProps {
  /** Set by the Ctrl/Cmd+N shortcut; the screen opens "New credential" and reports back. */
  newRequested: boolean
  onNewHandled: () => void
}

export function CredentialsScreen({ newRequested, onNewHandled }: CredentialsScreenProps) {
  const { value: credentials, error: loadError, load } = useBridgeLoad(listCredentials)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  // The only place a secret lives in the renderer, and only until the reveal dialog closes.
  const [reveal, setReveal] = useState<Reveal | null>(null)
  const [notices, setNotices] = useState<Notice[]>([])
  const [highlightId, setHighlightId] = useState<string | null>(null)

  useEffect(() => {
    void load()
  }, [load])

  // Ctrl/Cmd+N in the shell: "New credential" opens (unless a dialog is up) in the render that sees
  // the request, and the shell hears that it was handled once that render is committed.
  const [requestSeen, setRequestSeen] = useState(false)
  if (newRequested !== requestSeen) {
    setRequestSeen(newRequested)
    if (newRequested && !dialog && !reveal) setDialog({ kind: 'new' })
  }
  useEffect(() => {
    if (newRequested) onNewHandled()
  }, [newRequested, onNewHandled])

  useEffect(() => {
    if (!highlightId) return
    const timer = window.setTimeout(() => setHighlightId(null), 2500)
    return () => window.clearTimeout(timer)
  }, [highlightId])

  const closeDialog = () => setDialog(null)
  const closeReveal = () => setReveal(null)
  const openNew = () => setDialog({ kind: 'new' })
  const openImport = () => setDialog({ kind: 'import' })

  const afterChange = (highlight?: string) => {
    if (highlight) setHighlightId(highlight)
    void load()
  }

  useFocusKeptInScreen(credentials)

  const activeCount = credentials?.filter((credential) => credential.status === 'active').length ?? 0

  return (
    <div className="screen" data-testid="credentials-screen">
      <ScreenHeader
        title="Credentials"
        subtitle="Embed client credentials: the client ID and embed secret that sign secure embed URLs."
        actions={
          <>
            <CreateActions
              noun="credential"
              onNew={openNew}
              onImport={openImport}
              newTestId="new-credential"
              importTestId="import-credential"
              inHeader
            />
          </>
        }
      />
      <div className="screen-body">
        <NoticeBanners
          notices={notices}
          onDismiss={(notice) => setNotices((current) => current.filter((shown) => !sameNotice(shown, notice)))}
        />
        {loadError ? (
          <LoadErrorBanner
            title="Could not load credentials"
            message={loadError}
            onRetry={() => void load()}
            testId="load-error"
          />
        ) : null}
        {credentials === null ? (
          loadError ? null : (
            <div className="loading-block">
              <Spinner label="Loading credentials…" />
            </div>
          )
        ) : credentials.length === 0 ? (
          <CredentialsEmptyState onNew={openNew} onImport={openImport} />
        ) : (
          <>
            <div className="table-caption">
              {credentials.length} {credentials.length === 1 ? 'credential' : 'credentials'}
              <span className="dot-sep">·</span>
              {activeCount} active
            </div>
            <CredentialTable
              credentials={credentials}
              highlightId={highlightId}
              onAction={(kind, credential) => setDialog({ kind, credential })}
            />
          </>
        )}
      </div>

      {dialog?.kind === 'new' ? (
        <NewCredentialDialog
          onCancel={closeDialog}
          onCreated={(created) => {
            setDialog(null)
            setReveal({ credential: created.credential, secret: created.secret })
            afterChange(created.credential.id)
          }}
        />
      ) : null}

      {dialog?.kind === 'import' ? (
        <ImportCredentialDialog
          onCancel={closeDialog}
          onImported={(imported) => {
            setDialog(null)
            setNotices(mergeNotices([], imported.notices))
            afterChange(imported.credential.id)
          }}
        />
      ) : null}

      {dialog?.kind === 'revoke' ? (
        <CredentialConfirmDialog
          title={`Revoke “${dialog.credential.name}”?`}
          confirmLabel="Revoke credential"
          pendingLabel="Revoking…"
          action={() => workbench.revokeCredential({ id: dialog.credential.id })}
          onClose={closeDialog}
          onDone={() => afterChange()}
        >
          <p>
            Embeds that use client ID <code className="mono">{shortenMiddle(dialog.credential.clientId)}</code> will
            stop working: the embed host rejects URLs signed with a revoked secret.
          </p>
          <p className="muted">The credential stays in the list as Revoked. This cannot be undone.</p>
        </CredentialConfirmDialog>
      ) : null}

      {dialog?.kind === 'regenerate' ? (
        <CredentialConfirmDialog
          title={`Regenerate “${dialog.credential.name}”?`}
          confirmLabel="Revoke and regenerate"
          pendingLabel="Regenerating…"
          action={() => workbench.regenerateCredential({ id: dialog.credential.id })}
          onClose={closeDialog}
          onDone={(regenerated) => {
            setReveal({ credential: regenerated.credential, secret: regenerated.secret, revoked: regenerated.revoked })
            afterChange(regenerated.credential.id)
          }}
        >
          <p>
            {dialog.credential.status === 'active'
              ? 'This revokes the current client ID and embed secret and creates'
              : 'This creates'}{' '}
            a new client ID and secret under the same name. Embeds that use the current secret stop working until you
            update them with the new one.
          </p>
          <p className="muted">The new secret is shown once, right after this step.</p>
        </CredentialConfirmDialog>
      ) : null}

      {dialog?.kind === 'delete' ? (
        <CredentialConfirmDialog
          title={`Delete “${dialog.credential.name}”?`}
          confirmLabel="Delete credential"
          pendingLabel="Deleting…"
          action={() => workbench.deleteCredential({ id: dialog.credential.id })}
          onClose={closeDialog}
          onDone={() => afterChange()}
        >
          <p>
            The credential and its encrypted secret are removed from this vault.
            {dialog.credential.status === 'active'
              ? ' Embeds signed with it will no longer verify in the workbench.'
              : ''}
          </p>
          <p className="muted">This cannot be undone: the secret cannot be recovered.</p>
        </CredentialConfirmDialog>
      ) : null}

      {reveal ? <RevealDialog reveal={reveal} onClose={closeReveal} /> : null}
    </div>
  )
}

interface CredentialConfirmDialogProps<T> {
  title: string
  confirmLabel: string
  pendingLabel: string
  children: ReactNode
  /** The bridge call that carries out the action. */
  action: () => Promise<Result<T>>
  onClose: () => void
  /** Runs after a success has closed the dialog. */
  onDone: (value: T) => void
}

/** Revoke, regenerate or delete one credential; a failure may mean the vault was locked meanwhile. */
function CredentialConfirmDialog<T>({ action, onClose, onDone, ...words }: CredentialConfirmDialogProps<T>) {
  const { noticeFailure } = useVault()
  return (
    <ConfirmDialog
      {...words}
      tone="danger"
      action={action}
      onFailure={(failure) => noticeFailure(failure.code)}
      onCancel={onClose}
      onDone={(value) => {
        onClose()
        onDone(value)
      }}
    />
  )
}

function CredentialsEmptyState({ onNew, onImport }: { onNew: () => void; onImport: () => void }) {
  return (
    <EmptyState
      icon="key"
      title="No embed credentials yet"
      testId="empty-state"
      actions={
        <CreateActions
          noun="credential"
          onNew={onNew}
          onImport={onImport}
          newTestId="empty-new-credential"
          importTestId="empty-import-credential"
          importLabel="Import credential"
        />
      }
    >
      A credential is a client ID and an embed secret. The workbench uses the secret to sign secure embed URLs and keeps
      it encrypted in the vault. Create a new pair here, or import one that an admin generated in a customer's org
      (Administration › Developer Access).
    </EmptyState>
  )
}
