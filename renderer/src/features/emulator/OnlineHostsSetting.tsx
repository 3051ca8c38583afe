import { useState } from 'react'
import { workbench } from '../../app/bridge'
import type { ApplyEmulator } from '../../shared/emulator/useEmulator'
import { Button } from '../../ui/Button'
import { describedBy, Field } from '../../ui/Field'
import { onModEnter } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'

/** The https origins the preview may frame besides the emulator, one a line. */
export function OnlineHostsSetting({
  hosts,
  apply,
  id
}: {
  hosts: readonly string[]
  apply: ApplyEmulator
  id: string
}) {
  const saved = hosts.join('\n')
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
    const onlineHosts = draft
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    setSaving(true)
    const failure = await apply(() => workbench.updateEmulatorSettings({ onlineHosts }))
    setSaving(false)
    setError(failure ? failure.message : null)
  }

  return (
    <Field
      id={id}
      name="onlineHosts"
      label="Online hosts"
      optional
      error={error ?? undefined}
      hint="Real embed hosts the Preview may frame, one https origin a line, e.g. https://app.sigmacomputing.com. Reload the app after changing them: its security policy is set when it loads."
    >
      <textarea
        id={id}
        className="input textarea mono emulator-online-hosts"
        rows={3}
        value={draft}
        placeholder="https://app.sigmacomputing.com"
        spellCheck={false}
        onChange={(event) => {
          setDraft(event.target.value)
          setError(null)
        }}
        onKeyDown={onModEnter(() => void save())}
        data-testid="emulator-online-hosts"
        {...describedBy(id, error ?? undefined, true)}
      />
      <div className="emulator-field-actions">
        <Button
          size="sm"
          variant={dirty ? 'primary' : 'default'}
          onClick={() => void save()}
          disabled={!dirty || saving}
          testId="emulator-online-hosts-save"
          shortcut={dirty ? shortcutLabel('↵') : undefined}
        >
          {saving ? 'Saving…' : 'Save hosts'}
        </Button>
      </div>
    </Field>
  )
}
