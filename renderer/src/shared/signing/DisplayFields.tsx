import type { ReactNode } from 'react'
import { Field } from '../../ui/Field'
import type { FormErrors } from '../../ui/formErrors'
import { NameValueRows } from '../../ui/NameValueRows'
import { PresetSelect } from '../../ui/PresetSelect'
import { TextField } from '../../ui/TextField'
import { hideFlags, menuPositions, themePresets, type MenuPosition, type SignSettings } from './signSettings'
import './display-fields.css'

interface DisplayFieldsProps {
  /** Ids and test ids: `{prefix}-theme`, `{prefix}-hide-hide_menu`, `{prefix}-add-control`… */
  prefix: string
  settings: SignSettings
  onChange: (patch: Partial<SignSettings>) => void
  errors: FormErrors
  clearField: (field: string) => void
  /** More fields in the grid after language (Sign's height, the Preview's version tag). */
  children?: ReactNode
}

/**
 * The display options and control values an embed URL carries: theme, menu, language, what to
 * hide, control values. One component for Sign and the Preview, editing the same settings, so
 * what is set on one screen is what the other signs with.
 */
export function DisplayFields({ prefix, settings, onChange, errors, clearField, children }: DisplayFieldsProps) {
  const id = (field: string) => `${prefix}-${field}`
  const isUrl = settings.method === 'url'
  const text = (field: 'lng' | 'lngVariant') => ({
    id: id(field),
    name: field,
    errors,
    clearField,
    spellCheck: false,
    onChange: (value: string) => onChange({ [field]: value })
  })

  return (
    <div className="display-fields">
      <div className="display-fields-grid">
        <Field id={id('theme')} name="theme" label="Theme">
          <PresetSelect
            id={id('theme')}
            testId={id('theme')}
            presets={themePresets}
            value={settings.theme}
            onChange={(theme) => onChange({ theme })}
            customLabel="Custom theme name"
            customPlaceholder="Theme name (case sensitive)"
            maxLength={200}
          />
        </Field>
        <Field id={id('menuPosition')} name="menuPosition" label="Menu position">
          <select
            id={id('menuPosition')}
            className="input select"
            value={settings.menuPosition}
            onChange={(event) => onChange({ menuPosition: event.target.value as MenuPosition })}
            data-testid={id('menu-position')}
          >
            {menuPositions.map((position) => (
              <option key={position.value} value={position.value}>
                {position.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="display-fields-lng">
          <TextField
            {...text('lng')}
            label="Language"
            testId={id('lng')}
            value={settings.lng}
            placeholder="e.g. fr"
            maxLength={50}
          />
          <TextField
            {...text('lngVariant')}
            label="Variant"
            testId={id('lng-variant')}
            value={settings.lngVariant}
            placeholder="e.g. CA"
            maxLength={50}
          />
        </div>
        {children}
      </div>

      <fieldset className="display-fields-hide">
        <legend className="field-label">Hide</legend>
        <div className="display-fields-hide-grid">
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
                  onChange({
                    hide: event.target.checked
                      ? [...settings.hide, flag.name]
                      : settings.hide.filter((name) => name !== flag.name)
                  })
                }
                data-testid={id(`hide-${flag.name.slice(1)}`)}
              />
              <span className="check-text">
                <code className="display-fields-param">{flag.name}</code>
                <span className="check-hint">
                  {flag.label}
                  {!isUrl && !flag.jwt ? <span className="display-fields-url-only"> · URL only</span> : null}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field">
        <span className="field-label">Control values</span>
        <NameValueRows
          idPrefix={id('control')}
          rows={settings.controls}
          onChange={(controls) => onChange({ controls })}
          nameLabel="Control ID"
          valueLabel="Value"
          namePlaceholder="Region-Filter"
          valuePlaceholder="West"
          noun="control value"
          testIds={{
            name: id('control-name'),
            value: id('control-value'),
            remove: id('remove-control'),
            add: id('add-control')
          }}
          emptyText="Workbook control values, sent as Control-Id=value."
        />
      </div>
    </div>
  )
}
