import { useState } from 'react'
import type { EmbedPermission, EmulatorPerson, EmulatorStatus, ShareLevel } from '../../../../preload/contract'
import { workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { CopyButton } from '../../ui/CopyButton'
import { Icon } from '../../ui/Icon'
import { TableHead, type Column } from '../../ui/TableHead'
import { TeamChips } from '../../ui/TeamChips'
import { formatDateTime, formatDateTimeLong, shortenMiddle, urlPath } from '../../ui/format'
import { Switch } from '../../ui/Switch'
import { AddForm, NameAddForm, OrgTable, RemoveButton, removeColumn, useOrgChange, type OrgChange } from './OrgEditing'
import type { ApplyEmulator } from '../../shared/emulator/useEmulator'
import { embedPermissions, shareLevels } from '../../../../preload/contract/constants'

type AccountType = EmulatorStatus['accountTypes'][number]

/** A type's permissions as the emulator takes them: 'view' always, in the usual order. */
function permissionsOf(granted: readonly string[]): EmbedPermission[] {
  return embedPermissions.filter((permission) => permission === 'view' || granted.includes(permission))
}

function PermissionCheck({
  permission,
  checked,
  disabled,
  label,
  testId,
  onChange
}: {
  permission: EmbedPermission
  checked: boolean
  disabled: boolean
  label: string
  testId: string
  onChange: (checked: boolean) => void
}) {
  return (
    <input
      type="checkbox"
      className="emulator-perm-check"
      checked={permission === 'view' || checked}
      disabled={permission === 'view' || disabled}
      title={permission === 'view' ? 'Every account type may view' : undefined}
      aria-label={label}
      data-testid={testId}
      onChange={(event) => onChange(event.target.checked)}
    />
  )
}

/** Default account types in the order the server lists them, one group per license model. */
function groupByModel(types: EmulatorStatus['defaultAccountTypes']): [string, EmulatorStatus['defaultAccountTypes']][] {
  const groups = new Map<string, EmulatorStatus['defaultAccountTypes']>()
  for (const type of types) groups.set(type.model, [...(groups.get(type.model) ?? []), type])
  return [...groups]
}

/** Account types and what each may do, as a grid of checks; custom types may be added and any edited or removed. */
export function AccountTypesTable({
  accountTypes,
  defaults,
  apply
}: {
  accountTypes: EmulatorStatus['accountTypes']
  /** The license model's default types: shown first, read-only. */
  defaults: EmulatorStatus['defaultAccountTypes']
  apply: ApplyEmulator
}) {
  const change = useOrgChange(apply)
  const [granted, setGranted] = useState<string[]>(['view'])
  const columns: Column[] = [
    { label: 'Account type' },
    ...embedPermissions.map((permission) => ({
      label: permission,
      className: 'emulator-th-center',
      col: 'emulator-w-check-col'
    })),
    removeColumn
  ]
  const save = (next: readonly AccountType[]) =>
    change.save({
      accountTypes: next.map((type) => ({ name: type.name, permissions: permissionsOf(type.permissions) }))
    })
  const toggle = (list: readonly string[], permission: string, on: boolean) =>
    on ? [...list, permission] : list.filter((item) => item !== permission)

  const add = async (name: string) => {
    const added = await save([...accountTypes, { name, permissions: granted }])
    if (added) setGranted(['view'])
    return added
  }

  return (
    <OrgTable
      testId="account-types-table"
      field="accountTypes"
      change={change}
      columns={columns}
      footer={
        <NameAddForm noun="account type" testId="account-type-add" pending={change.pending} onAdd={add}>
          {embedPermissions.map((permission) => (
            <label key={permission} className="check inline-check">
              <PermissionCheck
                permission={permission}
                checked={granted.includes(permission)}
                disabled={change.pending}
                label={`The new type may ${permission}`}
                testId={`account-type-add-${permission}`}
                onChange={(on) => setGranted(toggle(granted, permission, on))}
              />
              {permission}
            </label>
          ))}
        </NameAddForm>
      }
    >
      {groupByModel(defaults.filter((type) => !accountTypes.some((custom) => custom.name === type.name))).map(
        ([model, types]) => [
          <tr key={`model-${model}`} className="emulator-type-group" data-testid="account-type-model">
            <th colSpan={columns.length} scope="rowgroup">
              {model} <span className="muted">· defaults</span>
            </th>
          </tr>,
          ...types.map((type) => (
            <tr key={`${model}-${type.name}`} data-testid="account-type-default-row" data-name={type.name}>
              <td className="emulator-cell-strong">{type.name}</td>
              {embedPermissions.map((permission) => (
                <td
                  key={permission}
                  className="emulator-td-center"
                  data-permission={permission}
                  data-allowed={type.permissions.includes(permission)}
                >
                  <PermissionCheck
                    permission={permission}
                    checked={type.permissions.includes(permission)}
                    disabled
                    label={`${type.name} may ${permission} (a default of the ${model} model)`}
                    testId={`default-permission-${permission}`}
                    onChange={() => undefined}
                  />
                </td>
              ))}
              <td />
            </tr>
          ))
        ]
      )}
      {accountTypes.length && defaults.length ? (
        <tr className="emulator-type-group">
          <th colSpan={columns.length} scope="rowgroup">
            Custom <span className="muted">· this org</span>
          </th>
        </tr>
      ) : null}
      {accountTypes.map((type) => (
        <tr key={type.name} data-testid="account-type-row" data-name={type.name}>
          <td className="emulator-cell-strong">{type.name}</td>
          {embedPermissions.map((permission) => (
            <td
              key={permission}
              className="emulator-td-center"
              data-permission={permission}
              data-allowed={type.permissions.includes(permission)}
            >
              <PermissionCheck
                permission={permission}
                checked={type.permissions.includes(permission)}
                disabled={change.pending}
                label={`${type.name} may ${permission}`}
                testId={`permission-${permission}`}
                onChange={(on) =>
                  void save(
                    accountTypes.map((other) =>
                      other === type ? { ...type, permissions: toggle(type.permissions, permission, on) } : other
                    )
                  )
                }
              />
            </td>
          ))}
          <td>
            <RemoveButton
              label={`Remove the account type ${type.name}`}
              testId="account-type-remove"
              disabled={change.pending}
              onRemove={() => void save(accountTypes.filter((other) => other !== type))}
            />
          </td>
        </tr>
      ))}
    </OrgTable>
  )
}

/** Teams, how many people are in each, and what they may open; teams may be added and removed. */
export function TeamsTable({ status, apply }: { status: EmulatorStatus; apply: ApplyEmulator }) {
  const change = useOrgChange(apply)
  return (
    <OrgTable
      testId="teams-table"
      field="teams"
      change={change}
      columns={[
        { label: 'Team' },
        { label: 'People', col: 'emulator-w-count', className: 'emulator-th-num' },
        { label: 'Shares' },
        removeColumn
      ]}
      footer={
        <NameAddForm
          noun="team"
          testId="team-add"
          pending={change.pending}
          onAdd={(name) => change.save({ teams: [...status.teams, name] })}
        />
      }
    >
      {status.teams.map((team) => {
        const people = status.people.filter((person) => person.teams.includes(team)).length
        const shares = status.workbooks.flatMap((workbook) =>
          workbook.shares.filter((share) => share.team === team).map((share) => `${workbook.name} · ${share.level}`)
        )
        return (
          <tr key={team} data-testid="team-row" data-name={team}>
            <td>
              <span className="chip chip-sm">{team}</span>
            </td>
            <td className="emulator-td-num">{people}</td>
            <td className="cell-secondary">{shares.join(', ') || <span className="faint">none</span>}</td>
            <td>
              <RemoveButton
                label={`Remove the team ${team}`}
                testId="team-remove"
                disabled={change.pending}
                onRemove={() => void change.save({ teams: status.teams.filter((other) => other !== team) })}
              />
            </td>
          </tr>
        )
      })}
    </OrgTable>
  )
}

type Workbook = EmulatorStatus['workbooks'][number]
type Share = { team: string; level: ShareLevel }

function LevelSelect({
  value,
  label,
  testId,
  disabled,
  onChange
}: {
  value: string
  label: string
  testId: string
  disabled: boolean
  onChange: (level: ShareLevel) => void
}) {
  return (
    <select
      className="input input-sm select emulator-share-select"
      value={value}
      aria-label={label}
      data-testid={testId}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as ShareLevel)}
    >
      {shareLevels.map((level) => (
        <option key={level} value={level}>
          {level}
        </option>
      ))}
    </select>
  )
}

/** One workbook's shares: each team's level may be changed or the share removed, and a team added. */
function WorkbookShares({
  workbook,
  teams,
  change
}: {
  workbook: Workbook
  teams: readonly string[]
  change: OrgChange
}) {
  const unshared = teams.filter((team) => !workbook.shares.some((share) => share.team === team))
  const [team, setTeam] = useState('')
  const [level, setLevel] = useState<ShareLevel>('View')
  const chosen = unshared.includes(team) ? team : (unshared[0] ?? '')
  const save = (shares: readonly Share[]) => change.save({ shares: { workbookId: workbook.id, shares: [...shares] } })
  const current = workbook.shares as Share[]

  return (
    <>
      <ul className="emulator-share-list">
        {current.map((share) => (
          <li key={share.team} data-testid="share-row" data-team={share.team} data-level={share.level}>
            <span className="chip chip-sm">{share.team}</span>
            <Icon name="arrowRight" size={11} className="emulator-share-arrow" />
            <LevelSelect
              value={share.level}
              label={`Level of ${share.team} on ${workbook.name}`}
              testId="share-level"
              disabled={change.pending}
              onChange={(next) =>
                void save(current.map((other) => (other === share ? { ...share, level: next } : other)))
              }
            />
            <RemoveButton
              label={`Stop sharing ${workbook.name} with ${share.team}`}
              testId="share-remove"
              disabled={change.pending}
              onRemove={() => void save(current.filter((other) => other !== share))}
            />
          </li>
        ))}
      </ul>
      <AddForm
        noun={`a share of ${workbook.name}`}
        testId="share-add"
        disabled={change.pending || !chosen}
        onAdd={() => void save([...current, { team: chosen, level }])}
        className="emulator-share-add"
      >
        <select
          className="input input-sm select emulator-share-select emulator-share-team-select"
          value={chosen}
          aria-label={`Team to share ${workbook.name} with`}
          data-testid="share-add-team"
          disabled={change.pending || !unshared.length}
          onChange={(event) => setTeam(event.target.value)}
        >
          {unshared.length ? (
            unshared.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))
          ) : (
            <option value="">All teams have it</option>
          )}
        </select>
        <LevelSelect
          value={level}
          label={`Level of the new share of ${workbook.name}`}
          testId="share-add-level"
          disabled={change.pending}
          onChange={setLevel}
        />
      </AddForm>
    </>
  )
}

/** Workbooks, their workspace, and the teams they are shared with (and at what level), editable. */
export function WorkbooksTable({ status, apply }: { status: EmulatorStatus; apply: ApplyEmulator }) {
  const change = useOrgChange(apply)
  return (
    <OrgTable
      testId="workbooks-table"
      field="shares"
      change={change}
      columns={[{ label: 'Workbook' }, { label: 'Workspace' }, { label: 'Shared with' }]}
    >
      {status.workbooks.map((workbook) => (
        <tr key={workbook.id} data-testid="workbook-row" data-name={workbook.name}>
          <td>
            <div className="emulator-cell-strong">{workbook.name}</div>
            <code className="emulator-cell-id">{workbook.id}</code>
          </td>
          <td>{workbook.workspace}</td>
          <td>
            <WorkbookShares workbook={workbook} teams={status.teams} change={change} />
          </td>
        </tr>
      ))}
    </OrgTable>
  )
}

const kindLabel: Record<string, string> = { workbook: 'Workbook', page: 'Page', element: 'Element' }

/** Every embeddable part of each workbook, in both URL forms, ready to copy. */
export function EmbedPathsTable({ targets }: { targets: EmulatorStatus['targets'] }) {
  const columns: Column[] = [
    { label: 'Target', col: 'emulator-w-target' },
    { label: 'Signed URL form (embed path)', col: 'emulator-w-embed-path' },
    { label: 'JWT form (workbook URL)' }
  ]
  return (
    <table className="data-table compact-table emulator-paths-table" data-testid="embed-paths-table">
      <TableHead columns={columns} />
      <tbody>
        {targets.map((target) => (
          <tr key={target.embedPath} data-testid="embed-path-row" data-kind={target.kind} data-label={target.label}>
            <td>
              <div className="emulator-target-cell">
                <span className={`tag emulator-tag-${target.kind}`}>{kindLabel[target.kind]}</span>
                <span className="emulator-target-label truncate" title={target.label}>
                  {target.label.split(' › ').pop()}
                </span>
              </div>
            </td>
            <td>
              <div className="emulator-path-cell">
                <code className="emulator-path-text truncate" title={target.embedPath} data-testid="embed-path">
                  {urlPath(target.embedPath)}
                </code>
                <CopyButton
                  value={target.embedPath}
                  label={`Copy the embed path of ${target.label}`}
                  testId="copy-embed-path"
                />
              </div>
            </td>
            <td>
              <div className="emulator-path-cell">
                <code className="emulator-path-text truncate" title={target.workbookUrl} data-testid="workbook-url">
                  {shortenMiddle(urlPath(target.workbookUrl), 18, 32)}
                </code>
                <CopyButton
                  value={target.workbookUrl}
                  label={`Copy the workbook URL of ${target.label}`}
                  testId="copy-workbook-url"
                />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const peopleColumns: Column[] = [
  { label: 'Name', col: 'emulator-w-person' },
  { label: 'Kind', col: 'emulator-w-kind' },
  { label: 'Account type', col: 'emulator-w-account' },
  { label: 'Teams' },
  { label: 'First seen', col: 'emulator-w-seen' },
  { label: 'Last seen', col: 'emulator-w-seen' },
  { label: 'Deactivated', col: 'emulator-w-active' }
]

/** Internal users and the embed users the emulator created on first access; each can be deactivated. */
export function PeopleTable({ people, apply }: { people: readonly EmulatorPerson[]; apply: ApplyEmulator }) {
  // The switch moves at once (optimistically) while the change is on its way.
  const [pending, setPending] = useState<{ email: string; deactivated: boolean } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const toggle = async (person: EmulatorPerson) => {
    const deactivated = !person.deactivated
    setPending({ email: person.email, deactivated })
    setError(null)
    const failure = await apply(() => workbench.setPersonDeactivated({ email: person.email, deactivated }))
    setPending(null)
    if (failure) setError(failure.message)
  }

  return (
    <>
      {error ? (
        <Banner tone="error" testId="people-error" onDismiss={() => setError(null)} className="card-banner">
          {error}
        </Banner>
      ) : null}
      <table className="data-table compact-table emulator-people-table" data-testid="people-table">
        <TableHead columns={peopleColumns} />
        <tbody>
          {people.map((person) => {
            const deactivated = pending?.email === person.email ? pending.deactivated : person.deactivated
            return (
              <tr
                key={person.email}
                className={deactivated ? 'is-deactivated' : undefined}
                data-testid="person-row"
                data-email={person.email}
                data-kind={person.kind}
                data-deactivated={person.deactivated}
                data-pending={pending?.email === person.email || undefined}
              >
                <td>
                  <div className="emulator-cell-strong">{person.name}</div>
                  <div className="emulator-cell-sub">{person.email}</div>
                </td>
                <td>
                  <span className={`badge ${person.kind === 'embed' ? 'badge-info' : 'badge-neutral'}`}>
                    {person.kind === 'embed' ? 'Embed User' : 'Internal'}
                  </span>
                </td>
                <td>{person.accountType}</td>
                <td>
                  {person.teams.length ? (
                    <TeamChips teams={person.teams} max={3} />
                  ) : (
                    <span className="faint">none</span>
                  )}
                </td>
                <td className="emulator-cell-date" title={formatDateTimeLong(person.createdAt)}>
                  {formatDateTime(person.createdAt)}
                </td>
                <td
                  className="emulator-cell-date"
                  title={person.lastSeenAt ? formatDateTimeLong(person.lastSeenAt) : 'Never signed in'}
                >
                  {person.lastSeenAt ? formatDateTime(person.lastSeenAt) : <span className="faint">never</span>}
                </td>
                <td>
                  <Switch
                    tone="danger"
                    checked={deactivated}
                    disabled={pending?.email === person.email}
                    onChange={() => void toggle(person)}
                    label={deactivated ? 'Deactivated' : 'Active'}
                    title={deactivated ? 'Deactivated: the host refuses embed URLs for this user' : 'Active'}
                    ariaLabel={`Deactivate ${person.name} (${person.email})`}
                    testId="deactivate-toggle"
                  />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </>
  )
}
