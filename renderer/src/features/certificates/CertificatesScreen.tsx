import { useEffect, useState } from 'react'
import type { CertificateSummary } from '../../../../preload/contract'
import { workbench } from '../../app/bridge'
import { Button } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { EmptyState } from '../../ui/EmptyState'
import { LoadErrorBanner } from '../../ui/LoadErrorBanner'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Spinner } from '../../ui/Spinner'
import { useBridgeLoad } from '../../ui/useBridgeLoad'
import { useFocusKeptInScreen } from '../../ui/useFocusKeptInScreen'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import { CertificateEditor } from './CertificateEditor'
import { CertificateTable } from './CertificateTable'
import { UrlTester } from './UrlTester'
import './certificates.css'
import './certificate-report.css'

const listCertificates = () => workbench.listCertificates({})

/** The list, or the editor of one certificate (`session` remounts the editor for each opening). */
type View = { kind: 'list' } | { kind: 'new'; session: number } | { kind: 'edit'; id: string; session: number }

let sessions = 0

/** Client certificates for mTLS: the list with "Test a URL", and a page to create or edit one. */
export function CertificatesScreen() {
  const { noticeFailure } = useVault()
  const { value: certificates, setValue: setCertificates, error: loadError, load } = useBridgeLoad(listCertificates)
  const [view, setView] = useState<View>({ kind: 'list' })
  const [deleting, setDeleting] = useState<CertificateSummary | null>(null)
  const [highlightId, setHighlightId] = useState<string | null>(null)

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (!highlightId) return
    const timer = window.setTimeout(() => setHighlightId(null), 2500)
    return () => window.clearTimeout(timer)
  }, [highlightId])

  const startNew = () => setView({ kind: 'new', session: ++sessions })
  const open = (id: string) => setView({ kind: 'edit', id, session: ++sessions })
  const backToList = (highlight?: string) => {
    setView({ kind: 'list' })
    if (highlight) setHighlightId(highlight)
    void load()
    window.setTimeout(() => {
      const row = highlight
        ? document.querySelector<HTMLElement>(
            `[data-testid="certificate-row"][data-id="${highlight}"] [data-testid="open-certificate"]`
          )
        : null
      ;(row ?? document.getElementById('main-content'))?.focus()
    })
  }

  // Ctrl/Cmd+N on the list; the editor handles it itself (it may have unsaved edits).
  useGlobalKeyDown((event) => {
    if (!isModKey(event) || event.shiftKey || event.key.toLowerCase() !== 'n') return
    event.preventDefault()
    startNew()
  }, view.kind === 'list')

  useFocusKeptInScreen(certificates)

  const editing =
    view.kind === 'edit' ? (certificates?.find((certificate) => certificate.id === view.id) ?? null) : null

  const deleteDialog = deleting ? (
    <ConfirmDialog
      title={`Delete “${deleting.name}”?`}
      confirmLabel="Delete certificate"
      pendingLabel="Deleting…"
      tone="danger"
      action={() => workbench.deleteCertificate({ id: deleting.id })}
      onFailure={(failure) => {
        noticeFailure(failure.code)
        if (failure.code === 'CERTIFICATE_NOT_FOUND') void load()
      }}
      onCancel={() => setDeleting(null)}
      onDone={({ id }) => {
        setDeleting(null)
        setCertificates((current) => current?.filter((certificate) => certificate.id !== id) ?? current)
        if (view.kind !== 'list') backToList()
        else void load()
      }}
    >
      <p>The certificate, its encrypted key and passphrase are removed from this vault.</p>
      <p className="muted">
        Requests to its authorized domains will go without a client certificate. This cannot be undone.
      </p>
    </ConfirmDialog>
  ) : null

  if (view.kind !== 'list' && (view.kind === 'new' || editing)) {
    return (
      <>
        <CertificateEditor
          key={view.session}
          summary={editing}
          onBack={() => backToList(view.kind === 'edit' ? view.id : undefined)}
          onNew={startNew}
          onDelete={setDeleting}
          onSaved={(saved) => {
            setCertificates((current) => {
              const list = (current ?? []).filter((certificate) => certificate.id !== saved.id)
              return [...list, saved].sort((a, b) => a.name.localeCompare(b.name))
            })
            if (view.kind === 'new') setView({ kind: 'edit', id: saved.id, session: view.session })
          }}
        />
        {deleteDialog}
      </>
    )
  }

  return (
    <div className="screen" data-testid="certificates-screen">
      <ScreenHeader
        title="Certificates"
        subtitle="Client certificates for mutual TLS: presented to the hosts in their authorized domains. Keys are stored encrypted."
        actions={
          <Button
            icon="plus"
            variant="primary"
            onClick={startNew}
            testId="new-certificate"
            title={`Create certificate (${shortcutLabel('N')})`}
            shortcut={shortcutLabel('N')}
          >
            Create certificate
          </Button>
        }
      />
      <div className="screen-body certificates-body">
        {loadError ? (
          <LoadErrorBanner
            title="Could not load certificates"
            message={loadError}
            onRetry={() => void load()}
            testId="load-error"
          />
        ) : null}
        {certificates === null ? (
          loadError ? null : (
            <div className="loading-block">
              <Spinner label="Loading certificates…" />
            </div>
          )
        ) : certificates.length === 0 ? (
          <EmptyState
            icon="certificate"
            title="No client certificates yet"
            testId="certificates-empty"
            actions={
              <Button icon="plus" variant="primary" onClick={startNew} testId="empty-new-certificate">
                Create certificate
              </Button>
            }
          >
            When a server asks for mutual TLS, a request presents the client certificate whose authorized domains match
            its host. Add the certificate and key a platform issued you (PEM, DER or PKCS#12); the workbench checks that
            they belong together and that the server will accept them.
          </EmptyState>
        ) : (
          <>
            <div className="table-caption">
              {certificates.length} {certificates.length === 1 ? 'certificate' : 'certificates'}
              <span className="dot-sep">·</span>
              {certificates.filter((certificate) => certificate.report.ok).length} without errors
            </div>
            <CertificateTable
              certificates={certificates}
              highlightId={highlightId}
              onOpen={(certificate) => open(certificate.id)}
              onDelete={setDeleting}
            />
            <UrlTester onOpen={open} />
          </>
        )}
      </div>
      {deleteDialog}
    </div>
  )
}
