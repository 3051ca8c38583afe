import { useState, type ChangeEvent, type ReactNode } from 'react'
import type { Finding } from '../../../../preload/contract'
import { describedBy } from '../../ui/Field'
import { FindingList } from '../../ui/FindingList'
import { Icon, type IconName } from '../../ui/Icon'
import { formatSize } from '../../ui/format'
import { RemovedValueBox, StoredValueBox } from '../../ui/StoredValueBox'
import { readUpload, type MaterialDraft, type MaterialField as FieldName } from './certificateDraft'

/** The findings about one form field, under it; nothing when there are none. */
export function FieldFindings({ field, findings }: { field: string; findings: readonly Finding[] }) {
  if (!findings.length) return null
  return (
    <div className="certificates-field-findings" data-testid={`findings-${field}`}>
      <FindingList findings={findings} testId={`finding-list-${field}`} />
    </div>
  )
}

interface MaterialFieldProps {
  field: FieldName
  id: string
  label: string
  optional?: boolean
  /** File types the upload offers, e.g. ".pem,.crt". */
  accept: string
  placeholder: string
  hint: ReactNode
  value: MaterialDraft
  onChange: (value: MaterialDraft) => void
  /** What is stored now (editing), e.g. "CN=client"; null when nothing is stored. */
  stored: { icon: IconName; text: ReactNode; title?: string } | null
  /** The key and the CA can be removed; the certificate only replaced. */
  removable: boolean
  findings: readonly Finding[]
  /** A failure the save returned for this field. */
  error?: string | undefined
  readOnly: boolean
  /** Replaces the control, e.g. "the key comes from the PKCS#12 file". */
  note?: ReactNode
}

/**
 * A certificate, key or CA: paste it, or upload a file. Binary files show as a chip; what is
 * stored shows as one line with Replace (and Remove), never its content.
 */
export function MaterialField({
  field,
  id,
  label,
  optional,
  accept,
  placeholder,
  hint,
  value,
  onChange,
  stored,
  removable,
  findings,
  error,
  readOnly,
  note
}: MaterialFieldProps) {
  const [uploadProblem, setUploadProblem] = useState<string | null>(null)
  const shownError = error ?? uploadProblem ?? undefined
  const hasError = !!shownError || findings.some((finding) => finding.severity === 'error')
  const labelId = `${id}-label`

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target
    const file = input.files?.[0]
    input.value = '' // the same file can be picked again after an edit
    if (!file) return
    const read = await readUpload(file)
    if ('problem' in read) {
      setUploadProblem(read.problem)
      return
    }
    setUploadProblem(null)
    onChange(read)
    if (read.kind === 'text') window.setTimeout(() => document.getElementById(id)?.focus())
  }

  const replace = () => {
    setUploadProblem(null)
    onChange({ kind: 'text', text: '' })
    window.setTimeout(() => document.getElementById(id)?.focus())
  }
  const keepStored = () => {
    setUploadProblem(null)
    onChange({ kind: 'stored' })
    window.setTimeout(() => document.getElementById(`${id}-replace`)?.focus())
  }

  const upload = (
    <label
      className={`btn btn-sm file-pick-button${readOnly ? ' is-disabled' : ''}`}
      title={`Upload a file (${accept.replaceAll(',', ' ')})`}
    >
      <Icon name="upload" size={13} />
      Upload…
      <input
        type="file"
        accept={accept}
        onChange={(event) => void pick(event)}
        disabled={readOnly}
        data-testid={`${field}-file`}
        aria-label={`Upload ${label.toLowerCase()}`}
      />
    </label>
  )

  const isText = value.kind === 'text'
  let control: ReactNode
  if (note) {
    control = (
      <div className="material-box is-note" data-testid={`${field}-note`}>
        <Icon name="info" size={14} />
        <span className="material-box-text">{note}</span>
      </div>
    )
  } else if (value.kind === 'stored' && stored) {
    control = (
      <StoredValueBox
        id={id}
        testId={field}
        icon={stored.icon}
        title={stored.title}
        readOnly={readOnly}
        onReplace={replace}
        onRemove={removable ? () => onChange({ kind: 'removed' }) : undefined}
      >
        {stored.text}
      </StoredValueBox>
    )
  } else if (value.kind === 'removed') {
    control = <RemovedValueBox testId={field} readOnly={readOnly} onUndo={keepStored} />
  } else if (value.kind === 'file') {
    control = (
      <div className="material-box is-file" data-testid={`${field}-chip`}>
        <Icon name="file" size={14} />
        <span className="material-box-text">
          <span className="certificates-material-file-name" title={value.fileName}>
            {value.fileName}
          </span>
          <span className="certificates-material-file-meta">{formatSize(value.size)} · binary</span>
        </span>
        <span className="material-box-actions">
          <button
            type="button"
            className="btn btn-sm btn-ghost btn-ghost-danger"
            onClick={() => (stored ? keepStored() : onChange({ kind: 'text', text: '' }))}
            disabled={readOnly}
            data-testid={`${field}-file-remove`}
            aria-label={`Remove ${value.fileName}`}
          >
            Remove
          </button>
        </span>
      </div>
    )
  } else {
    control = (
      <textarea
        id={id}
        className="input textarea mono certificates-material-text"
        value={value.kind === 'text' ? value.text : ''}
        rows={field === 'key' ? 5 : 6}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        readOnly={readOnly}
        placeholder={placeholder}
        onChange={(event) => {
          setUploadProblem(null)
          onChange({ kind: 'text', text: event.target.value })
        }}
        data-testid={`${field}-text`}
        aria-invalid={hasError ? true : undefined}
        aria-describedby={describedBy(id, shownError, true)['aria-describedby'] as string | undefined}
      />
    )
  }

  return (
    <div className={`field material-field${shownError ? ' has-error' : ''}`} data-testid={`field-${field}`}>
      <div className="field-label-row">
        {isText && !note ? (
          <label className="field-label" htmlFor={id} id={labelId}>
            {label}
            {optional ? <span className="field-optional">optional</span> : null}
          </label>
        ) : (
          <span className="field-label" id={labelId}>
            {label}
            {optional ? <span className="field-optional">optional</span> : null}
          </span>
        )}
        {note ? null : (
          <span className="field-label-actions">
            {value.kind === 'text' && value.fileName ? (
              <span className="certificates-material-loaded" title={`Loaded from ${value.fileName}`}>
                <Icon name="file" size={12} />
                {value.fileName}
              </span>
            ) : null}
            {stored && (value.kind === 'text' || value.kind === 'file') ? (
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                onClick={keepStored}
                disabled={readOnly}
                data-testid={`${field}-keep-stored`}
              >
                Keep stored
              </button>
            ) : null}
            {value.kind === 'removed' ? null : upload}
          </span>
        )}
      </div>
      {control}
      {shownError ? (
        <div className="field-error" id={`${id}-error`} data-testid={`error-${field}`} role="alert">
          {shownError}
        </div>
      ) : note ? null : (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <FieldFindings field={field} findings={findings} />
    </div>
  )
}
