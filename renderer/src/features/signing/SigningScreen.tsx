import { useCallback, useEffect, useRef, useState } from 'react'
import { useKeptState } from '../../app/kept-state'
import { useEmulatorStatus } from '../../shared/emulator/useEmulator'
import { originOf, pathFor, targetFor, targetKey, targetPath } from '../../shared/signing/pathForm'
import { handToPreview } from '../../shared/signing/previewHandoff'
import { readTarget, rememberSelection, rememberTarget, withSelection } from '../../shared/signing/selection'
import type { ErrorCode } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { placeError, useFormErrors, type FormErrors } from '../../ui/formErrors'
import { Icon } from '../../ui/Icon'
import { PersonaTabs, personaStep } from '../../ui/PersonaTabs'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Spinner } from '../../ui/Spinner'
import { tabId, tabPanelId } from '../../ui/TabList'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'
import { useNavigation } from '../../app/navigation'
import { useVault } from '../../app/vault-context'
import { SignedResult } from './SignedResult'
import { ExportCodeDialog } from './ExportCodeDialog'
import { signControlId, SignForm } from './SignForm'
import { SigningGate } from '../../shared/signing/SigningGate'
import {
  readSignSettings,
  sessionSeconds,
  toEmbedOptions,
  writeSignSettings,
  type SignSettings
} from '../../shared/signing/signSettings'
import type { SignedWithFindings } from '../../shared/signing/signedEmbed'
import { useSigningInputs } from '../../shared/signing/useSigningInputs'
import './signing.css'

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

export function SigningScreen() {
  const { noticeFailure } = useVault()
  const { openInInspector, go } = useNavigation()
  const [settings, setSettings] = useState<SignSettings>(() => withSelection(readSignSettings()))
  // The signed URL lives in memory only (kept while the user is on other screens, dropped when the
  // vault locks): never in storage, never logged.
  const [result, setResult] = useKeptState<Signed | null>('signing.result', null)
  const [pending, setPending] = useState(false)
  // The code export, with the options as they were when it was opened.
  const [codeFor, setCodeFor] = useState<{
    method: SignSettings['method']
    credentialId: string
    personaId: string
    personaName: string
    options: ReturnType<typeof toEmbedOptions>
  } | null>(null)
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const requests = useRef(0)
  const inputs = useSigningInputs(setSettings)
  const { credentials, personas, active, load } = inputs

  useEffect(() => writeSignSettings(settings), [settings])
  // The credential and persona chosen here are what the Preview opens with too.
  const { credentialId, personaId } = settings
  useEffect(() => {
    if (credentialId || personaId) rememberSelection({ credentialId, personaId })
  }, [credentialId, personaId])
  const emulator = useEmulatorStatus()
  const targets = emulator.status?.targets
  // The target is shared too: the one the path points at is what the Preview opens with, and
  // Sign opens on the one last picked on either screen (on the host the path already names), unless
  // its path is one typed by hand, which is never replaced.
  const pathTarget = targets ? targetFor(settings.embedPath, targets) : null
  const pathTargetKey = pathTarget ? targetKey(pathTarget) : ''
  useEffect(() => {
    if (pathTargetKey) rememberTarget(pathTargetKey)
  }, [pathTargetKey])
  const [adopted, setAdopted] = useState(false)
  if (!adopted && targets?.length) {
    setAdopted(true)
    const shared = targets.find((target) => targetKey(target) === readTarget())
    const origin = originOf(settings.embedPath) || emulator.status?.baseUrl
    const replaceable = pathTarget !== null || !settings.embedPath.trim()
    if (shared && replaceable && targetKey(shared) !== pathTargetKey && origin)
      setSettings({ ...settings, embedPath: targetPath(shared, settings.method, origin) })
  }
  // The path form follows the method: the same emulator target in the other form.
  const edit = useCallback(
    (patch: Partial<SignSettings>) =>
      setSettings((current) => {
        const next = { ...current, ...patch }
        if (patch.method && patch.method !== current.method && targets) {
          const path = pathFor(patch.method, current.embedPath, targets)
          if (path) next.embedPath = path
        }
        return next
      }),
    [targets]
  )

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
      workbench.signEmbedUrl({
        method: settings.method,
        credentialId: settings.credentialId,
        personaId,
        options: toEmbedOptions(settings, seconds!)
      })
    )
    // A later request (another persona, another click) wins.
    if (request !== requests.current) return
    setPending(false)
    if (response.ok) {
      setResult({
        signed: response.value,
        personaId,
        credentialId: settings.credentialId,
        fingerprint: fingerprintOf(settings)
      })
      return
    }
    const { error } = response
    setResult(null)
    setErrors(
      credentialCodes.includes(error.code)
        ? { fields: { credentialId: error.message }, form: null }
        : placeError(error, signFields)
    )
    noticeFailure(error.code)
    if (credentialCodes.includes(error.code) || error.code === 'PERSONA_NOT_FOUND') void load()
    if (focusOnError && error.field === 'embedPath') document.getElementById(signControlId('embedPath'))?.focus()
  }

  const selectPersona = (id: string) => {
    edit({ personaId: id })
    void sign(id, false)
  }

  useGlobalKeyDown((event) => {
    if (!isModKey(event) || !personas?.length || !active.length) return
    if (event.key === 'Enter') {
      event.preventDefault()
      if (settings.personaId) void sign(settings.personaId, true)
      return
    }
    const next = personaStep(event, personas, settings.personaId, 'sign-persona')
    if (next) selectPersona(next.id)
  })

  const shown = result && result.personaId === settings.personaId ? result : null
  const resultPersona = personas?.find((persona) => persona.id === result?.personaId)
  const resultCredential = credentials?.find((credential) => credential.id === result?.credentialId)

  return (
    <div className="screen" data-testid="sign-screen">
      <ScreenHeader
        title="Sign"
        subtitle="Sign a one-time secure embed URL for each persona, check it with the inspector, copy it."
      />
      <div className="screen-body signing-body">
        <SigningGate inputs={inputs} testIdPrefix="sign">
          {(_credentials, personas) => (
            <>
              <SignForm
                settings={settings}
                onChange={edit}
                credentials={active}
                emulator={emulator.status}
                errors={errors}
                clearField={clearField}
                pending={pending}
                onSign={() => void sign(settings.personaId, true)}
              />
              <PersonaTabs
                idPrefix="sign-persona"
                personas={personas}
                selected={settings.personaId}
                onSelect={selectPersona}
              />
              <div
                className="signing-panel"
                id={tabPanelId('sign-persona')}
                role="tabpanel"
                aria-labelledby={settings.personaId ? tabId('sign-persona', settings.personaId) : undefined}
                aria-busy={pending}
              >
                {pending ? (
                  <div className="signing-pending">
                    <Spinner label="Signing…" />
                  </div>
                ) : null}
                {errors.form ? (
                  <Banner tone="error" title="Could not sign" testId="sign-error">
                    {errors.form}
                  </Banner>
                ) : Object.keys(errors.fields).length && !pending ? (
                  <div className="result-placeholder muted" data-testid="sign-fix-fields">
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
                    onExportCode={() =>
                      setCodeFor({
                        method: settings.method,
                        credentialId: result.credentialId,
                        personaId: result.personaId,
                        personaName: resultPersona?.name ?? 'this persona',
                        options: toEmbedOptions(settings, sessionSeconds(settings) ?? 600)
                      })
                    }
                    onLoadInPreview={() => {
                      handToPreview({
                        method: result.signed.method,
                        credentialId: result.credentialId,
                        personaId: result.personaId,
                        embedPath: settings.embedPath
                      })
                      go('preview')
                    }}
                  />
                ) : !pending && !errors.form && !Object.keys(errors.fields).length ? (
                  <div className="result-placeholder" data-testid="sign-placeholder">
                    <Icon name="link" size={16} />
                    <span>
                      Pick a persona above, or press <strong>Sign</strong> (
                      <kbd className="kbd">{shortcutLabel('Enter')}</kbd>), to sign a one-time embed URL for it.
                    </span>
                  </div>
                ) : null}
              </div>
            </>
          )}
        </SigningGate>
      </div>
      {codeFor ? <ExportCodeDialog {...codeFor} onClose={() => setCodeFor(null)} /> : null}
    </div>
  )
}
