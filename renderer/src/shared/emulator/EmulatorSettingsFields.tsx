import { useState, type ReactNode } from 'react'
import type { EmulatorSettings, LicenseModel, WorkbenchFailure } from '../../../../preload/contract'
import { licenseModelLabels, licenseModels } from '../../../../preload/contract/constants'
import { workbench } from '../../app/bridge'
import { describedBy, Field } from '../../ui/Field'
import { PresetButtons, type PresetButton } from '../../ui/PresetButtons'
import { Switch } from '../../ui/Switch'
import { formatDuration, formatOffset } from '../../ui/format'
import type { ApplyEmulator } from './useEmulator'

type Commit = (value: number) => Promise<WorkbenchFailure | null>

interface NumberSettingProps {
  id: string
  /** The contract field: errors show as data-testid="error-{name}". */
  name: string
  label: ReactNode
  testId: string
  value: number
  min: number
  max: number
  unit?: string
  /** What the committed value means, e.g. "1 d ahead". */
  hint?: (value: number) => ReactNode
  onCommit: Commit
  /** Preset buttons and the like, after the input. */
  children?: ReactNode
}

/** A whole number the emulator keeps: saved on Enter or when the field loses focus. */
export function NumberSetting({
  id,
  name,
  label,
  testId,
  value,
  min,
  max,
  unit,
  hint,
  onCommit,
  children
}: NumberSettingProps) {
  const [draft, setDraft] = useState(String(value))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  // A stored value that changes (here or elsewhere) replaces the draft, as soon as it is rendered.
  const [shownValue, setShownValue] = useState(value)
  if (value !== shownValue) {
    setShownValue(value)
    setDraft(String(value))
  }

  const commit = async () => {
    const text = draft.trim()
    if (text === String(value)) return setError(null)
    const number = /^-?\d{1,9}$/.test(text) ? Number(text) : NaN
    if (!Number.isInteger(number) || number < min || number > max)
      return setError(`A whole number from ${min} to ${max}.`)
    setSaving(true)
    const failure = await onCommit(number)
    setSaving(false)
    setError(failure ? failure.message : null)
  }

  return (
    <Field id={id} name={name} label={label} error={error ?? undefined} hint={hint ? hint(value) : undefined}>
      <div className="number-setting">
        <input
          id={id}
          className="input mono number-input"
          inputMode="numeric"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value)
            setError(null)
          }}
          onBlur={() => void commit()}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              void commit()
            } else if (event.key === 'Escape' && draft !== String(value)) {
              event.stopPropagation()
              setDraft(String(value))
              setError(null)
            }
          }}
          aria-busy={saving}
          autoComplete="off"
          data-testid={testId}
          {...describedBy(id, error ?? undefined, hint !== undefined)}
        />
        {unit ? <span className="input-unit">{unit}</span> : null}
        {children}
      </div>
    </Field>
  )
}

const offsetPresets: readonly PresetButton[] = [
  { value: -3600, label: '−1 h', testId: 'emulator-time-minus-hour' },
  { value: 0, label: 'Off', testId: 'emulator-time-off' },
  { value: 3600, label: '+1 h', testId: 'emulator-time-plus-hour' },
  { value: 86400, label: '+1 day', testId: 'emulator-time-plus-day' }
]

const YEAR = 31_536_000

interface ClockSettingsProps {
  settings: EmulatorSettings
  apply: ApplyEmulator
  /** Prefix of the inputs' ids (the Preview popover and the Emulator screen may both be mounted). */
  idPrefix: string
  /** Only skew and time travel (the Preview's popover); otherwise the session maximum too. */
  compact?: boolean
}

type ClockField = 'clockSkewSeconds' | 'maxSessionLengthSeconds' | 'timeOffsetSeconds'

/** The clock settings: label, test id, range and what a value means. */
const clockFields: readonly {
  name: ClockField
  id: string
  label: string
  min: number
  max: number
  hint: (value: number) => string
  full?: boolean
}[] = [
  {
    name: 'clockSkewSeconds',
    id: 'skew',
    label: 'Clock skew allowed',
    min: 0,
    max: 86_400,
    hint: (seconds) => `:time may differ from the host’s clock by ${formatDuration(seconds)}.`
  },
  {
    name: 'maxSessionLengthSeconds',
    id: 'max-session',
    label: 'Longest session',
    min: 1,
    max: YEAR,
    hint: (seconds) => `A longer :session_length is refused (${formatDuration(seconds)}).`,
    full: true
  },
  {
    name: 'timeOffsetSeconds',
    id: 'time-offset',
    label: 'Time travel',
    min: -YEAR,
    max: YEAR,
    hint: (seconds) =>
      seconds
        ? `The emulator’s clock runs ${formatOffset(seconds)} from real time.`
        : 'Off: the emulator uses real time.'
  }
]

/** Clock skew, time travel and (unless compact) the longest session: how the emulator judges time. */
export function ClockSettings({ settings, apply, idPrefix, compact }: ClockSettingsProps) {
  const save = (patch: Partial<EmulatorSettings>) => apply(() => workbench.updateEmulatorSettings(patch))
  return (
    <>
      {clockFields
        .filter((field) => !compact || !field.full)
        .map((field) => (
          <NumberSetting
            key={field.name}
            id={`${idPrefix}-${field.id}`}
            name={field.name}
            label={field.label}
            testId={`emulator-${field.id}`}
            value={settings[field.name]}
            min={field.min}
            max={field.max}
            unit="s"
            hint={field.hint}
            onCommit={(value) => save({ [field.name]: value })}
          >
            {field.name === 'timeOffsetSeconds' ? (
              <PresetButtons
                label="Time travel presets"
                presets={offsetPresets}
                current={settings.timeOffsetSeconds}
                onPick={(timeOffsetSeconds) => void save({ timeOffsetSeconds })}
              />
            ) : null}
          </NumberSetting>
        ))}
    </>
  )
}

/** Which license model's default account types the org has: one, as a customer's org, or all three. */
export function LicenseModelSelect({ settings, apply }: { settings: EmulatorSettings; apply: ApplyEmulator }) {
  const [error, setError] = useState<string | null>(null)
  const id = 'emulator-license-model'
  return (
    <div className="emulator-license-model">
      <Field
        id={id}
        name="licenseModel"
        label="License model"
        error={error ?? undefined}
        hint="A customer's org has one model: pick it to refuse the other models' account type names as their org does."
      >
        <select
          id={id}
          className="input select"
          value={settings.licenseModel}
          data-testid="emulator-license-model"
          onChange={(event) => {
            const licenseModel = event.target.value as LicenseModel
            void apply(() => workbench.updateEmulatorSettings({ licenseModel })).then((failure) =>
              setError(failure ? failure.message : null)
            )
          }}
          {...describedBy(id, error ?? undefined, true)}
        >
          {licenseModels.map((model) => (
            <option key={model} value={model}>
              {licenseModelLabels[model]}
            </option>
          ))}
        </select>
      </Field>
    </div>
  )
}

/** An on/off emulator setting, saved at once, its hint saying what the current state means. */
function SettingSwitch({
  settings,
  apply,
  field,
  label,
  hints
}: {
  settings: EmulatorSettings
  apply: ApplyEmulator
  field: 'strictParameters' | 'autoCreateUsers'
  label: string
  /** What it means when on, and when off. */
  hints: [string, string]
}) {
  const [error, setError] = useState<string | null>(null)
  const id = `emulator-${field}`
  return (
    <div className="field" data-testid={`field-${id}`}>
      <Switch
        id={id}
        checked={settings[field]}
        label={label}
        testId={id}
        describedBy={`${id}-hint`}
        onChange={(value) =>
          void apply(() => workbench.updateEmulatorSettings({ [field]: value })).then((failure) =>
            setError(failure ? failure.message : null)
          )
        }
      />
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : (
        <div className="field-hint" id={`${id}-hint`}>
          {settings[field] ? hints[0] : hints[1]}
        </div>
      )}
    </div>
  )
}

/** Where sources disagree on a parameter: warn and accept (default), or refuse as the stricter source says. */
export function StrictParametersSwitch({ settings, apply }: { settings: EmulatorSettings; apply: ApplyEmulator }) {
  return (
    <SettingSwitch
      settings={settings}
      apply={apply}
      field="strictParameters"
      label="Strict parameters"
      hints={[
        'A parameter the sources disagree on (the vendor’s sample sends it, the help pages do not list it) is refused.',
        'A parameter the sources disagree on is accepted with a warning in the request log.'
      ]}
    />
  )
}

/** Whether the org creates an embed user on first load (the host's default) or answers EPERM. */
export function AutoCreateUsersSwitch({ settings, apply }: { settings: EmulatorSettings; apply: ApplyEmulator }) {
  return (
    <SettingSwitch
      settings={settings}
      apply={apply}
      field="autoCreateUsers"
      label="Create embed users automatically"
      hints={[
        'A user the org does not have is created on first load, as the host does by default.',
        'A user the org does not have is refused with EPERM, as in an org with automatic user creation off.'
      ]}
    />
  )
}

/** "Emulator clock +1 d": shown wherever previews are judged while time travel is on. */
export function TimeTravelPill({ offset, onClick }: { offset: number; onClick?: () => void }) {
  if (!offset) return null
  const text = `Emulator clock ${formatOffset(offset)}`
  const title = `Time travel is on: the emulator judges :time and expiry as if it were ${formatOffset(offset)} from now.`
  return onClick ? (
    <button
      type="button"
      className="badge badge-warning badge-button"
      onClick={onClick}
      title={title}
      data-testid="emulator-time-travel"
    >
      <span className="badge-dot" aria-hidden="true" />
      {text}
    </button>
  ) : (
    <span className="badge badge-warning" title={title} data-testid="emulator-time-travel">
      <span className="badge-dot" aria-hidden="true" />
      {text}
    </span>
  )
}
