import { useState, type FormEvent, type ReactNode } from 'react'
import type { VaultStatus } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { CopyButton } from '../../ui/CopyButton'
import { FormError } from '../../ui/FormError'
import { placeError, useFormErrors } from '../../ui/formErrors'
import { PassphraseField } from '../../ui/PassphraseField'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Segmented, type SegmentOption } from '../../ui/Segmented'
import { Spinner } from '../../ui/Spinner'
import { shortcutLabel } from '../../ui/format'
import { screens } from '../../app/navigation'
import { useThemeControls, type ThemePreference } from '../../app/theme'
import { useVault } from '../../app/vault-context'
import './settings.css'

export function SettingsScreen() {
  const { status } = useVault()
  return (
    <div className="screen" data-testid="settings-screen">
      <ScreenHeader title="Settings" subtitle="Vault protection, master passphrase and appearance." />
      <div className="screen-body settings-page">
        <VaultSection status={status} />
        {status.scheme === 'passphrase' ? <ChangePassphrase /> : null}
        <AppearanceSection />
        <ShortcutsSection />
      </div>
    </div>
  )
}

function Section({
  title,
  description,
  children,
  testId
}: {
  title: string
  description?: string
  children: ReactNode
  testId?: string
}) {
  return (
    <section className="settings-section" data-testid={testId}>
      <div className="settings-section-head">
        <h2 className="section-title">{title}</h2>
        {description ? <p className="settings-section-description">{description}</p> : null}
      </div>
      <div className="settings-section-body">{children}</div>
    </section>
  )
}

function VaultSection({ status }: { status: VaultStatus }) {
  return (
    <Section
      title="Vault"
      description="Where your credentials are kept and how their secrets are protected."
      testId="vault-section"
    >
      <dl className="settings-props">
        <dt>Protection</dt>
        <dd data-testid="protection">{status.protection}</dd>
        <dt>Vault file</dt>
        <dd>
          <div className="path-box">
            <code className="mono" data-testid="store-path">
              {status.storePath}
            </code>
            <CopyButton value={status.storePath} label="Copy vault file path" text="Copy" testId="copy-store-path" />
          </div>
          <p className="field-hint">
            {status.scheme === 'passphrase'
              ? 'Back up this file to keep your credentials. Without the master passphrase it cannot be decrypted.'
              : 'Back up this file to keep your credentials. It is encrypted with this machine’s keychain and opens only here.'}
          </p>
        </dd>
      </dl>
    </Section>
  )
}

const passphraseFields = ['current', 'next', 'confirmation']

function ChangePassphrase() {
  const { acceptStatus, noticeFailure } = useVault()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [pending, setPending] = useState(false)
  const [done, setDone] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (pending) return
    setPending(true)
    setDone(false)
    clear()
    const result = await call(() => workbench.changePassphrase({ current, next, confirmation }))
    // The passphrases leave React state as soon as the answer is in.
    setCurrent('')
    setNext('')
    setConfirmation('')
    setPending(false)
    if (result.ok) {
      setDone(true)
      acceptStatus(result.value)
      return
    }
    // The main process may name the field "passphrase"; which one it means depends on the code.
    const aliases = { passphrase: result.error.code === 'PASSPHRASE_WRONG' ? 'current' : 'next', newPassphrase: 'next' }
    const placed = placeError(result.error, passphraseFields, aliases)
    setErrors(placed)
    noticeFailure(result.error.code)
    document.getElementById('change-current')?.focus()
  }

  return (
    <Section
      title="Master passphrase"
      description="Changing it re-encrypts every secret in the vault with a key derived from the new passphrase."
      testId="change-passphrase-section"
    >
      <form
        className="settings-form"
        onSubmit={submit}
        noValidate
        autoComplete="off"
        data-testid="change-passphrase-form"
      >
        {done ? (
          <Banner tone="success" testId="passphrase-changed" onDismiss={() => setDone(false)}>
            Passphrase changed; every secret was re-encrypted.
          </Banner>
        ) : null}
        <FormError message={errors.form} />
        <PassphraseField
          id="change-current"
          name="current"
          label="Current passphrase"
          testId="current-passphrase"
          value={current}
          onChange={(value) => {
            setCurrent(value)
            setDone(false)
          }}
          errors={errors}
          clearField={clearField}
          readOnly={pending}
        />
        <PassphraseField
          id="change-next"
          name="next"
          label="New passphrase"
          hint="At least 8 characters. It cannot be recovered."
          testId="new-passphrase"
          value={next}
          onChange={setNext}
          errors={errors}
          clearField={clearField}
          readOnly={pending}
        />
        <PassphraseField
          id="change-confirmation"
          name="confirmation"
          label="Confirm new passphrase"
          testId="confirm-new-passphrase"
          value={confirmation}
          onChange={setConfirmation}
          errors={errors}
          clearField={clearField}
          readOnly={pending}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="change-passphrase">
            Change passphrase
          </button>
          {pending ? <Spinner label="Deriving key and re-encrypting…" /> : null}
        </div>
      </form>
    </Section>
  )
}

const themeOptions: SegmentOption<ThemePreference>[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' }
]

function AppearanceSection() {
  const { preference, setPreference } = useThemeControls()
  return (
    <Section
      title="Appearance"
      description="System follows your operating system’s light or dark setting."
      testId="appearance-section"
    >
      <Segmented
        label="Theme"
        name="theme"
        value={preference}
        options={themeOptions}
        onChange={setPreference}
        testId="theme-select"
        optionTestId={(value) => `theme-${value}`}
      />
    </Section>
  )
}

function ShortcutsSection() {
  const rows: [string, string][] = [
    ...screens.flatMap((screen): [string, string][] => (screen.key ? [[shortcutLabel(screen.key), screen.label]] : [])),
    [shortcutLabel('N'), 'New credential, certificate, API credential or persona'],
    [shortcutLabel('S'), 'Save the persona, certificate or API credential'],
    [shortcutLabel('Enter'), 'Sign, load, inspect, compare or send a request'],
    [shortcutLabel('['), 'Previous persona'],
    [shortcutLabel(']'), 'Next persona'],
    ['↑ ↓', 'Select the previous or next row of a HAR timeline (Enter opens its detail)'],
    ['Esc', 'Close a dialog'],
    ['Enter', 'Submit a dialog']
  ]
  return (
    <Section title="Keyboard shortcuts" testId="shortcuts-section">
      <dl className="settings-shortcuts">
        {rows.map(([keys, action]) => (
          <div className="settings-shortcut" key={keys}>
            <dt>
              <kbd className="kbd">{keys}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </Section>
  )
}
