/** The Emulator screen's account types: the license model's defaults (read-only) and the org's custom types. */
import { useState } from 'react'
import type { EmbedPermission, EmulatorStatus } from '../../../../preload/contract'
import { embedPermissions } from '../../../../preload/contract/constants'
import type { ApplyEmulator } from '../../shared/emulator/useEmulator'
import type { Column } from '../../ui/TableHead'
import { NameAddForm, OrgTable, RemoveButton, removeColumn, useOrgChange } from './OrgEditing'

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
