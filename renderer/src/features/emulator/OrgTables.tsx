import { useState } from 'react'
import type { EmulatorPerson, EmulatorStatus, ShareLevel } from '../../../../preload/contract'
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
import { shareLevels } from '../../../../preload/contract/constants'

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
              <div className="emulator-path-cell emulator-api-url">
                <span className="tag" title="The docs' API syntax: the same target, by the REST API's workbookId">
                  API
                </span>
                <code
                  className="emulator-path-text truncate cell-secondary"
                  title={target.apiUrl}
                  data-testid="api-url"
                >
                  {shortenMiddle(urlPath(target.apiUrl), 10, 30)}
                </code>
                <CopyButton
                  value={target.apiUrl}
                  label={`Copy the API-syntax workbook URL of ${target.label}`}
                  testId="copy-api-url"
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
                    label={deactivated ? 'Yes' : 'No'}
                    title={
                      deactivated
                        ? 'Deactivated: the host refuses embed URLs for this user. Switch off to reactivate.'
                        : 'Active: switch on to deactivate (the host then refuses embed URLs for this user).'
                    }
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
