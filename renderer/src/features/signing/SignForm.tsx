import type { CredentialSummary } from '../../../../preload/contract'
import { Button } from '../../ui/Button'
import { describedBy, Field } from '../../ui/Field'
import type { FormErrors } from '../../ui/formErrors'
import { Icon } from '../../ui/Icon'
import { NameValueRows } from '../../ui/NameValueRows'
import { PresetButtons } from '../../ui/PresetButtons'
import { PresetSelect } from '../../ui/PresetSelect'
import { Segmented, segmentIds, type SegmentOption } from '../../ui/Segmented'
import { TextField } from '../../ui/TextField'
import { formatDuration, shortcutLabel, shortenMiddle } from '../../ui/format'
import {
  displayCount,
  embedPathPlaceholder,
  hideFlags,
  menuPositions,
  sessionPresets,
  sessionSeconds,
  themePresets,
  type MenuPosition,
  type SignSettings
} from '../../shared/signing/signSettings'
import { MAX_SESSION_LENGTH_SECONDS } from '../../../../preload/contract/constants'

/** Thirty days: the longest session the host documents. */

export const signControlId = (field: string) => `sign-${field}`

/** Radio group name and test ids of a segmented control: sign-{key}, options sign-{key}-{value}. */
const signSegment = (key: string) => segmentIds(`sign-${key}`)

const methodOptions: SegmentOption<SignSettings['method']>[] = [
  { value: 'url', label: 'URL', title: 'Signed URL: HMAC-SHA256 over the URL (:signature)' },
  { value: 'jwt', label: 'JWT', title: 'JWT: an HS256 token in :jwt' }
]
const modeOptions: SegmentOption<SignSettings['mode']>[] = [
  { value: 'userbacked', label: 'userbacked', title: 'Secure embeds' },
  { value: 'view', label: 'view', title: 'What the vendor’s signing sample sends' }
]
const jwtVersionOptions: SegmentOption<SignSettings['jwtVersion']>[] = [
  { value: '1.0', label: '1.0' },
  { value: '1.1', label: '1.1', title: 'Adds aud: "sigmacomputing"' }
]

interface SignFormProps {
  settings: SignSettings
  onChange: (patch: Partial<SignSettings>) => void
  credentials: CredentialSummary[]
  errors: FormErrors
  clearField: (field: string) => void
  pending: boolean
  onSign: () => void
}

/** What to sign with and how: credential, method, embed path, session, display options. */
export function SignForm({ settings, onChange, credentials, errors, clearField, pending, onSign }: SignFormProps) {
  const edit = (patch: Partial<SignSettings>, field?: string) => {
    onChange(patch)
    if (field) clearField(field)
  }
  /** Props of a plain text setting (its errors, if any, from the main process). */
  const text = (field: 'versionTag' | 'lng' | 'lngVariant') => ({
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
          <div className="signing-display-grid">
            <Field id={signControlId('theme')} name="theme" label="Theme">
              <PresetSelect
                id={signControlId('theme')}
                testId="sign-theme"
                presets={themePresets}
                value={settings.theme}
                onChange={(theme) => edit({ theme })}
                customLabel="Custom theme name"
                customPlaceholder="Theme name (case sensitive)"
                maxLength={200}
              />
            </Field>
            <Field id={signControlId('menuPosition')} name="menuPosition" label="Menu position">
              <select
                id={signControlId('menuPosition')}
                className="input select"
                value={settings.menuPosition}
                onChange={(event) => edit({ menuPosition: event.target.value as MenuPosition })}
                data-testid="sign-menu-position"
              >
                {menuPositions.map((position) => (
                  <option key={position.value} value={position.value}>
                    {position.label}
                  </option>
                ))}
              </select>
            </Field>
            <div className="signing-lng-inputs">
              <TextField
                {...text('lng')}
                label="Language"
                testId="sign-lng"
                value={settings.lng}
                placeholder="e.g. fr"
                maxLength={50}
              />
              <TextField
                {...text('lngVariant')}
                label="Variant"
                testId="sign-lng-variant"
                value={settings.lngVariant}
                placeholder="e.g. CA"
                maxLength={50}
              />
            </div>
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
          </div>

          <fieldset className="signing-hide-flags">
            <legend className="field-label">Hide</legend>
            <div className="signing-hide-flag-grid">
              {hideFlags.map((flag) => (
                <label
                  key={flag.name}
                  className={`check${!isUrl && !flag.jwt ? ' is-url-only' : ''}`}
                  title={
                    !isUrl && !flag.jwt
                      ? `${flag.name} is not part of the JWT URL form; the host may refuse it.`
                      : flag.name
                  }
                >
                  <input
                    type="checkbox"
                    checked={settings.hide.includes(flag.name)}
                    onChange={(event) =>
                      edit({
                        hide: event.target.checked
                          ? [...settings.hide, flag.name]
                          : settings.hide.filter((name) => name !== flag.name)
                      })
                    }
                    data-testid={`sign-hide-${flag.name.slice(1)}`}
                  />
                  <span className="check-text">
                    <code className="signing-check-param">{flag.name}</code>
                    <span className="check-hint">
                      {flag.label}
                      {!isUrl && !flag.jwt ? <span className="signing-url-only"> · URL only</span> : null}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>

          <div className="field">
            <span className="field-label">Control values</span>
            <NameValueRows
              idPrefix="sign-control"
              rows={settings.controls}
              onChange={(controls) => edit({ controls })}
              nameLabel="Control ID"
              valueLabel="Value"
              namePlaceholder="Region-Filter"
              valuePlaceholder="West"
              noun="control value"
              testIds={{
                name: 'sign-control-name',
                value: 'sign-control-value',
                remove: 'remove-control',
                add: 'add-control'
              }}
              emptyText="Workbook control values, sent as Control-Id=value."
            />
          </div>
        </div>
      </details>
    </div>
  )
}
