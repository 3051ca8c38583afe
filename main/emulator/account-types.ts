/**
 * Default account types by license model, as the vendor's help pages list them, mapped onto the
 * four permissions an embed session carries here (view, explore, edit, download). The mapping of a
 * tier's capabilities onto those four is this project's reading; docs/embed-protocol-notes.md
 * cites the pages and says how each was read.
 */
import { licenseModelLabels, type LicenseModel } from '../../preload/contract'
import type { Org } from './org'

type Permission = 'view' | 'explore' | 'edit' | 'download'
export interface AccountType {
  name: string
  permissions: Permission[]
}

const ALL: Permission[] = ['view', 'explore', 'edit', 'download']

export const licenseModelTypes: Record<Exclude<LicenseModel, 'all'>, AccountType[]> = {
  // help.sigmacomputing.com/docs/user-account-types
  legacy: [
    { name: 'Viewer', permissions: ['view'] },
    { name: 'Creator', permissions: ALL },
    { name: 'Admin', permissions: ALL }
  ],
  // help.sigmacomputing.com/docs/license-and-account-type-overview (Lite, Essential, Pro tiers)
  'lite-essential-pro': [
    { name: 'Lite', permissions: ['view'] },
    { name: 'Essential', permissions: ['view', 'explore', 'download'] },
    { name: 'Pro', permissions: ALL },
    { name: 'Admin', permissions: ALL }
  ],
  // help.sigmacomputing.com/docs/account-type-and-license-overview (View, Act, Analyze, Build tiers)
  'view-act-analyze-build': [
    { name: 'View', permissions: ['view'] },
    { name: 'Act', permissions: ['view'] },
    { name: 'Analyze', permissions: ['view', 'explore', 'download'] },
    { name: 'Build', permissions: ALL },
    { name: 'Admin', permissions: ALL }
  ]
}

const models = Object.keys(licenseModelTypes) as Exclude<LicenseModel, 'all'>[]

/** The license models whose default account types include this name. */
export function modelsWithType(name: string): Exclude<LicenseModel, 'all'>[] {
  return models.filter((m) => licenseModelTypes[m].some((t) => t.name === name))
}

/** The org's account types: its model's defaults (all three for "all"), then its custom ones, which win. */
export function accountTypesOf(org: Org): (AccountType & { model: Exclude<LicenseModel, 'all'> | null })[] {
  const model = org.settings.licenseModel
  const defaults = (model === 'all' ? models : [model]).flatMap((m) =>
    licenseModelTypes[m].map((t) => ({ ...t, model: m }))
  )
  const custom = org.accountTypes.map((t) => ({ ...t, model: null }))
  const byName = new Map<string, AccountType & { model: Exclude<LicenseModel, 'all'> | null }>()
  for (const t of defaults) if (!byName.has(t.name)) byName.set(t.name, t)
  for (const t of custom) {
    // A custom type that only repeats a default (orgs seeded before the license models) stays the default.
    const same = byName.get(t.name)
    if (!same || same.permissions.join() !== t.permissions.join()) byName.set(t.name, t)
  }
  return [...byName.values()]
}

export function modelLabel(model: Exclude<LicenseModel, 'all'>): string {
  return licenseModelLabels[model]
}
