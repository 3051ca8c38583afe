/** An on/off switch with its hint below, as the API credential editor's options have them. */
import { Switch } from '../../ui/Switch'

export function ToggleField({
  id,
  checked,
  onChange,
  disabled,
  testId,
  label,
  hint
}: {
  id: string
  checked: boolean
  onChange: (checked: boolean) => void
  disabled: boolean
  testId: string
  label: string
  hint: string
}) {
  return (
    <div className="api-credentials-toggle-field">
      <Switch
        id={id}
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        label={label}
        testId={testId}
        describedBy={`${id}-hint`}
      />
      <div className="field-hint" id={`${id}-hint`}>
        {hint}
      </div>
    </div>
  )
}
