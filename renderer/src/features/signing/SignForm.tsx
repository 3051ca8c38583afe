import type { CredentialSummary, EmulatorStatus } from '../../../../preload/contract'
import { TargetPicker } from './TargetPicker'
import { Button } from '../../ui/Button'
import { describedBy, Field } from '../../ui/Field'
import type { FormErrors } from '../../ui/formErrors'
import { Icon } from '../../ui/Icon'
import { PresetButtons } from '../../ui/PresetButtons'
import { Segmented, segmentIds, type SegmentOption } from '../../ui/Segmented'
import { TextField } from '../../ui/TextField'
import { formatDuration, shortcutLabel, shortenMiddle } from '../../ui/format'
import {
  displayCount,
  embedPathPlaceholder,
  jwtVersionOptions,
  modeOptions,
  sessionPresets,
  sessionSeconds,
  type SignSettings
} from '../../shared/signing/signSettings'
import { DisplayFields } from '../../shared/signing/DisplayFields'
import { MAX_SESSION_LENGTH_SECONDS } from '../../../../preload/contract/constants'

export const signControlId = (field: string) => `sign-${field}`

/** Radio group name and test ids of a segmented control: sign-{key}, options sign-{key}-{value}. */
const signSegment = (key: string) => segmentIds(`sign-${key}`)

const methodOptions: SegmentOption<SignSettings['method']>[] = [
  { value: 'url', label: 'URL', title: 'Signed URL: HMAC-SHA256 over the URL (:signature)' },
  { value: 'jwt', label: 'JWT', title: 'JWT: an HS256 token in :jwt' }
]
interface SignFormProps {
  settings: SignSettings
  onChange: (patch: Partial<SignSettings>) => void
  credentials: CredentialSummary[]
  /** The emulator's targets and hosts, for the target picker. */
  emulator: EmulatorStatus | null
  errors: FormErrors
  clearField: (field: string) => void
  pending: boolean
  onSign: () => void
}

/** What to sign with and how: credential, method, embed path, session, display options. */
export function SignForm({
  settings,
  onChange,
  credentials,
  emulator,
  errors,
  clearField,
  pending,
  onSign
}: SignFormProps) {
  const edit = (patch: Partial<SignSettings>, field?: string) => {
    onChange(patch)
    if (field) clearField(field)
  }
  /** Props of a plain text setting (its errors, if any, from the main process). */
  const text = (field: 'versionTag') => ({
    id: signControlId(field),
    name: field,
    errors,
    clearField,
    spellCheck: false,
    onChange: (value: string) => edit({ [field]: value })
  })
  const seconds = sessionSeconds(settings)
  const isUrl = settings.method === 'url'
  const pathId = signControlId('embedPath')
  const pathError = errors.fields.embedPath
  const display = displayCount(settings)

  return (
    <div className="signing-form" data-testid="sign-form">
      <Field
        id={pathId}
        name="embedPath"
        label="Embed path"
        error={pathError}
        hint={
          isUrl
            ? 'The workbook’s embed path from its Embedding dialog (secure embed).'
            : 'The workbook, page or element URL, as in the browser’s address bar.'
        }
        footer={
          <TargetPicker
            method={settings.method}
            path={settings.embedPath}
            emulator={emulator}
            onPath={(embedPath) => edit({ embedPath }, 'embedPath')}
          />
        }
      >
        <div className="request-bar">
          <Segmented
            label="Signing method"
            {...signSegment('method')}
            value={settings.method}
            options={methodOptions}
            onChange={(method) => edit({ method })}
          />
          <input
            id={pathId}
            className="input mono request-url"
            value={settings.embedPath}
            placeholder={embedPathPlaceholder[settings.method]}
            onChange={(event) => edit({ embedPath: event.target.value }, 'embedPath')}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                onSign()
              }
            }}
            autoComplete="off"
            spellCheck={false}
            data-testid="sign-embed-path"
            {...describedBy(pathId, pathError, true)}
          />
          <Button
            icon="play"
            variant="primary"
            className="request-bar-button"
            onClick={onSign}
            disabled={pending}
            testId="sign-button"
            title={`Sign (${shortcutLabel('Enter')})`}
            shortcut={shortcutLabel('↵')}
          >
            Sign
          </Button>
        </div>
      </Field>

      <div className="signing-options">
        <Field
          id={signControlId('credentialId')}
          name="credentialId"
          label="Credential"
          error={errors.fields.credentialId}
        >
          <select
            id={signControlId('credentialId')}
            className="input select"
            value={settings.credentialId}
            onChange={(event) => edit({ credentialId: event.target.value }, 'credentialId')}
            data-testid="sign-credential"
            {...describedBy(signControlId('credentialId'), errors.fields.credentialId, false)}
          >
            {credentials.map((credential) => (
              <option key={credential.id} value={credential.id}>
                {credential.name} · {shortenMiddle(credential.clientId, 6, 4)}
              </option>
            ))}
          </select>
        </Field>

        <Field
          id={signControlId('sessionLength')}
          name="sessionLength"
          label="Session length"
          error={errors.fields.sessionLength}
          hint={
            seconds === null
              ? 'Whole seconds.'
              : seconds > MAX_SESSION_LENGTH_SECONDS
                ? `${formatDuration(seconds)}: over the 30-day maximum.`
                : `${formatDuration(seconds)} · at most 30 days.`
          }
        >
          <div className="signing-session-length">
            <input
              id={signControlId('sessionLength')}
              className="input mono session-input"
              inputMode="numeric"
              value={settings.sessionLength}
              onChange={(event) => edit({ sessionLength: event.target.value }, 'sessionLength')}
              aria-label="Session length in seconds"
              autoComplete="off"
              data-testid="sign-session-length"
              {...describedBy(signControlId('sessionLength'), errors.fields.sessionLength, true)}
            />
            <span className="input-unit">s</span>
            <PresetButtons
              label="Session length presets"
              presets={sessionPresets.map((preset) => ({
                value: preset.seconds,
                label: preset.label,
                testId: `sign-session-${preset.seconds}`
              }))}
              current={seconds}
              onPick={(value) => edit({ sessionLength: String(value) }, 'sessionLength')}
            />
          </div>
        </Field>

        <div className="field">
          <span className="field-label">{isUrl ? 'Mode' : 'JWT version'}</span>
          {isUrl ? (
            <Segmented
              label="Mode"
              {...signSegment('mode')}
              size="sm"
              value={settings.mode}
              options={modeOptions}
              onChange={(mode) => edit({ mode })}
            />
          ) : (
            <Segmented
              label="JWT version"
              {...signSegment('jwt-version')}
              size="sm"
              value={settings.jwtVersion}
              options={jwtVersionOptions}
              onChange={(jwtVersion) => edit({ jwtVersion })}
            />
          )}
        </div>

        <TextField
          {...text('versionTag')}
          label="Version tag"
          optional
          testId="sign-version-tag"
          value={settings.versionTag}
          placeholder="e.g. production"
          maxLength={200}
        />
      </div>

      <details
        className="disclosure signing-display"
        open={settings.displayOpen}
        onToggle={(event) => {
          const open = event.currentTarget.open
          if (open !== settings.displayOpen) edit({ displayOpen: open })
        }}
      >
        <summary data-testid="sign-display-toggle">
          <Icon name="chevron" size={13} className="disclosure-chevron" />
          Display &amp; controls
          <span className="disclosure-meta">{display ? `${display} set` : 'defaults'}</span>
        </summary>
        <div className="signing-display-body">
          <DisplayFields prefix="sign" settings={settings} onChange={edit} errors={errors} clearField={clearField}>
            <div className="field">
              <span className="field-label">Height</span>
              <label className="check">
                <input
                  type="checkbox"
                  checked={settings.responsiveHeight}
                  onChange={(event) => edit({ responsiveHeight: event.target.checked })}
                  data-testid="sign-responsive-height"
                />
                <span>
                  Responsive height <code className="signing-check-param">:responsive_height</code>
                </span>
              </label>
            </div>
          </DisplayFields>
        </div>
      </details>
    </div>
  )
}
