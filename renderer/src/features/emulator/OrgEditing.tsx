import { useState, type ReactNode } from 'react'
import type { ChannelInput } from '../../../../preload/contract'
import { workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Spinner } from '../../ui/Spinner'
import { TableHead, type Column } from '../../ui/TableHead'
import type { ApplyEmulator } from '../../shared/emulator/useEmulator'

/** What one org table replaces: the field named by its errors too. */
export type OrgField = 'teams' | 'accountTypes' | 'shares' | 'tags'
type OrgPatch = ChannelInput<'updateEmulatorOrg'>

/**
 * One org table's changes: each is sent at once (not optimistically), so the table is pending
 * until the emulator answers; a refusal stays under the table until dismissed or the next change.
 */
export function useOrgChange(apply: ApplyEmulator) {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  /** Resolves to whether the emulator accepted the change. */
  const save = async (patch: OrgPatch) => {
    setPending(true)
    setError(null)
    const failure = await apply(() => workbench.updateEmulatorOrg(patch))
    setPending(false)
    setError(failure ? failure.message : null)
    return !failure
  }

  return { pending, error, save, dismiss: () => setError(null) }
}

export type OrgChange = ReturnType<typeof useOrgChange>

interface OrgTableProps {
  testId: string
  field: OrgField
  change: OrgChange
  columns: readonly Column[]
  /** The rows. */
  children: ReactNode
  /** After the table and its status, e.g. an AddForm. */
  footer?: ReactNode
}

/**
 * An editable org table, then the refusal of its last change (data-testid="error-{field}") and a
 * pending line, then the footer.
 */
export function OrgTable({ testId, field, change, columns, children, footer }: OrgTableProps) {
  return (
    <>
      <table className="data-table compact-table" data-testid={testId} aria-busy={change.pending}>
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
      {change.error ? (
        <Banner tone="error" testId={`error-${field}`} onDismiss={change.dismiss} className="card-banner">
          {change.error}
        </Banner>
      ) : null}
      {change.pending ? (
        <div className="emulator-org-pending" data-testid={`pending-${field}`}>
          <Spinner label="Saving…" />
        </div>
      ) : null}
      {footer}
    </>
  )
}

interface AddFormProps {
  /** What is added, for the button's accessible name ("team"). */
  noun: string
  testId: string
  /** Nothing to add yet (an empty name) or a change on its way. */
  disabled: boolean
  onAdd: () => void
  className?: string
  children: ReactNode
}

/** The controls that describe a new row and an Add button; Enter in an input adds too. */
export function AddForm({ noun, testId, disabled, onAdd, className, children }: AddFormProps) {
  return (
    <form
      className={`emulator-org-add${className ? ` ${className}` : ''}`}
      onSubmit={(event) => {
        event.preventDefault()
        if (!disabled) onAdd()
      }}
    >
      {children}
      <Button type="submit" size="sm" icon="plus" disabled={disabled} testId={testId} aria-label={`Add ${noun}`}>
        Add
      </Button>
    </form>
  )
}

interface NameAddFormProps {
  noun: string
  /** The Add button's data-testid; the name input gets `${testId}-input`. */
  testId: string
  pending: boolean
  /** Resolves to whether the row was added (the name is then cleared). */
  onAdd: (name: string) => Promise<boolean>
  /** More controls after the name, e.g. permissions. */
  children?: ReactNode
}

/** An AddForm for a named row: the name input, anything else, and Add. */
export function NameAddForm({ noun, testId, pending, onAdd, children }: NameAddFormProps) {
  const [name, setName] = useState('')
  const label = `New ${noun}`
  const add = async () => {
    if (await onAdd(name.trim())) setName('')
  }
  return (
    <AddForm noun={noun} testId={testId} disabled={pending || !name.trim()} onAdd={() => void add()}>
      <input
        className="input input-sm"
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder={label}
        aria-label={label}
        autoComplete="off"
        data-testid={`${testId}-input`}
      />
      {children}
    </AddForm>
  )
}

/** The x at the end of an editable row. */
export function RemoveButton({
  label,
  testId,
  disabled,
  onRemove
}: {
  label: string
  testId: string
  disabled: boolean
  onRemove: () => void
}) {
  return (
    <Button
      size="sm"
      variant="danger"
      icon="x"
      className="btn-icon"
      aria-label={label}
      title={label}
      testId={testId}
      disabled={disabled}
      onClick={onRemove}
    />
  )
}

/** The header of the column that holds RemoveButtons. */
export const removeColumn: Column = { label: <span className="visually-hidden">Remove</span>, col: 'emulator-w-remove' }
