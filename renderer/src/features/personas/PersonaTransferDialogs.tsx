import { useEffect, useEffectEvent, useRef, useState, type ChangeEvent } from 'react'
import type { Persona } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { describedBy, Field } from '../../ui/Field'
import { FormError } from '../../ui/FormError'
import { placeError, useFormErrors } from '../../ui/formErrors'
import { Icon } from '../../ui/Icon'
import { Modal } from '../../ui/Modal'
import { Spinner } from '../../ui/Spinner'
import { usePendingCall } from '../../ui/usePendingCall'
import { saveAsFile } from '../../ui/saveAsFile'
import { useVault } from '../../app/vault-context'

interface ExportPersonasDialogProps {
  onClose: () => void
  /** The name of a persona with unsaved edits, which the export does not include. */
  unsavedName: string | null
}

/** "Export all": the personas as JSON to copy or save. The JSON holds no secret. */
export function ExportPersonasDialog({ onClose, unsavedName }: ExportPersonasDialogProps) {
  const { noticeFailure } = useVault()
  const { pending, error, run } = usePendingCall()
  const [exported, setExported] = useState<{ json: string; count: number } | null>(null)

  // Once, when the dialog opens: an effect event, so that a new `run` or `noticeFailure` is no
  // reason to export again.
  const exportAll = useEffectEvent(() => {
    void run(
      () => workbench.exportPersonas({}),
      setExported,
      (failure) => noticeFailure(failure.code)
    )
  })
  useEffect(() => {
    exportAll()
  }, [])

  // Dated when the dialog opened: a render does not read the clock.
  const [fileName] = useState(() => `personas-${new Date().toISOString().slice(0, 10)}.json`)
  return (
    <Modal
      title="Export personas"
      description={
        exported
          ? `${exported.count} ${exported.count === 1 ? 'persona' : 'personas'} as JSON. It holds no secret: share it with other engineers, who import it here.`
          : 'Every persona as JSON, to share with other engineers.'
      }
      size="lg"
      onClose={onClose}
      testId="export-personas-dialog"
      footer={
        <>
          {pending ? <Spinner label="Exporting…" /> : null}
          <button type="button" className="btn" onClick={onClose} data-testid="close-export">
            Close
          </button>
          {exported ? (
            <>
              <Button
                icon="import"
                onClick={() => saveAsFile(fileName, exported.json)}
                testId="save-export-file"
                title={`Save as ${fileName}`}
              >
                Save as file
              </Button>
              <CopyButton
                value={exported.json}
                label="Copy the JSON"
                text="Copy JSON"
                testId="copy-export-json"
                className="btn-primary btn-copy-primary"
                autoFocus
              />
            </>
          ) : null}
        </>
      }
    >
      <FormError message={error} />
      {unsavedName ? (
        <Banner tone="warning" className="form-error" testId="export-unsaved">
          Unsaved edits to “{unsavedName}” are not included. Save first to export them.
        </Banner>
      ) : null}
      {exported ? (
        <textarea
          className="input textarea mono personas-json-view"
          readOnly
          value={exported.json}
          aria-label="Exported personas (JSON)"
          rows={16}
          spellCheck={false}
          data-testid="export-json"
        />
      ) : null}
    </Modal>
  )
}

/** Large enough for thousands of personas; the contract takes up to 10 MB. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024

interface ImportPersonasDialogProps {
  onImported: (result: { imported: Persona[]; notices: string[] }) => void
  onCancel: () => void
}

/** Paste JSON (or pick the file Export saved) and add its personas. */
export function ImportPersonasDialog({ onImported, onCancel }: ImportPersonasDialogProps) {
  const { noticeFailure } = useVault()
  const [json, setJson] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const textarea = useRef<HTMLTextAreaElement>(null)

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    if (file.size > MAX_IMPORT_BYTES) {
      setErrors({ fields: { json: `${file.name} is larger than 10 MB; that is not a personas export.` }, form: null })
      return
    }
    try {
      setJson(await file.text())
      setFileName(file.name)
      clearField('json')
    } catch {
      setErrors({ fields: { json: `Could not read ${file.name}.` }, form: null })
    }
  }

  const submit = async () => {
    if (pending) return
    if (!json.trim()) {
      setErrors({ fields: { json: 'Paste the JSON that Export wrote, or choose the file.' }, form: null })
      textarea.current?.focus()
      return
    }
    setPending(true)
    clear()
    const result = await call(() => workbench.importPersonas({ json }))
    setPending(false)
    if (result.ok) {
      onImported(result.value)
      return
    }
    setErrors(placeError(result.error, ['json']))
    noticeFailure(result.error.code)
    textarea.current?.focus()
  }

  const error = errors.fields.json
  return (
    <Modal
      title="Import personas"
      description="Adds the personas from a file that Export wrote (or an array of personas). A name that is taken gets a number."
      size="lg"
      onClose={onCancel}
      onSubmit={() => void submit()}
      dismissible={!pending}
      testId="import-personas-dialog"
      footer={
        <>
          {pending ? <Spinner label="Importing…" /> : null}
          <button type="button" className="btn" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="submit">
            Import
          </button>
        </>
      }
    >
      <FormError message={errors.form} />
      <div className="personas-file-pick">
        <label className="btn btn-sm file-pick-button">
          <Icon name="file" size={13} />
          Choose file…
          <input
            type="file"
            accept=".json,application/json,text/plain"
            onChange={(event) => void pickFile(event)}
            disabled={pending}
            data-testid="import-file"
          />
        </label>
        <span className="muted small">{fileName ? `Loaded ${fileName}` : 'or paste the JSON below'}</span>
      </div>
      <Field
        id="import-json"
        name="json"
        label="JSON"
        error={error}
        hint="Only the persona fields are read; ids and unknown fields are ignored."
      >
        <textarea
          id="import-json"
          ref={textarea}
          className="input textarea mono personas-json-view"
          value={json}
          rows={14}
          spellCheck={false}
          readOnly={pending}
          placeholder={'{\n  "format": "embed-workbench-personas",\n  "version": 1,\n  "personas": [ … ]\n}'}
          onChange={(event) => {
            setJson(event.target.value)
            setFileName(null)
            clearField('json')
          }}
          data-testid="import-json"
          data-autofocus
          {...describedBy('import-json', error, true)}
        />
      </Field>
    </Modal>
  )
}
