import { useRef, useState, type FormEvent } from 'react'
import type { Notice, Result, VaultStatus } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Brand } from '../../ui/Brand'
import { CopyButton } from '../../ui/CopyButton'
import { placeError, useFormErrors } from '../../ui/formErrors'
import { FormError } from '../../ui/FormError'
import { Icon } from '../../ui/Icon'
import { NoticeBanners } from '../../ui/NoticeBanners'
import { PassphraseField } from '../../ui/PassphraseField'
import { Spinner } from '../../ui/Spinner'
import { ThemeToggle } from '../../ui/ThemeToggle'
import { usePendingCall } from '../../ui/usePendingCall'
import './vault.css'

interface VaultGateProps {
  status: VaultStatus
  notices: Notice[]
  onDismissNotice: (notice: Notice) => void
  onStatus: (status: VaultStatus) => void
}

/** Everything shown before the vault is open: create it, unlock it, or explain why it cannot open. */
export function VaultGate({ status, notices, onDismissNotice, onStatus }: VaultGateProps) {
  return (
    <div className="vault-gate">
      <header className="vault-gate-topbar">
        <Brand />
        <ThemeToggle />
      </header>
      <div className="vault-gate-column">
        <NoticeBanners notices={notices} onDismiss={onDismissNotice} />
        <main className="vault-gate-card" id="main-content" tabIndex={-1}>
          {status.state === 'needs-setup' ? (
            <SetUpVault status={status} onStatus={onStatus} />
          ) : status.state === 'locked' ? (
            <UnlockVault status={status} onStatus={onStatus} />
          ) : (
            <VaultUnavailable status={status} onStatus={onStatus} />
          )}
        </main>
      </div>
    </div>
  )
}

function StorePath({ status }: { status: VaultStatus }) {
  return (
    <div className="vault-gate-meta">
      <div className="vault-gate-meta-row">
        <span className="vault-gate-meta-label">Protection</span>
        <span>{status.protection}</span>
      </div>
      <div className="vault-gate-meta-row">
        <span className="vault-gate-meta-label">Vault file</span>
        <code className="mono path" title={status.storePath} data-testid="store-path">
          {status.storePath}
        </code>
      </div>
    </div>
  )
}

/**
 * Pending state, errors and the submit shared by the set-up and unlock forms. `send` makes the call
 * `invoke`, then `forget` empties the passphrase fields the answer asks to be typed again; a
 * failure goes beside the field it names and focus moves to the first field to type again.
 */
function useGateForm(fields: readonly string[], onStatus: (status: VaultStatus) => void) {
  const [pending, setPending] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const passphraseRef = useRef<HTMLInputElement>(null)
  const confirmationRef = useRef<HTMLInputElement>(null)

  const send = async (
    event: FormEvent,
    invoke: () => Promise<Result<VaultStatus>>,
    forget: (result: Result<VaultStatus>) => void
  ) => {
    event.preventDefault()
    if (pending) return
    setPending(true)
    clear()
    const result = await call(invoke)
    forget(result)
    setPending(false)
    if (result.ok) {
      onStatus(result.value)
      return
    }
    setErrors(placeError(result.error, fields))
    ;(result.error.field === 'confirmation' ? confirmationRef : passphraseRef).current?.focus()
  }

  return { pending, errors, clearField, passphraseRef, confirmationRef, send }
}

function SetUpVault({ status, onStatus }: { status: VaultStatus; onStatus: (status: VaultStatus) => void }) {
  const [passphrase, setPassphrase] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const { pending, errors, clearField, passphraseRef, confirmationRef, send } = useGateForm(
    ['passphrase', 'confirmation'],
    onStatus
  )

  const submit = (event: FormEvent) =>
    send(
      event,
      () => workbench.setUpVault({ passphrase, confirmation }),
      (result) => {
        // A confirmation that differs is typed again; the passphrase stays. Anything else (or
        // success) takes both out of React state.
        setConfirmation('')
        if (result.ok || result.error.field !== 'confirmation') setPassphrase('')
      }
    )

  return (
    <form onSubmit={submit} noValidate autoComplete="off" data-testid="setup-form">
      <div className="vault-gate-icon" aria-hidden="true">
        <Icon name="vault" size={20} />
      </div>
      <h1 className="vault-gate-title">Create your vault</h1>
      <p className="vault-gate-lead">
        Embed Workbench keeps embed secrets encrypted with a key derived from a master passphrase. Choose one to create
        the vault.
      </p>
      <Banner tone="info" className="vault-gate-callout">
        The passphrase is never stored and cannot be recovered. If you forget it, the secrets in this vault are lost.
      </Banner>
      <FormError message={errors.form} />
      <PassphraseField
        id="setup-passphrase"
        name="passphrase"
        label="Master passphrase"
        hint="At least 8 characters."
        testId="passphrase"
        value={passphrase}
        onChange={setPassphrase}
        errors={errors}
        clearField={clearField}
        readOnly={pending}
        autoFocus
        inputRef={passphraseRef}
      />
      <PassphraseField
        id="setup-confirmation"
        name="confirmation"
        label="Confirm passphrase"
        testId="confirmation"
        value={confirmation}
        onChange={setConfirmation}
        errors={errors}
        clearField={clearField}
        readOnly={pending}
        inputRef={confirmationRef}
      />
      <div className="vault-gate-actions">
        <button type="submit" className="btn btn-primary vault-btn-block" disabled={pending} data-testid="create-vault">
          {pending ? <Spinner label="Deriving key…" /> : 'Create vault'}
        </button>
      </div>
      <StorePath status={status} />
    </form>
  )
}

function UnlockVault({ status, onStatus }: { status: VaultStatus; onStatus: (status: VaultStatus) => void }) {
  const [passphrase, setPassphrase] = useState('')
  const { pending, errors, clearField, passphraseRef, send } = useGateForm(['passphrase'], onStatus)

  const submit = (event: FormEvent) =>
    send(
      event,
      () => workbench.unlockVault({ passphrase }),
      () => setPassphrase('')
    )

  return (
    <form onSubmit={submit} noValidate autoComplete="off" data-testid="unlock-form">
      <div className="vault-gate-icon" aria-hidden="true">
        <Icon name="lock" size={20} />
      </div>
      <h1 className="vault-gate-title">Unlock vault</h1>
      <p className="vault-gate-lead">Enter the master passphrase to decrypt your embed credentials.</p>
      <FormError message={errors.form} />
      <PassphraseField
        id="unlock-passphrase"
        name="passphrase"
        label="Master passphrase"
        testId="passphrase"
        value={passphrase}
        onChange={setPassphrase}
        errors={errors}
        clearField={clearField}
        readOnly={pending}
        autoFocus
        inputRef={passphraseRef}
      />
      <div className="vault-gate-actions">
        <button type="submit" className="btn btn-primary vault-btn-block" disabled={pending} data-testid="unlock">
          {pending ? <Spinner label="Deriving key…" /> : 'Unlock'}
        </button>
      </div>
      <StorePath status={status} />
    </form>
  )
}

function VaultUnavailable({ status, onStatus }: { status: VaultStatus; onStatus: (status: VaultStatus) => void }) {
  const { pending, error, run } = usePendingCall()

  const retry = () => run(() => workbench.getVaultStatus({}), onStatus)

  return (
    <div data-testid="vault-unavailable">
      <div className="vault-gate-icon vault-gate-icon-danger" aria-hidden="true">
        <Icon name="warning" size={20} />
      </div>
      <h1 className="vault-gate-title">The vault cannot be opened here</h1>
      <Banner tone="error" testId="unavailable-reason">
        {status.reason ?? 'The vault file exists but this machine cannot decrypt it.'}
      </Banner>
      <div className="vault-gate-path-block">
        <div className="field-label">Vault file</div>
        <div className="path-box">
          <code className="mono" data-testid="store-path">
            {status.storePath}
          </code>
          <CopyButton value={status.storePath} label="Copy vault file path" />
        </div>
        <p className="muted small">
          Back up this file before you change anything: it holds your encrypted credentials.
        </p>
        <p className="muted small">Protection: {status.protection}</p>
      </div>
      <FormError message={error} />
      <div className="vault-gate-actions">
        <button type="button" className="btn" onClick={retry} disabled={pending} data-testid="retry">
          {pending ? <Spinner label="Checking…" /> : 'Try again'}
        </button>
      </div>
    </div>
  )
}
