import { useState } from 'react'
import type { EmulatorStatus } from '../../../../preload/contract'
import { Button } from '../../ui/Button'
import { AddForm, OrgTable, RemoveButton, removeColumn, useOrgChange, type OrgChange } from './OrgEditing'
import type { ApplyEmulator } from '../../shared/emulator/useEmulator'

type Workbook = EmulatorStatus['workbooks'][number]
type Tag = Workbook['tags'][number]

function VersionSelect({
  workbook,
  value,
  label,
  testId,
  disabled,
  onChange
}: {
  workbook: Workbook
  value: number
  label: string
  testId: string
  disabled: boolean
  onChange: (version: number) => void
}) {
  const versions = Array.from({ length: workbook.latestVersion }, (_, i) => workbook.latestVersion - i)
  return (
    <select
      className="input input-sm select emulator-version-select"
      value={value}
      aria-label={label}
      data-testid={testId}
      disabled={disabled}
      onChange={(event) => onChange(Number(event.target.value))}
    >
      {versions.map((v) => (
        <option key={v} value={v}>
          Version {v}
          {v === workbook.latestVersion ? ' (newest)' : ''}
        </option>
      ))}
    </select>
  )
}

/** A workbook's tags, each pointing at a version; a new tag, and publishing a newer version. */
function WorkbookTagRows({ workbook, change }: { workbook: Workbook; change: OrgChange }) {
  const save = (tags: Tag[]) => change.save({ versions: { workbookId: workbook.id, tags } })
  return (
    <>
      {workbook.tags.map((tag) => (
        <tr key={tag.name} data-testid="tag-row" data-name={tag.name} data-version={tag.version}>
          <td className="cell-secondary">{workbook.name}</td>
          <td>
            <code>/tag/{tag.name}</code>
          </td>
          <td>
            <VersionSelect
              workbook={workbook}
              value={tag.version}
              label={`Version the tag ${tag.name} points at`}
              testId="tag-version"
              disabled={change.pending}
              onChange={(version) =>
                void save(workbook.tags.map((other) => (other === tag ? { ...tag, version } : other)))
              }
            />
          </td>
          <td>
            <RemoveButton
              label={`Remove the tag ${tag.name}`}
              testId="tag-remove"
              disabled={change.pending}
              onRemove={() => void save(workbook.tags.filter((other) => other !== tag))}
            />
          </td>
        </tr>
      ))}
    </>
  )
}

function TagAddForm({ workbook, change }: { workbook: Workbook; change: OrgChange }) {
  const [name, setName] = useState('')
  const [version, setVersion] = useState<number | null>(null)
  const chosen = version ?? workbook.latestVersion
  const add = async () => {
    const ok = await change.save({
      versions: { workbookId: workbook.id, tags: [...workbook.tags, { name: name.trim(), version: chosen }] }
    })
    if (ok) {
      setName('')
      setVersion(null)
    }
  }
  return (
    <div className="emulator-tag-footer">
      <AddForm
        noun={`a version tag to ${workbook.name}`}
        testId="tag-add"
        disabled={change.pending || !name.trim()}
        onAdd={() => void add()}
      >
        <input
          className="input input-sm"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="New tag, e.g. production"
          aria-label={`New version tag of ${workbook.name}`}
          autoComplete="off"
          data-testid="tag-add-input"
        />
        <VersionSelect
          workbook={workbook}
          value={chosen}
          label="Version the new tag points at"
          testId="tag-add-version"
          disabled={change.pending}
          onChange={setVersion}
        />
      </AddForm>
      <Button
        size="sm"
        icon="plus"
        testId="publish-version"
        disabled={change.pending}
        onClick={() =>
          void change.save({ versions: { workbookId: workbook.id, latestVersion: workbook.latestVersion + 1 } })
        }
      >
        Publish version {workbook.latestVersion + 1}
      </Button>
    </div>
  )
}

/**
 * Version tags (`…/tag/{name}` in either URL form): which published version each opens. A URL
 * without a tag opens the newest version; a tag the workbook does not have is "Embed not found".
 */
export function VersionTagsTable({ status, apply }: { status: EmulatorStatus; apply: ApplyEmulator }) {
  const change = useOrgChange(apply)
  return (
    <OrgTable
      testId="tags-table"
      field="tags"
      change={change}
      columns={[{ label: 'Workbook' }, { label: 'Tag' }, { label: 'Opens' }, removeColumn]}
      footer={status.workbooks.map((workbook) => (
        <TagAddForm key={workbook.id} workbook={workbook} change={change} />
      ))}
    >
      {status.workbooks.map((workbook) => (
        <WorkbookTagRows key={workbook.id} workbook={workbook} change={change} />
      ))}
    </OrgTable>
  )
}
