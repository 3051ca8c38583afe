import { useState } from 'react'
import type { SigningMethod } from '../../../../preload/contract'
import { DisplayFields } from '../../shared/signing/DisplayFields'
import {
  displayCount,
  jwtVersionOptions,
  modeOptions,
  readSignSettings,
  writeSignSettings,
  type SignSettings
} from '../../shared/signing/signSettings'
import { Field } from '../../ui/Field'
import { useFormErrors } from '../../ui/formErrors'
import { Segmented, segmentIds } from '../../ui/Segmented'

/**
 * Sign's display options, controls, version tag and mode, edited here: one set for both screens
 * (stored where Sign keeps them), so a load uses what Sign would sign and Sign shows what was set here.
 */
export function useSharedSignSettings(): [SignSettings, (patch: Partial<SignSettings>) => void] {
  const [settings, setSettings] = useState(readSignSettings)
  const edit = (patch: Partial<SignSettings>) => {
    // Read again: Sign may have written since this screen opened.
    const next = { ...readSignSettings(), ...patch }
    writeSignSettings(next)
    setSettings(next)
  }
  return [settings, edit]
}

/** The toggle in the Preview's option row: how many are set, and whether the panel is open. */
export function DisplayToggle({
  settings,
  open,
  onToggle
}: {
  settings: SignSettings
  open: boolean
  onToggle: () => void
}) {
  const count = displayCount({ ...settings, responsiveHeight: false })
  return (
    <button
      type="button"
      className="link-button small preview-display-toggle"
      onClick={onToggle}
      aria-expanded={open}
      aria-controls="preview-display-panel"
      title="Theme, menu, hidden parts, language, control values, version tag: the same set Sign signs with"
      data-testid="preview-display"
      data-count={count}
    >
      {count ? `Display & controls: ${count} set` : 'Display & controls: defaults'}
    </button>
  )
}

/** The panel under the Preview's bar, shared with Sign. */
export function DisplayPanel({
  settings,
  method,
  onChange
}: {
  settings: SignSettings
  method: SigningMethod
  onChange: (patch: Partial<SignSettings>) => void
}) {
  const { errors, clearField } = useFormErrors()
  return (
    <div className="preview-display-panel" id="preview-display-panel" data-testid="preview-display-panel">
      <p className="preview-display-note">
        Shared with Sign: what is set here is what Sign signs with, and the other way round.
      </p>
      <DisplayFields
        prefix="preview"
        settings={{ ...settings, method }}
        onChange={onChange}
        errors={errors}
        clearField={clearField}
      >
        <Field id="preview-versionTag" name="versionTag" label="Version tag" optional>
          <input
            id="preview-versionTag"
            className="input"
            value={settings.versionTag}
            onChange={(event) => onChange({ versionTag: event.target.value })}
            placeholder="e.g. production"
            maxLength={200}
            spellCheck={false}
            autoComplete="off"
            data-testid="preview-version-tag"
          />
        </Field>
        <div className="field">
          <span className="field-label">{method === 'url' ? 'Mode' : 'JWT version'}</span>
          {method === 'url' ? (
            <Segmented
              label="Mode"
              {...segmentIds('preview-mode')}
              size="sm"
              value={settings.mode}
              options={modeOptions}
              onChange={(mode) => onChange({ mode })}
            />
          ) : (
            <Segmented
              label="JWT version"
              {...segmentIds('preview-jwt-version')}
              size="sm"
              value={settings.jwtVersion}
              options={jwtVersionOptions}
              onChange={(jwtVersion) => onChange({ jwtVersion })}
            />
          )}
        </div>
      </DisplayFields>
    </div>
  )
}
