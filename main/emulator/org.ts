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
import { MAX_EMBED_USERS } from '../../preload/contract/constants'
import { defaultLimits, type ProtocolLimits } from '../protocol/parameters'
import { systemClock, type Clock } from '../core/clock'
import { deepFreeze } from '../core/freeze'
import { withinEmbedUserCap, withPerson } from './people'
import {
  confBackingStore,
  loadStoreFile,
  storeFilePath,
  type BackingStore,
  type BackingStoreFactory,
  writeStore
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
  kind: z.enum(['table', 'chart', 'control', 'pivot']),
  embedId: z.string()
})
const pageSchema = z.object({ id: z.string(), name: z.string(), embedId: z.string(), elements: z.array(elementSchema) })
/** A version tag points at one published version of the workbook. */
const tagSchema = z.object({ name: z.string(), version: z.number().int().min(1) })
const workbookSchema = z.object({
  /** The workbookUrlId: the id in the workbook's browser URL (`{urlName}-{id}`). */
  id: z.string(),
  /** The workbookId the REST API returns (a UUID); the API syntax of the embed URL may use it. */
  apiId: z.string().optional(),
  name: z.string(),
  urlName: z.string(),
  workspace: z.string(),
  embedId: z.string(),
  /** The newest published version; a URL without a tag opens it. */
  latestVersion: z.number().int().min(1).default(1),
  // Orgs saved before tags had versions stored bare names: each pointed at version 1.
  tags: z.array(z.union([tagSchema, z.string().transform((name) => ({ name, version: 1 }))])),
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
/** Where the TLS front listens when the emulator answers as the vendor's host names. */
export const DEFAULT_TLS_PORT = 4782

export const defaultEmulatorSettings = (): EmulatorSettings => ({
  port: DEFAULT_EMULATOR_PORT,
  clockSkewSeconds: defaultLimits.clockSkewSeconds,
  maxSessionLengthSeconds: defaultLimits.maxSessionLengthSeconds,
  timeOffsetSeconds: 0,
  onlineHosts: [],
  licenseModel: 'all',
  strictParameters: false,
  autoCreateUsers: true,
  serveAs: [],
  tlsPort: DEFAULT_TLS_PORT,
  allowedParents: []
})

const settingsSchema = z.object({
  port: z.number().int(),
  clockSkewSeconds: z.number().int(),
  maxSessionLengthSeconds: z.number().int(),
  timeOffsetSeconds: z.number().int(),
  onlineHosts: z.array(z.string()),
  licenseModel: z.enum(licenseModels).default('all'),
  strictParameters: z.boolean().default(false),
  autoCreateUsers: z.boolean().default(true),
  serveAs: z.array(z.string()).default([]),
  tlsPort: z.number().int().default(DEFAULT_TLS_PORT),
  allowedParents: z.array(z.string()).default([])
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

export { MAX_EMBED_USERS }

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
        apiId: '7c0d5e2a-9b41-4f38-a6e1-3d52c8b9f014',
        embedId: '1-3kxOdcUS4xsaEFdy1Wkwgn',
        latestVersion: 3,
        tags: [
          { name: 'production', version: 2 },
          { name: 'staging', version: 3 }
        ],
        pages: [
          {
            id: 'Dashboard',
            name: 'Dashboard',
            embedId: '2-5Rq2dXbWzP8tYkL0mN3vHa',
            elements: [
              { id: 'RegionControl', name: 'Region', kind: 'control', embedId: '3-8cF1gH4jK7lM0nP2qR5sTu' },
              { id: 'RevenueByRegion', name: 'Revenue by region', kind: 'chart', embedId: '3-1aB3cD5eF7gH9iJ0kL2mNo' },
              { id: 'SalesTable', name: 'Sales', kind: 'table', embedId: '3-6pQ8rS0tU2vW4xY6zA8bCd' },
              {
                id: 'RevenuePivot',
                name: 'Revenue by region and product',
                kind: 'pivot',
                embedId: '3-4hJ6kL8mN0pQ2rS4tU6vWx'
              }
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
    // help.sigmacomputing.com/docs/create-an-embed-api-with-json-web-tokens: "API syntax".
    const apiId = wb.apiId ?? wb.id
    const apiBase = `${baseUrl}/${org.slug}/workbook/${apiId}`
    targets.push({
      kind: 'workbook',
      label: wb.name,
      workbookId: wb.id,
      embedPath: `${baseUrl}/embed/${wb.embedId}`,
      workbookUrl: jwtBase,
      apiUrl: `${baseUrl}/${org.slug}/workbook/${wb.urlName}/${apiId}`
    })
    for (const page of wb.pages) {
      targets.push({
        kind: 'page',
        label: `${wb.name} › ${page.name}`,
        workbookId: wb.id,
        pageId: page.id,
        embedPath: `${baseUrl}/embed/${page.embedId}`,
        workbookUrl: `${jwtBase}/page/${page.id}`,
        apiUrl: `${apiBase}/page/${page.id}`
      })
      for (const element of page.elements) {
        targets.push({
          kind: 'element',
          label: `${wb.name} › ${page.name} › ${element.name}`,
          workbookId: wb.id,
          pageId: page.id,
          elementId: element.id,
          embedPath: `${baseUrl}/embed/${element.embedId}`,
          workbookUrl: `${jwtBase}/element/${element.id}`,
          apiUrl: `${apiBase}/element/${element.id}`
        })
      }
    }
  }
  return targets
}

/** Which documented spelling of the path a request used. */
export type PathSyntax = 'embed-path' | 'url-syntax' | 'api-syntax'

export interface ResolvedTarget {
  target: Omit<EmbedTarget, 'embedPath' | 'workbookUrl' | 'apiUrl'>
  form: 'url' | 'jwt'
  syntax: PathSyntax
  tag: string | null
}

/**
 * Finds the target a request path names, in any documented form: `/embed/{embedId}` (signed URL),
 * and for JWTs the URL syntax (`{name}-{urlId}[/page/{id}|/element/{id}]`) and the API syntax
 * (`{name}/{workbookId}`, `{workbookId}/page/{id}`, `{workbookId}/element/{id}`), where the API's
 * workbookId or the URL id both name the workbook. A `/tag/{tag}` pair may follow the workbook
 * segment or end the path. Null when nothing matches (or a segment is a broken %-escape).
 */
export function resolveTarget(org: Org, pathname: string): ResolvedTarget | null {
  let segments: string[]
  try {
    segments = pathname.split('/').slice(1).map(decodeURIComponent)
  } catch {
    return null
  }
  if (segments.at(-1) === '') segments.pop() // a trailing slash
  let tag: string | null = null
  const tagAt = segments.indexOf('tag', 2)
  if (tagAt !== -1 && tagAt + 1 < segments.length) {
    tag = segments[tagAt + 1]!
    segments.splice(tagAt, 2)
  }
  if (segments.length === 2 && segments[0] === 'embed') {
    for (const t of embedTargets(org, '')) {
      if (t.embedPath === `/embed/${segments[1]}`) return { target: t, form: 'url', syntax: 'embed-path', tag }
    }
    return null
  }
  if (segments[0] !== org.slug || segments[1] !== 'workbook') return null
  const rest = segments.slice(2)
  for (const wb of org.workbooks) {
    const ids = [wb.id, ...(wb.apiId ? [wb.apiId] : [])]
    const named = rest[0] === `${wb.urlName}-${wb.id}`
    const found = (syntax: PathSyntax, tail: string[]): ResolvedTarget | null => {
      const base = { workbookId: wb.id }
      if (!tail.length) return { target: { ...base, kind: 'workbook', label: wb.name }, form: 'jwt', syntax, tag }
      if (tail.length !== 2) return null
      for (const page of wb.pages) {
        if (tail[0] === 'page' && tail[1] === page.id)
          return {
            target: { ...base, kind: 'page', label: `${wb.name} › ${page.name}`, pageId: page.id },
            form: 'jwt',
            syntax,
            tag
          }
        const element = tail[0] === 'element' ? page.elements.find((e) => e.id === tail[1]) : undefined
        if (element)
          return {
            target: {
              ...base,
              kind: 'element',
              label: `${wb.name} › ${page.name} › ${element.name}`,
              pageId: page.id,
              elementId: element.id
            },
            form: 'jwt',
            syntax,
            tag
          }
      }
      return null
    }
    if (named) return found('url-syntax', rest.slice(1))
    if (rest.length === 2 && rest[0] === wb.urlName && ids.includes(rest[1]!)) return found('api-syntax', [])
    if (rest.length === 3 && ids.includes(rest[0]!)) return found('api-syntax', rest.slice(1))
  }
  return null
}

export interface OrgStore {
  notices: Notice[]
  /** The org as it is: frozen and shared, never to be changed in place (use update). */
  get(): Org
  update(mutate: (org: Org) => Org): Org
  /**
   * Adds or replaces one person (by email), as People bookkeeping on a load does: the rest of the
   * org is shared, not copied or re-validated, and an embed user past the cap pushes out the one
   * seen longest ago. Written to disk within PEOPLE_WRITE_DELAY_MS (or by the next update or flush).
   */
  putPerson(person: Person): Org
  /** Writes what putPerson has not written yet. */
  flush(): void
  reset(): Org
}

/** People bookkeeping is written at most this often: one load must not rewrite the file. */
export const PEOPLE_WRITE_DELAY_MS = 1000

/** Stores with bookkeeping not yet written, flushed if the process exits first. */
const unwritten = new Set<() => void>()
let exitHook = false
function writeBeforeExit(flush: () => void): void {
  unwritten.add(flush)
  if (exitHook) return
  exitHook = true
  process.once('exit', () => {
    for (const f of unwritten) f()
  })
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
  // The org is read on every sign and every emulator request: readers share one frozen copy
  // (a change goes through update, which works on its own copy), so a read copies nothing.
  // A file from before the cap (or edited by hand) is cut to it as it loads.
  let org = deepFreeze(withinEmbedUserCap(loaded.data))
  let timer: NodeJS.Timeout | null = null
  /** Forgets the pending People write; true when there was one. */
  const cancelPending = () => {
    if (!timer) return false
    clearTimeout(timer)
    timer = null
    unwritten.delete(flush)
    return true
  }
  const flush = () => {
    if (!cancelPending()) return
    try {
      writeStore(store, org, 'emulator org')
    } catch (error) {
      // A timer has no caller to tell: the next update writes the same org, and says so if it fails.
      console.error(`[embed-workbench] ${(error as Error).message}`)
    }
  }
  const commit = (next: Org) => {
    const valid = orgSchema.parse(next)
    writeStore(store, valid, 'emulator org')
    // What putPerson had not written yet is in this write.
    cancelPending()
    org = deepFreeze(valid)
    return org
  }
  if (loaded.created || loaded.notices.length) commit(org)
  return {
    notices: loaded.notices,
    get: () => org,
    update: (mutate) => commit(mutate(structuredClone(org))),
    putPerson: (person) => {
      org = withPerson(org, personSchema.parse(person))
      if (!timer) {
        timer = setTimeout(flush, PEOPLE_WRITE_DELAY_MS).unref()
        writeBeforeExit(flush)
      }
      return org
    },
    flush,
    // Keeps the settings: resetting the org is about its teams, workbooks and people.
    reset: () => commit({ ...seedOrg(clock.now()), settings: org.settings })
  }
}
