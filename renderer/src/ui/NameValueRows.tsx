import { useEffect, useRef } from 'react'
import type { NameValue } from '../../../preload/contract'
import { Icon } from './Icon'

interface NameValueRowsProps {
  /** Prefix of the inputs' ids. */
  idPrefix: string
  rows: NameValue[]
  onChange: (rows: NameValue[]) => void
  nameLabel: string
  valueLabel: string
  namePlaceholder?: string
  valuePlaceholder?: string
  /** What one row is, for the add and remove buttons ("attribute", "parameter"). */
  noun: string
  /** data-testid prefixes: inputs get `${name}-${index}` and `${value}-${index}`, remove buttons `${remove}-${index}`. */
  testIds: { name: string; value: string; remove: string; add: string }
  invalid?: boolean
  readOnly?: boolean
  /** Shown instead of the table when there are no rows. */
  emptyText?: string
}

/** A small editable table of name/value rows with add and remove buttons. */
export function NameValueRows({
  idPrefix,
  rows,
  onChange,
  nameLabel,
  valueLabel,
  namePlaceholder,
  valuePlaceholder,
  noun,
  testIds,
  invalid,
  readOnly,
  emptyText
}: NameValueRowsProps) {
  // A row added with the button gets focus in its name input; rows loaded with a record do not.
  const focusRow = useRef<number | null>(null)
  useEffect(() => {
    if (focusRow.current === null) return
    document.getElementById(`${idPrefix}-name-${focusRow.current}`)?.focus()
    focusRow.current = null
  }, [rows.length, idPrefix])

  const edit = (index: number, patch: Partial<NameValue>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index))
    // Keep keyboard users in the table: focus the row that moved up, or the add button.
    const next = document.getElementById(`${idPrefix}-name-${Math.min(index, rows.length - 2)}`)
    window.setTimeout(() => (next ?? document.getElementById(`${idPrefix}-add`))?.focus())
  }
  const add = () => {
    focusRow.current = rows.length
    onChange([...rows, { name: '', value: '' }])
  }

  return (
    <div className="nv-rows">
      {rows.length > 0 ? (
        <div className="nv-table" role="group" aria-label={`${nameLabel} and ${valueLabel}`}>
          <div className="nv-head" aria-hidden="true">
            <span>{nameLabel}</span>
            <span>{valueLabel}</span>
            <span />
          </div>
          {rows.map((row, index) => (
            <div className="nv-row" key={index}>
              <input
                id={`${idPrefix}-name-${index}`}
                className="input input-sm mono"
                aria-label={`${nameLabel} ${index + 1}`}
                aria-invalid={invalid && !row.name.trim() && row.value.trim() ? true : undefined}
                data-testid={`${testIds.name}-${index}`}
                value={row.name}
                placeholder={namePlaceholder}
                readOnly={readOnly}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => edit(index, { name: event.target.value })}
              />
              <input
                className="input input-sm mono"
                aria-label={`${valueLabel} ${index + 1}`}
                data-testid={`${testIds.value}-${index}`}
                value={row.value}
                placeholder={valuePlaceholder}
                readOnly={readOnly}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => edit(index, { value: event.target.value })}
              />
              <button
                type="button"
                className="btn btn-sm btn-icon btn-ghost btn-ghost-danger"
                onClick={() => remove(index)}
                disabled={readOnly}
                aria-label={`Remove ${noun} ${index + 1}`}
                title={`Remove ${noun}`}
                data-testid={`${testIds.remove}-${index}`}
              >
                <Icon name="x" size={13} />
              </button>
            </div>
          ))}
        </div>
      ) : emptyText ? (
        <div className="nv-empty">{emptyText}</div>
      ) : null}
      <button
        type="button"
        id={`${idPrefix}-add`}
        className="btn btn-sm btn-ghost nv-add"
        onClick={add}
        disabled={readOnly}
        data-testid={testIds.add}
      >
        <Icon name="plus" size={13} />
        Add {noun}
      </button>
    </div>
  )
}
