import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { CredentialSummary, ErrorCode, Persona } from '../../../../preload/contract'
import { call, workbench } from '../../bridge'
import { Banner } from '../../components/Banner'
import { EmptyState } from '../../components/EmptyState'
import { placeError, useFormErrors, type FormErrors } from '../../components/formErrors'
import { Icon, type IconName } from '../../components/Icon'
import { LoadErrorBanner } from '../../components/LoadErrorBanner'
import { ScreenHeader } from '../../components/ScreenHeader'
import { Spinner } from '../../components/Spinner'
import { TabList, tabId, tabPanelId } from '../../components/TabList'
import { isModKey, useGlobalKeyDown } from '../../components/useGlobalKeyDown'
import { shortcutLabel } from '../../format'
import { useNavigation } from '../../navigation'
import { useVault } from '../../vault-context'
import { SignedResult, type SignedWithFindings } from './SignedResult'
import { signControlId, SignForm } from './SignForm'
import { readSignSettings, sessionSeconds, toEmbedOptions, writeSignSettings, type SignSettings } from './signSettings'

/** Failures that are about the chosen credential, shown beside its select. */
const credentialCodes: readonly ErrorCode[] = ['CREDENTIAL_REVOKED', 'CREDENTIAL_NOT_FOUND', 'SECRET_UNREADABLE']
const signFields = ['embedPath', 'credentialId', 'sessionLength', 'versionTag']

interface Signed {
  signed: SignedWithFindings
  personaId: string
  credentialId: string
  /** The form as it was signed, to tell when the URL no longer matches it. */
  fingerprint: string
}

/** Everything that goes into the URL but the persona. */
function fingerprintOf(settings: SignSettings): string {
  const seconds = sessionSeconds(settings) ?? 0
  return JSON.stringify([settings.method, settings.credentialId, toEmbedOptions(settings, seconds)])
}

export function SignScreen() {
  const { noticeFailure } = useVault()
  const { go, openInInspector } = useNavigation()
  const [credentials, setCredentials] = useState<CredentialSummary[] | null>(null)
  const [personas, setPersonas] = useState<Persona[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [settings, setSettings] = useState<SignSettings>(readSignSettings)
  // The signed URL lives here only: never in storage, never logged.
  const [result, setResult] = useState<Signed | null>(null)
  const [pending, setPending] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const requests = useRef(0)

  useEffect(() => writeSignSettings(settings), [settings])
  const edit = useCallback((patch: Partial<SignSettings>) => setSettings((current) => ({ ...current, ...patch })), [])

  const active = useMemo(() => credentials?.filter((credential) => credential.status === 'active') ?? [], [credentials])

  const load = useCallback(async () => {
    const [creds, people] = await Promise.all([call(() => workbench.listCredentials({})), call(() => workbench.listPersonas({}))])
    const failure = !creds.ok ? creds.error : !people.ok ? people.error : null
    if (failure) {
      setLoadError(failure.message)
      noticeFailure(failure.code)
    } else setLoadError(null)
    if (creds.ok) setCredentials(creds.value)
    if (people.ok) setPersonas(people.value)
    // Keep the stored choices when they still exist; otherwise take the first.
    setSettings((current) => {
      const usable = creds.ok ? creds.value.filter((credential) => credential.status === 'active') : []
      const credentialId = !creds.ok || usable.some((c) => c.id === current.credentialId) ? current.credentialId : (usable[0]?.id ?? '')
      const personaId = !people.ok || people.value.some((p) => p.id === current.personaId) ? current.personaId : (people.value[0]?.id ?? '')
      return credentialId === current.credentialId && personaId === current.personaId ? current : { ...current, credentialId, personaId }
    })
  }, [noticeFailure])

  useEffect(() => {
    void load()
  }, [load])

  const sign = async (personaId: string, focusOnError: boolean) => {
    const seconds = sessionSeconds(settings)
    const local: FormErrors = { fields: {}, form: null }
    if (!settings.embedPath.trim()) local.fields.embedPath = 'Paste the embed path first.'
    if (seconds === null) local.fields.sessionLength = 'Enter the session length in whole seconds (at least 1).'
    if (!settings.credentialId) local.fields.credentialId = 'Pick a credential.'
    const request = ++requests.current
    if (Object.keys(local.fields).length) {
      setErrors(local)
      setResult(null)
      setPending(false)
      if (focusOnError) document.getElementById(signControlId(Object.keys(local.fields)[0]!))?.focus()
      return
    }
    setPending(true)
    clear()
    const response = await call(() =>
      workbench.signEmbedUrl({ method: settings.method, credentialId: settings.credentialId, personaId, options: toEmbedOptions(settings, seconds!) })
    )
    // A later request (another persona, another click) wins.
    if (request !== requests.current) return
    setPending(false)
    if (response.ok) {
      setResult({ signed: response.value, personaId, credentialId: settings.credentialId, fingerprint: fingerprintOf(settings) })
      return
    }
    const { error } = response
    setResult(null)
    setErrors(credentialCodes.includes(error.code) ? { fields: { credentialId: error.message }, form: null } : placeError(error, signFields))
    noticeFailure(error.code)
    if (credentialCodes.includes(error.code) || error.code === 'PERSONA_NOT_FOUND') void load()
    if (focusOnError && error.field === 'embedPath') document.getElementById(signControlId('embedPath'))?.focus()
  }

  const personaIndex = personas?.findIndex((persona) => persona.id === settings.personaId) ?? -1
  const selectPersona = (id: string) => {
    edit({ personaId: id })
    void sign(id, false)
  }

  useGlobalKeyDown((event) => {
    if (!isModKey(event) || !personas?.length || !active.length) return
    if (event.key === 'Enter') {
      event.preventDefault()
      if (settings.personaId) void sign(settings.personaId, true)
    } else if (event.key === '[' || event.key === ']' || event.code === 'BracketLeft' || event.code === 'BracketRight') {
      event.preventDefault()
      const step = event.key === '[' || event.code === 'BracketLeft' ? -1 : 1
      const next = personas[(Math.max(0, personaIndex) + step + personas.length) % personas.length]
      if (!next) return
      selectPersona(next.id)
      document.getElementById(tabId('sign-persona', next.id))?.focus()
    }
  })

  const loading = (credentials === null || personas === null) && !loadError
  const noCredential = credentials !== null && active.length === 0
  const noPersona = personas !== null && personas.length === 0
  const shown = result && result.personaId === settings.personaId ? result : null
  const resultPersona = personas?.find((persona) => persona.id === result?.personaId)
  const resultCredential = credentials?.find((credential) => credential.id === result?.credentialId)

  return (
    <div className="screen" data-testid="sign-screen">
      <ScreenHeader
        title="Sign"
        subtitle="Sign a one-time secure embed URL for each persona, check it with the inspector, copy it."
      />
      <div className="screen-body sign-body">
        {loadError ? <LoadErrorBanner title="Could not load credentials and personas" message={loadError} onRetry={() => void load()} testId="load-error" /> : null}
        {loading ? (
          <Spinner label="Loading credentials and personas…" />
        ) : noCredential || noPersona ? (
          <>
            {noCredential ? (
              <Missing icon="key" title="No active credential" testId="sign-no-credential" go={() => go('credentials')} target="Credentials">
                Signing needs a client ID and embed secret. Create a credential, or import the one a customer's admin generated
                {credentials?.length ? ' (every credential here is revoked)' : ''}.
              </Missing>
            ) : null}
            {noPersona ? (
              <Missing icon="users" title="No persona" testId="sign-no-persona" go={() => go('personas')} target="Personas">
                A persona says who the embed user is: email, teams, account type and user attributes. Make one to sign for it.
              </Missing>
            ) : null}
          </>
        ) : personas && credentials ? (
          <>
            <SignForm
              settings={settings}
              onChange={edit}
              credentials={active}
              errors={errors}
              clearField={clearField}
              pending={pending}
              onSign={() => void sign(settings.personaId, true)}
            />
            <div className="persona-tabs-bar">
              <TabList
                label="Persona"
                idPrefix="sign-persona"
                className="persona-tabs"
                items={personas.map((persona) => ({
                  id: persona.id,
                  label: persona.name,
                  testId: 'persona-tab',
                  name: persona.name,
                  title: `${persona.email || 'No email'}${persona.teams.length ? ` · ${persona.teams.join(', ')}` : ''}`
                }))}
                selected={personaIndex >= 0 ? settings.personaId : null}
                onSelect={selectPersona}
              />
              <span className="tabs-hint">
                <kbd className="kbd">{shortcutLabel('[')}</kbd>
                <kbd className="kbd">{shortcutLabel(']')}</kbd>
              </span>
            </div>
            <div
              className="sign-panel"
              id={tabPanelId('sign-persona')}
              role="tabpanel"
              aria-labelledby={settings.personaId ? tabId('sign-persona', settings.personaId) : undefined}
              aria-busy={pending}
            >
              {pending ? (
                <div className="sign-pending">
                  <Spinner label="Signing…" />
                </div>
              ) : null}
              {errors.form ? (
                <Banner tone="error" title="Could not sign" testId="sign-error">
                  {errors.form}
                </Banner>
              ) : Object.keys(errors.fields).length && !pending ? (
                <div className="sign-placeholder muted" data-testid="sign-fix-fields">
                  <Icon name="warning" size={14} />
                  Fix the highlighted field above, then sign.
                </div>
              ) : null}
              {result && (shown || pending) ? (
                <SignedResult
                  signed={result.signed}
                  personaName={resultPersona?.name ?? 'a deleted persona'}
                  credentialName={resultCredential?.name ?? 'a deleted credential'}
                  stale={!pending && fingerprintOf(settings) !== result.fingerprint}
                  pending={pending}
                  onResign={() => void sign(settings.personaId, true)}
                  onOpenInInspector={() => openInInspector(result.signed.url)}
                />
              ) : !pending && !errors.form && !Object.keys(errors.fields).length ? (
                <div className="sign-placeholder" data-testid="sign-placeholder">
                  <Icon name="link" size={16} />
                  <span>
                    Pick a persona above, or press <strong>Sign</strong> (<kbd className="kbd">{shortcutLabel('Enter')}</kbd>), to sign a one-time embed URL
                    for it.
                  </span>
                </div>
              ) : null}
            </div>
          </>
        ) : null}
      </div>
    </div>
  )
}

interface MissingProps {
  icon: IconName
  title: string
  testId: string
  /** The screen that fixes it. */
  target: 'Credentials' | 'Personas'
  go: () => void
  children: ReactNode
}

/** What signing still needs, with the way to the screen that provides it. */
function Missing({ icon, title, testId, target, go, children }: MissingProps) {
  return (
    <EmptyState
      compact
      icon={icon}
      title={title}
      testId={testId}
      actions={
        <button type="button" className="btn btn-primary" onClick={go} data-testid={`sign-go-${target.toLowerCase()}`}>
          Go to {target}
          <Icon name="arrowRight" size={14} />
        </button>
      }
    >
      {children}
    </EmptyState>
  )
}
