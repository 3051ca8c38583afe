import { useState } from 'react'
import type { EmulatorPerson, EmulatorStatus } from '../../../../preload/contract'
import { workbench } from '../../bridge'
import { Banner } from '../../components/Banner'
import { CopyButton } from '../../components/CopyButton'
import { Icon } from '../../components/Icon'
import { TableHead, type Column } from '../../components/TableHead'
import { TeamChips } from '../../components/TeamChips'
import { formatDateTime, formatDateTimeLong, shortenMiddle, urlPath } from '../../format'
import type { ApplyEmulator } from './useEmulator'

const permissionOrder = ['view', 'explore', 'edit', 'download']

/** Account types and what each may do, as a grid of checks. */
export function AccountTypesTable({ accountTypes }: { accountTypes: EmulatorStatus['accountTypes'] }) {
  const permissions = [...new Set([...permissionOrder, ...accountTypes.flatMap((type) => type.permissions)])]
  const columns: Column[] = [{ label: 'Account type' }, ...permissions.map((permission) => ({ label: permission, className: 'th-center', col: 'w-check-col' }))]
  return (
    <table className="data-table compact-table" data-testid="account-types-table">
      <TableHead columns={columns} />
      <tbody>
        {accountTypes.map((type) => (
          <tr key={type.name} data-testid="account-type-row" data-name={type.name}>
            <td className="cell-strong">{type.name}</td>
            {permissions.map((permission) => {
              const allowed = type.permissions.includes(permission)
              return (
                <td key={permission} className="td-center" data-permission={permission} data-allowed={allowed}>
                  {allowed ? <Icon name="check" size={13} className="perm-yes" /> : <span className="perm-no" aria-label="no">–</span>}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Teams, how many people are in each, and what they may open. */
export function TeamsTable({ status }: { status: EmulatorStatus }) {
  return (
    <table className="data-table compact-table" data-testid="teams-table">
      <TableHead columns={[{ label: 'Team' }, { label: 'People', col: 'w-count', className: 'th-num' }, { label: 'Shares' }]} />
      <tbody>
        {status.teams.map((team) => {
          const people = status.people.filter((person) => person.teams.includes(team)).length
          const shares = status.workbooks.flatMap((workbook) => workbook.shares.filter((share) => share.team === team).map((share) => `${workbook.name} · ${share.level}`))
          return (
            <tr key={team} data-testid="team-row" data-name={team}>
              <td>
                <span className="chip chip-sm">{team}</span>
              </td>
              <td className="td-num">{people}</td>
              <td className="cell-secondary">{shares.join(', ') || <span className="faint">none</span>}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/** Workbooks, their workspace, and the teams they are shared with (and at what level). */
export function WorkbooksTable({ workbooks }: { workbooks: EmulatorStatus['workbooks'] }) {
  return (
    <table className="data-table compact-table" data-testid="workbooks-table">
      <TableHead columns={[{ label: 'Workbook' }, { label: 'Workspace' }, { label: 'Shared with' }]} />
      <tbody>
        {workbooks.map((workbook) => (
          <tr key={workbook.id} data-testid="workbook-row" data-name={workbook.name}>
            <td>
              <div className="cell-strong">{workbook.name}</div>
              <code className="cell-id">{workbook.id}</code>
            </td>
            <td>{workbook.workspace}</td>
            <td>
              <ul className="share-list">
                {workbook.shares.map((share) => (
                  <li key={share.team} data-testid="workbook-share" data-team={share.team} data-level={share.level}>
                    <span className="chip chip-sm">{share.team}</span>
                    <Icon name="arrowRight" size={11} className="share-arrow" />
                    <span className="share-level">{share.level}</span>
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const kindLabel: Record<string, string> = { workbook: 'Workbook', page: 'Page', element: 'Element' }

/** Every embeddable part of each workbook, in both URL forms, ready to copy. */
export function EmbedPathsTable({ targets }: { targets: EmulatorStatus['targets'] }) {
  const columns: Column[] = [
    { label: 'Target', col: 'w-target' },
    { label: 'Signed URL form (embed path)', col: 'w-embed-path' },
    { label: 'JWT form (workbook URL)' }
  ]
  return (
    <table className="data-table compact-table paths-table" data-testid="embed-paths-table">
      <TableHead columns={columns} />
      <tbody>
        {targets.map((target) => (
          <tr key={target.embedPath} data-testid="embed-path-row" data-kind={target.kind} data-label={target.label}>
            <td>
              <div className="target-cell">
                <span className={`tag tag-${target.kind}`}>{kindLabel[target.kind]}</span>
                <span className="target-label truncate" title={target.label}>
                  {target.label.split(' › ').pop()}
                </span>
              </div>
            </td>
            <td>
              <div className="path-cell">
                <code className="path-text truncate" title={target.embedPath} data-testid="embed-path">
                  {urlPath(target.embedPath)}
                </code>
                <CopyButton value={target.embedPath} label={`Copy the embed path of ${target.label}`} testId="copy-embed-path" />
              </div>
            </td>
            <td>
              <div className="path-cell">
                <code className="path-text truncate" title={target.workbookUrl} data-testid="workbook-url">
                  {shortenMiddle(urlPath(target.workbookUrl), 18, 32)}
                </code>
                <CopyButton value={target.workbookUrl} label={`Copy the workbook URL of ${target.label}`} testId="copy-workbook-url" />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const peopleColumns: Column[] = [
  { label: 'Name', col: 'w-person' },
  { label: 'Kind', col: 'w-kind' },
  { label: 'Account type', col: 'w-account' },
  { label: 'Teams' },
  { label: 'First seen', col: 'w-seen' },
  { label: 'Last seen', col: 'w-seen' },
  { label: 'Deactivated', col: 'w-active' }
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
      <table className="data-table compact-table people-table" data-testid="people-table">
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
                  <div className="cell-strong">{person.name}</div>
                  <div className="cell-sub">{person.email}</div>
                </td>
                <td>
                  <span className={`badge ${person.kind === 'embed' ? 'badge-info' : 'badge-neutral'}`}>{person.kind === 'embed' ? 'Embed User' : 'Internal'}</span>
                </td>
                <td>{person.accountType}</td>
                <td>{person.teams.length ? <TeamChips teams={person.teams} max={3} /> : <span className="faint">none</span>}</td>
                <td className="cell-date" title={formatDateTimeLong(person.createdAt)}>
                  {formatDateTime(person.createdAt)}
                </td>
                <td className="cell-date" title={person.lastSeenAt ? formatDateTimeLong(person.lastSeenAt) : 'Never signed in'}>
                  {person.lastSeenAt ? formatDateTime(person.lastSeenAt) : <span className="faint">never</span>}
                </td>
                <td>
                  <label className="switch" title={deactivated ? 'Deactivated: the host refuses embed URLs for this user' : 'Active'}>
                    <input
                      type="checkbox"
                      role="switch"
                      checked={deactivated}
                      disabled={pending?.email === person.email}
                      onChange={() => void toggle(person)}
                      aria-label={`Deactivate ${person.name} (${person.email})`}
                      data-testid="deactivate-toggle"
                    />
                    <span className="switch-track" aria-hidden="true" />
                    <span className="switch-text">{deactivated ? 'Deactivated' : 'Active'}</span>
                  </label>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </>
  )
}
