import { useRef, useState, type FormEvent } from 'react'
import type { Notice, VaultStatus } from '../../../../preload/contract'
import { call, workbench } from '../../bridge'
import { Banner } from '../../components/Banner'
import { CopyButton } from '../../components/CopyButton'
import { describedBy, Field } from '../../components/Field'
import { placeError, useFormErrors } from '../../components/formErrors'
import { FormError } from '../../components/FormError'
import { Icon } from '../../components/Icon'
import { NoticeBanners } from '../../components/NoticeBanners'
import { PassphraseInput } from '../../components/PassphraseInput'
import { Spinner } from '../../components/Spinner'
import { ThemeToggle } from '../../components/ThemeToggle'

interface VaultGateProps {
  status: VaultStatus
  notices: Notice[]
  onDismissNotice: (notice: Notice) => void
  onStatus: (status: VaultStatus) => void
}

/** Everything shown before the vault is open: create it, unlock it, or explain why it cannot open. */
export function VaultGate({ status, notices, onDismissNotice, onStatus }: VaultGateProps) {
  return (
    <div className="gate">
      <div className="gate-topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <Icon name="key" size={13} />
          </span>
          <span className="brand-name">Embed Workbench</span>
        </div>
        <ThemeToggle />
      </div>
      <div className="gate-column">
        <NoticeBanners notices={notices} onDismiss={onDismissNotice} />
        <main className="gate-card" id="main-content" tabIndex={-1}>
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
    <div className="gate-meta">
      <div className="gate-meta-row">
        <span className="gate-meta-label">Protection</span>
        <span>{status.protection}</span>
      </div>
      <div className="gate-meta-row">
        <span className="gate-meta-label">Vault file</span>
        <code className="mono path" title={status.storePath} data-testid="store-path">
          {status.storePath}
        </code>
      </div>
    </div>
  )
}

function SetUpVault({ status, onStatus }: { status: VaultStatus; onStatus: (status: VaultStatus) => void }) {
  const [passphrase, setPassphrase] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [pending, setPending] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const passphraseRef = useRef<HTMLInputElement>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (pending) return
    setPending(true)
    clear()
    const result = await call(() => workbench.setUpVault({ passphrase, confirmation }))
    // Whatever happened, the passphrase leaves React state now.
    setPassphrase('')
    setConfirmation('')
    setPending(false)
    if (result.ok) {
      onStatus(result.value)
      return
    }
    setErrors(placeError(result.error, ['passphrase', 'confirmation']))
    passphraseRef.current?.focus()
  }

  return (
    <form onSubmit={submit} noValidate autoComplete="off" data-testid="setup-form">
      <div className="gate-icon" aria-hidden="true">
        <Icon name="vault" size={20} />
      </div>
      <h1 className="gate-title">Create your vault</h1>
      <p className="gate-lead">
        Embed Workbench keeps embed secrets encrypted with a key derived from a master passphrase. Choose one to create the
        vault.
      </p>
      <Banner tone="info" className="gate-callout">
        The passphrase is never stored and cannot be recovered. If you forget it, the secrets in this vault are lost.
      </Banner>
      <FormError message={errors.form} />
      <Field id="setup-passphrase" name="passphrase" label="Master passphrase" hint="At least 8 characters." error={errors.fields.passphrase}>
        <PassphraseInput
          id="setup-passphrase"
          ref={passphraseRef}
          data-testid="passphrase"
          value={passphrase}
          readOnly={pending}
          autoFocus
          onChange={(event) => {
            setPassphrase(event.target.value)
            clearField('passphrase')
          }}
          {...describedBy('setup-passphrase', errors.fields.passphrase, true)}
        />
      </Field>
      <Field id="setup-confirmation" name="confirmation" label="Confirm passphrase" error={errors.fields.confirmation}>
        <PassphraseInput
          id="setup-confirmation"
          data-testid="confirmation"
          value={confirmation}
          readOnly={pending}
          onChange={(event) => {
            setConfirmation(event.target.value)
            clearField('confirmation')
          }}
          {...describedBy('setup-confirmation', errors.fields.confirmation, false)}
        />
      </Field>
      <div className="gate-actions">
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="create-vault">
          {pending ? <Spinner label="Deriving key…" /> : 'Create vault'}
        </button>
      </div>
      <StorePath status={status} />
    </form>
  )
}

function UnlockVault({ status, onStatus }: { status: VaultStatus; onStatus: (status: VaultStatus) => void }) {
  const [passphrase, setPassphrase] = useState('')
  const [pending, setPending] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const passphraseRef = useRef<HTMLInputElement>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (pending) return
    setPending(true)
    clear()
    const result = await call(() => workbench.unlockVault({ passphrase }))
    setPassphrase('')
    setPending(false)
    if (result.ok) {
      onStatus(result.value)
      return
    }
    setErrors(placeError(result.error, ['passphrase']))
    passphraseRef.current?.focus()
  }

  return (
    <form onSubmit={submit} noValidate autoComplete="off" data-testid="unlock-form">
      <div className="gate-icon" aria-hidden="true">
        <Icon name="lock" size={20} />
      </div>
      <h1 className="gate-title">Unlock vault</h1>
      <p className="gate-lead">Enter the master passphrase to decrypt your embed credentials.</p>
      <FormError message={errors.form} />
      <Field id="unlock-passphrase" name="passphrase" label="Master passphrase" error={errors.fields.passphrase}>
        <PassphraseInput
          id="unlock-passphrase"
          ref={passphraseRef}
          data-testid="passphrase"
          value={passphrase}
          readOnly={pending}
          autoFocus
          onChange={(event) => {
            setPassphrase(event.target.value)
            clearField('passphrase')
          }}
          {...describedBy('unlock-passphrase', errors.fields.passphrase, false)}
        />
      </Field>
      <div className="gate-actions">
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="unlock">
          {pending ? <Spinner label="Deriving key…" /> : 'Unlock'}
        </button>
      </div>
      <StorePath status={status} />
    </form>
  )
}

function VaultUnavailable({ status, onStatus }: { status: VaultStatus; onStatus: (status: VaultStatus) => void }) {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const retry = async () => {
    setPending(true)
    setError(null)
    const result = await call(() => workbench.getVaultStatus({}))
    setPending(false)
    if (result.ok) onStatus(result.value)
    else setError(result.error.message)
  }

  return (
    <div data-testid="vault-unavailable">
      <div className="gate-icon gate-icon-danger" aria-hidden="true">
        <Icon name="warning" size={20} />
      </div>
      <h1 className="gate-title">The vault cannot be opened here</h1>
      <Banner tone="error" testId="unavailable-reason">
        {status.reason ?? 'The vault file exists but this machine cannot decrypt it.'}
      </Banner>
      <div className="gate-path-block">
        <div className="field-label">Vault file</div>
        <div className="path-box">
          <code className="mono" data-testid="store-path">
            {status.storePath}
          </code>
          <CopyButton value={status.storePath} label="Copy vault file path" />
        </div>
        <p className="muted small">Back up this file before you change anything: it holds your encrypted credentials.</p>
        <p className="muted small">Protection: {status.protection}</p>
      </div>
      <FormError message={error} />
      <div className="gate-actions">
        <button type="button" className="btn" onClick={retry} disabled={pending} data-testid="retry">
          {pending ? <Spinner label="Checking…" /> : 'Try again'}
        </button>
      </div>
    </div>
  )
}
