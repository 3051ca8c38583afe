import { useState } from 'react'
import { workbench } from '../../app/bridge'
import type { ApplyEmulator } from '../../shared/emulator/useEmulator'
import { Button } from '../../ui/Button'
import { describedBy, Field } from '../../ui/Field'
import { onModEnter } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'

type OriginField = 'onlineHosts' | 'serveAs' | 'allowedParents'

interface OriginListSettingProps {
  field: OriginField
  origins: readonly string[]
  apply: ApplyEmulator
  id: string
  label: string
  hint: string
  placeholder: string
  saveLabel: string
}

/** A list of origins in the emulator's settings, one a line, saved as a whole (the emulator checks each). */
export function OriginListSetting({
  field,
  origins,
  apply,
  id,
  label,
  hint,
  placeholder,
  saveLabel
}: OriginListSettingProps) {
  const saved = origins.join('\n')
  const [draft, setDraft] = useState(saved)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  // Saved hosts that change (here or elsewhere) replace the draft, as soon as they are rendered.
  const [shownSaved, setShownSaved] = useState(saved)
  if (saved !== shownSaved) {
    setShownSaved(saved)
    setDraft(saved)
  }
  const dirty = draft.trim() !== saved.trim()

  const save = async () => {
    const list = draft
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    setSaving(true)
    const failure = await apply(() => workbench.updateEmulatorSettings({ [field]: list }))
    setSaving(false)
    setError(failure ? failure.message : null)
  }

  return (
    <Field id={id} name={field} label={label} optional error={error ?? undefined} hint={hint}>
      <textarea
        id={id}
        className="input textarea mono emulator-online-hosts"
        rows={3}
        value={draft}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(event) => {
          setDraft(event.target.value)
          setError(null)
        }}
        onKeyDown={onModEnter(() => void save())}
        data-testid={id}
        {...describedBy(id, error ?? undefined, true)}
      />
      <div className="emulator-field-actions">
        <Button
          size="sm"
          variant={dirty ? 'primary' : 'default'}
          onClick={() => void save()}
          disabled={!dirty || saving}
          testId={`${id}-save`}
          shortcut={dirty ? shortcutLabel('↵') : undefined}
        >
          {saving ? 'Saving…' : saveLabel}
        </Button>
      </div>
    </Field>
  )
}
