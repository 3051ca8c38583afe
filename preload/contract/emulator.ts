/** The emulator of the embed host: its org, the sessions it grants, its request log and settings. */
import { z } from 'zod'
import { embedPermissions, licenseModels, shareLevels, type LicenseModel } from './constants'
import type { Finding, Inspection } from './inspector'
import { channel, id, noInput, text } from './schema'

/** Where a part of a workbook can be embedded from, in both URL forms. */
export interface EmbedTarget {
  kind: 'workbook' | 'page' | 'element'
  label: string
  workbookId: string
  pageId?: string
  elementId?: string
  /** Signed-URL form: `{base}/embed/{embedId}`. */
  embedPath: string
  /** JWT form: `{base}/{org}/workbook/{name}-{id}[/page/..|/element/..]`. */
  workbookUrl: string
  /** JWT form in the docs' API syntax: `{base}/{org}/workbook/{name}/{workbookId}`, `…/{workbookId}/page/..`. */
  apiUrl: string
}

export type HostErrorCode =
  'EEXIST' | 'EPERM' | 'ESTALE' | 'ENOENT' | 'EACCES' | 'EINVAL' | 'ETIMEDOUT' | 'NETWORK' | 'UNKNOWN'

export type EmbedPermission = (typeof embedPermissions)[number]
export type ShareLevel = (typeof shareLevels)[number]

/** Who an accepted embed request says the user is (URL parameters or JWT claims). */
export interface EmbedIdentity {
  email: string
  externalUserId: string
  teams: string[]
  accountType: string | null
  userAttributes: Record<string, string[]>
  firstName: string
  lastName: string
}

/** What the emulator grants an accepted embed request. */
export interface EmbedSession {
  identity: EmbedIdentity
  workbookId: string
  pageId: string | null
  elementId: string | null
  tag: string | null
  /** The published version opened: the tag's, or the newest one without a tag. */
  version: number
  permissions: EmbedPermission[]
  /** Control values from the URL (`Control-Id=value`). */
  controls: Record<string, string>
  display: { theme: string; menuPosition: string; hide: string[]; responsiveHeight: boolean; lng: string }
  /** Unix seconds. */
  expiresAt: number
  oneTimeId: string
}

/** One row of the sample "Plugs Sales" data. */
export interface SalesRow {
  date: string
  region: string
  store: string
  product: string
  quantity: number
  revenue: number
}

/**
 * What the emulator embeds (as JSON, never executed) in the workbook page it serves: the verdict,
 * and for an accepted request the session and its rows after row-level security. The contract
 * between main/emulator/server.ts and renderer/workbook/.
 */
export interface WorkbookBootstrap {
  /** The host's refusal; `code` is null for the messages the doc pages show without one. */
  error: { code: HostErrorCode | null; message: string } | null
  session:
    | (Omit<EmbedSession, 'oneTimeId'> & { workbookName: string; pageName: string | null; elementName: string | null })
    | null
  controls: { id: string; name: string; column: string; options: string[] }[]
  rows: SalesRow[]
  /** Row-level security applied: attribute name -> allowed values. */
  rowFilter: Record<string, string[]>
  serverNow: number
}

export interface EmulatorRequest {
  id: number
  at: string
  method: string
  /** The URL with its signature (and the JWT's signature) redacted: never a usable URL. */
  url: string
  status: number
  verdict: 'allowed' | 'refused' | 'not-found'
  hostCode: HostErrorCode | null
  message: string | null
  findings: Finding[]
  user: string | null
}

/**
 * A message between the customer's parent app and the embed it frames, as the desktop app's
 * customer-app window saw it: 'in' came from the embed (the SDK's events), 'out' went to it (the
 * SDK's mutations), the same directions as the Preview's own frames.
 */
export interface CustomerAppMessage {
  id: number
  /** Date.now() when the window saw it. */
  at: number
  direction: 'in' | 'out'
  type: string
  /** The message as JSON (cut at 64 KB; `truncated` says so). */
  json: string
  truncated: boolean
  /** The parent app's origin, and the served host's (the embed's). */
  parent: string
  embed: string
}

export interface CustomerAppMessages {
  /** How many customer-app windows are open now. */
  windows: number
  messages: CustomerAppMessage[]
}

export interface EmulatorSettings {
  /** The port it listens on (a customer's embed API can be pointed at it). */
  port: number
  clockSkewSeconds: number
  maxSessionLengthSeconds: number
  /** Time travel: seconds added to the emulator's clock. */
  timeOffsetSeconds: number
  /** Real embed hosts the preview may frame (https origins), besides the emulator. */
  onlineHosts: string[]
  /** Which default account types the org has (one model, as a real org, or all three). */
  licenseModel: LicenseModel
  /** Where sources disagree on a parameter, refuse it instead of warning. */
  strictParameters: boolean
  /** The org creates an embed user on first load (the host's default); off, an unknown user gets EPERM. */
  autoCreateUsers: boolean
  /** Vendor host origins the emulator also answers as, over TLS (e.g. https://app.sigmacomputing.com). */
  serveAs: string[]
  /** The TLS front's port on 127.0.0.1. */
  tlsPort: number
  /** Parent origins, besides the app and loopback, that may frame the workbook page. */
  allowedParents: string[]
}

/** The emulator answering as the real host: where, and how a browser is pointed at it. */
export interface EmulatorFront {
  origins: string[]
  port: number
  /** The local CA's certificate (public), and its SPKI SHA-256 for Chromium's allow-list. */
  caPath: string
  caSpki: string
  /** The Chromium / Chrome flags that send only these names to the emulator and accept its certificate. */
  chromiumFlags: string[]
  /** The same as one shell line, with a throwaway profile, ready to paste. */
  chromiumCommand: string
}

export interface EmulatorPerson {
  email: string
  name: string
  kind: 'internal' | 'embed'
  accountType: string
  teams: string[]
  createdAt: string
  lastSeenAt?: string
  deactivated: boolean
}

export interface EmulatorStatus {
  running: boolean
  baseUrl: string | null
  /** Why it is not running, or a note such as "port 4781 was busy". */
  problem: string | null
  /** The TLS front, when it runs. */
  front: EmulatorFront | null
  settings: EmulatorSettings
  targets: EmbedTarget[]
  teams: string[]
  /** The org's custom account types (editable). */
  accountTypes: { name: string; permissions: string[] }[]
  /** The default account types of the org's license model (or of all three), read-only. */
  defaultAccountTypes: { name: string; permissions: string[]; model: string }[]
  workbooks: {
    id: string
    name: string
    workspace: string
    shares: { team: string; level: string }[]
    latestVersion: number
    tags: { name: string; version: number }[]
  }[]
  people: EmulatorPerson[]
}

// Client certificates (mTLS). The key and its passphrase go in, never come back out.

/** The emulator: status, settings, request log, people and the org. */
export const emulatorChannels = {
  getEmulator: channel<EmulatorStatus>()(noInput),
  updateEmulatorSettings: channel<EmulatorStatus>()(
    z
      .object({
        port: z.number().int().min(0).max(65535).optional(),
        clockSkewSeconds: z.number().int().min(0).max(86_400).optional(),
        maxSessionLengthSeconds: z.number().int().min(1).max(31_536_000).optional(),
        timeOffsetSeconds: z.number().int().min(-31_536_000).max(31_536_000).optional(),
        onlineHosts: z.array(text(500)).max(20).optional(),
        licenseModel: z.enum(licenseModels).optional(),
        strictParameters: z.boolean().optional(),
        autoCreateUsers: z.boolean().optional(),
        serveAs: z.array(text(300)).max(10).optional(),
        tlsPort: z.number().int().min(0).max(65535).optional(),
        allowedParents: z.array(text(500)).max(50).optional()
      })
      .strict()
  ),
  listEmulatorRequests: channel<EmulatorRequest[]>()(
    z.object({ sinceId: z.number().int().min(0).optional() }).strict()
  ),
  /**
   * Desktop app only: the customer's parent app in a window of its own (a separate session), where
   * requests for the served host names are answered by the emulator and everything else passes.
   */
  openCustomerApp: channel<{ url: string }>()(z.object({ url: text(2000) }).strict()),
  /** What the customer-app windows' embeds and parents said to each other since `sinceId` (desktop app). */
  listCustomerAppMessages: channel<CustomerAppMessages>()(
    z.object({ sinceId: z.number().int().min(0).optional() }).strict()
  ),
  /**
   * Desktop app only: posts a message to the embed in every customer-app window, as its parent
   * does (to the served host's origin, never '*'); answers with how many windows it went to.
   */
  postToCustomerApp: channel<{ windows: number }>()(z.object({ message: z.record(z.string(), z.unknown()) }).strict()),
  /** Starts a local Chromium or Chrome routed to the TLS front, with a throwaway profile, on the parent app. */
  openIsolatedBrowser: channel<{ browser: string; profile: string }>()(z.object({ url: text(2000) }).strict()),
  /** A request-log row as the emulator judged it: the same findings, over the inspection behind them. */
  openEmulatorRequest: channel<{ request: EmulatorRequest; inspection: Inspection }>()(
    z.object({ id: z.number().int().min(1) }).strict()
  ),
  setPersonDeactivated: channel<EmulatorStatus>()(z.object({ email: text(320), deactivated: z.boolean() }).strict()),
  resetEmulatorOrg: channel<EmulatorStatus>()(noInput),
  /** Replaces the org's teams, account types and/or a workbook's shares (each list as a whole). */
  updateEmulatorOrg: channel<EmulatorStatus>()(
    z
      .object({
        teams: z.array(text(200)).max(500).optional(),
        accountTypes: z
          .array(z.object({ name: text(100), permissions: z.array(z.enum(embedPermissions)) }).strict())
          .max(100)
          .optional(),
        shares: z
          .object({
            workbookId: id,
            shares: z.array(z.object({ team: text(200), level: z.enum(shareLevels) }).strict()).max(500)
          })
          .strict()
          .optional(),
        /** A workbook's published versions: publish a newer one, and where each version tag points. */
        versions: z
          .object({
            workbookId: id,
            latestVersion: z.number().int().min(1).max(100_000).optional(),
            tags: z
              .array(z.object({ name: text(100), version: z.number().int().min(1).max(100_000) }).strict())
              .max(100)
              .optional()
          })
          .strict()
          .optional()
      })
      .strict()
  )
} as const
