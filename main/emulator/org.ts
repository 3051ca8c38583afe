/**
 * The emulated org: teams, account types and their permissions, workspaces, the "Plugs Sales"
 * workbook with its pages, elements and embed paths, who it is shared with, and people (internal
 * users and the embed users created on first access). Persisted in its own plain emulator.json.
 */
import { z } from 'zod'
import {
  embedPermissions,
  licenseModels,
  shareLevels,
  type EmbedPermission,
  type ShareLevel,
  type EmbedTarget,
  type EmulatorSettings,
  type Notice
} from '../../preload/contract'
import { defaultLimits, type ProtocolLimits } from '../protocol/parameters'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import {
  confBackingStore,
  loadStoreFile,
  storeFilePath,
  type BackingStore,
  type BackingStoreFactory
} from '../store/json-file'

export const permissions = embedPermissions
export type Permission = EmbedPermission

/** What a share level allows, before the account type narrows it. */
export const shareLevelPermissions: Record<ShareLevel, Permission[]> = {
  View: ['view', 'download'],
  Explore: ['view', 'explore', 'download'],
  Contribute: ['view', 'explore', 'edit', 'download'],
  Manage: ['view', 'explore', 'edit', 'download']
}

const elementSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['table', 'chart', 'control']),
  embedId: z.string()
})
const pageSchema = z.object({ id: z.string(), name: z.string(), embedId: z.string(), elements: z.array(elementSchema) })
const workbookSchema = z.object({
  id: z.string(),
  name: z.string(),
  urlName: z.string(),
  workspace: z.string(),
  embedId: z.string(),
  tags: z.array(z.string()),
  pages: z.array(pageSchema),
  /** Workbook controls (URL: `Control-Id=value`). */
  controls: z.array(z.object({ id: z.string(), name: z.string(), column: z.string() })),
  shares: z.array(z.object({ team: z.string(), level: z.enum(shareLevels) }))
})
const personSchema = z.object({
  email: z.string(),
  name: z.string(),
  kind: z.enum(['internal', 'embed']),
  accountType: z.string(),
  teams: z.array(z.string()),
  externalUserId: z.string().default(''),
  createdAt: z.string(),
  lastSeenAt: z.string().optional(),
  deactivated: z.boolean().default(false)
})

export const DEFAULT_EMULATOR_PORT = 4781

export const defaultEmulatorSettings = (): EmulatorSettings => ({
  port: DEFAULT_EMULATOR_PORT,
  clockSkewSeconds: defaultLimits.clockSkewSeconds,
  maxSessionLengthSeconds: defaultLimits.maxSessionLengthSeconds,
  timeOffsetSeconds: 0,
  onlineHosts: [],
  licenseModel: 'all',
  strictParameters: false,
  autoCreateUsers: true
})

const settingsSchema = z.object({
  port: z.number().int(),
  clockSkewSeconds: z.number().int(),
  maxSessionLengthSeconds: z.number().int(),
  timeOffsetSeconds: z.number().int(),
  onlineHosts: z.array(z.string()),
  licenseModel: z.enum(licenseModels).default('all'),
  strictParameters: z.boolean().default(false),
  autoCreateUsers: z.boolean().default(true)
})

export const orgSchema = z
  .object({
    version: z.literal(1),
    settings: settingsSchema.default(defaultEmulatorSettings),
    slug: z.string(),
    teams: z.array(z.object({ name: z.string() })),
    accountTypes: z.array(z.object({ name: z.string(), permissions: z.array(z.enum(permissions)) })),
    workspaces: z.array(z.object({ name: z.string(), team: z.string().nullable() })),
    workbooks: z.array(workbookSchema),
    people: z.array(personSchema)
  })
  .passthrough()

export type Org = z.infer<typeof orgSchema>
export type Workbook = z.infer<typeof workbookSchema>
export type Person = z.infer<typeof personSchema>

export const EMULATOR_FILE_NAME = 'emulator'

/** The protocol limits the emulator's settings set: how it judges time, and disputed parameters. */
export function limitsOf(settings: EmulatorSettings): ProtocolLimits {
  return {
    clockSkewSeconds: settings.clockSkewSeconds,
    maxSessionLengthSeconds: settings.maxSessionLengthSeconds,
    strictParameters: settings.strictParameters
  }
}

export function seedOrg(now: Date): Org {
  return {
    version: 1,
    settings: defaultEmulatorSettings(),
    slug: 'plugs-electronics',
    teams: [{ name: 'Sales_Managers' }, { name: 'Sales_People' }],
    // Custom account types only: the defaults come from the license model (account-types.ts).
    accountTypes: [],
    workspaces: [
      { name: 'Sales_Managers', team: 'Sales_Managers' },
      { name: 'Sales_People', team: 'Sales_People' }
    ],
    workbooks: [
      {
        id: '3kxOdcUS4xsaEFdy1Wkwgn',
        name: 'Plugs Sales',
        urlName: 'Plugs-Sales',
        workspace: 'Sales_Managers',
        embedId: '1-3kxOdcUS4xsaEFdy1Wkwgn',
        tags: ['production'],
        pages: [
          {
            id: 'Dashboard',
            name: 'Dashboard',
            embedId: '2-5Rq2dXbWzP8tYkL0mN3vHa',
            elements: [
              { id: 'RegionControl', name: 'Region', kind: 'control', embedId: '3-8cF1gH4jK7lM0nP2qR5sTu' },
              { id: 'RevenueByRegion', name: 'Revenue by region', kind: 'chart', embedId: '3-1aB3cD5eF7gH9iJ0kL2mNo' },
              { id: 'SalesTable', name: 'Sales', kind: 'table', embedId: '3-6pQ8rS0tU2vW4xY6zA8bCd' }
            ]
          }
        ],
        controls: [{ id: 'Region-Control', name: 'Region', column: 'region' }],
        shares: [
          { team: 'Sales_Managers', level: 'Manage' },
          { team: 'Sales_People', level: 'View' }
        ]
      }
    ],
    people: [
      {
        email: 'admin@plugs.example',
        name: 'Plugs Admin',
        kind: 'internal',
        accountType: 'Admin',
        teams: [],
        externalUserId: '',
        createdAt: now.toISOString(),
        deactivated: false
      }
    ]
  }
}

/** Where each part of a workbook can be embedded from, in both URL forms. */
export function embedTargets(org: Org, baseUrl: string): EmbedTarget[] {
  const targets: EmbedTarget[] = []
  for (const wb of org.workbooks) {
    const jwtBase = `${baseUrl}/${org.slug}/workbook/${wb.urlName}-${wb.id}`
    targets.push({
      kind: 'workbook',
      label: wb.name,
      workbookId: wb.id,
      embedPath: `${baseUrl}/embed/${wb.embedId}`,
      workbookUrl: jwtBase
    })
    for (const page of wb.pages) {
      targets.push({
        kind: 'page',
        label: `${wb.name} › ${page.name}`,
        workbookId: wb.id,
        pageId: page.id,
        embedPath: `${baseUrl}/embed/${page.embedId}`,
        workbookUrl: `${jwtBase}/page/${page.id}`
      })
      for (const element of page.elements) {
        targets.push({
          kind: 'element',
          label: `${wb.name} › ${page.name} › ${element.name}`,
          workbookId: wb.id,
          pageId: page.id,
          elementId: element.id,
          embedPath: `${baseUrl}/embed/${element.embedId}`,
          workbookUrl: `${jwtBase}/element/${element.id}`
        })
      }
    }
  }
  return targets
}

/** Finds the target a request path names, in either URL form; a trailing /tag/{tag} is allowed. */
export function resolveTarget(
  org: Org,
  pathname: string
): {
  target: Omit<EmbedTarget, 'embedPath' | 'workbookUrl' | 'label'> & { label: string }
  form: 'url' | 'jwt'
  tag: string | null
} | null {
  const tagMatch = /^(.*)\/tag\/([^/]+)$/.exec(pathname)
  const path = tagMatch ? tagMatch[1]! : pathname
  let tag: string | null = null
  if (tagMatch) {
    try {
      tag = decodeURIComponent(tagMatch[2]!)
    } catch {
      return null // a broken %-escape names no tag
    }
  }
  for (const t of embedTargets(org, '')) {
    if (path === t.embedPath) return { target: t, form: 'url', tag }
    if (path === t.workbookUrl) return { target: t, form: 'jwt', tag }
  }
  return null
}

export interface OrgStore {
  notices: Notice[]
  get(): Org
  update(mutate: (org: Org) => Org): Org
  reset(): Org
}

export function openOrg(options: { dataDir: string; backingStore?: BackingStoreFactory; clock?: Clock }): OrgStore {
  const clock = options.clock ?? systemClock
  const loaded = loadStoreFile(
    storeFilePath(options.dataDir, EMULATOR_FILE_NAME),
    orgSchema,
    () => seedOrg(clock.now()),
    'emulator org',
    clock.now()
  )
  const store: BackingStore = (options.backingStore ?? confBackingStore)({
    cwd: options.dataDir,
    name: EMULATOR_FILE_NAME
  })
  let org = loaded.data
  const commit = (next: Org) => {
    const valid = orgSchema.parse(next)
    try {
      store.write(valid)
    } catch (error) {
      throw new WorkbenchError(
        'STORE_WRITE_FAILED',
        `Could not write the emulator org at ${store.path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Nothing was changed.`
      )
    }
    org = valid
    return structuredClone(org)
  }
  if (loaded.created || loaded.notices.length) commit(org)
  return {
    notices: loaded.notices,
    get: () => structuredClone(org),
    update: (mutate) => commit(mutate(structuredClone(org))),
    // Keeps the settings: resetting the org is about its teams, workbooks and people.
    reset: () => commit({ ...seedOrg(clock.now()), settings: org.settings })
  }
}
