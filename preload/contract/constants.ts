/**
 * Values both sides import: the renderer (which may import nothing else from the contract but
 * types) and main. No zod here, so the renderer bundle stays free of it.
 */
import type { HmacOptions, SigV4Options } from './api-credentials'

/** Stable error codes. Renderer code and tests switch on these; never rename one. */
export const errorCodes = [
  'INVALID_INPUT',
  'REQUEST_UNREADABLE',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'BRIDGE_UNREACHABLE',
  'VAULT_LOCKED',
  'VAULT_NOT_SET_UP',
  'VAULT_ALREADY_SET_UP',
  'VAULT_UNAVAILABLE',
  'PASSPHRASE_WRONG',
  'PASSPHRASE_TOO_SHORT',
  'PASSPHRASE_MISMATCH',
  'NAME_REQUIRED',
  'NAME_TAKEN',
  'CLIENT_ID_INVALID',
  'CLIENT_ID_EXISTS',
  'SECRET_REQUIRED',
  'SECRET_INVALID',
  'CREDENTIAL_NOT_FOUND',
  'CREDENTIAL_REVOKED',
  'SECRET_UNREADABLE',
  'PERSONA_NOT_FOUND',
  'PERSONA_INVALID',
  'IMPORT_INVALID',
  'EMBED_PATH_INVALID',
  'CERTIFICATE_NOT_FOUND',
  'CERTIFICATE_REQUIRED',
  'URL_INVALID',
  'API_CREDENTIAL_NOT_FOUND',
  'API_CREDENTIAL_INVALID',
  'WRONG_ENVIRONMENT',
  'ORG_REQUIRED',
  'REQUEST_FAILED',
  'VERIFY_SERVER_FAILED',
  'STORE_WRITE_FAILED',
  'STORE_BUSY',
  'VAULT_HEADER_CHANGED',
  'SECRET_DESTINATION_CHANGED',
  'REQUEST_NOT_FOUND',
  'HAR_IMPORT_NOT_FOUND',
  'HAR_FILE_UNREADABLE',
  'INTERNAL'
] as const

/**
 * The messages a parent page may send the embed: the mutations of the vendor's SDK
 * (@sigmacomputing/embed-sdk), each with an example payload. The workbook page answers these;
 * the Preview's console marks anything else as ignored.
 */
export const sdkInboundEvents: readonly { type: string; example: Record<string, unknown> }[] = [
  { type: 'workbook:variables:update', example: { variables: { 'Region-Control': 'East' } } },
  { type: 'workbook:variables:list', example: {} },
  { type: 'workbook:bookmark:create', example: { name: 'East only', isDefault: false, isShared: false } },
  { type: 'workbook:bookmark:update', example: {} },
  { type: 'workbook:bookmark:select', example: { bookmarkId: '' } },
  { type: 'workbook:bookmark:delete', example: { bookmarkId: '' } },
  { type: 'workbook:fullscreen:update', example: { nodeId: 'RevenueByRegion' } },
  { type: 'workbook:selectednodeid:update', example: { selectedNodeId: 'SalesTable', nodeType: 'element' } },
  {
    type: 'workbook:sharinglink:update',
    example: { sharingLink: 'https://example.com/share', sharingExplorationLink: null }
  }
]

export const credentialStatuses = ['active', 'revoked'] as const
export const signingMethods = ['url', 'jwt'] as const
export const severities = ['error', 'warning', 'info'] as const

/** What an embed user may do in a workbook, in the order the screens list them. */
export const embedPermissions = ['view', 'explore', 'edit', 'download'] as const
/** The levels a workbook can be shared with a team at, weakest first. */
export const shareLevels = ['View', 'Explore', 'Contribute', 'Manage'] as const

/**
 * The longest session the host allows by default: the QuickStart's 2592000 s (30 days). The
 * error-code page says "less than 3600"; the emulator makes it a setting with this default.
 */
export const MAX_SESSION_LENGTH_SECONDS = 2_592_000
/** Clock skew tolerated for `:time` / `iat` by default (undocumented; Looker's figure). */
export const DEFAULT_CLOCK_SKEW_SECONDS = 300

export const passphraseStates = ['not-needed', 'correct', 'required', 'wrong', 'unused', 'not-checked'] as const

/** Certificates and keys are a few KB; a 1 MB paste is surely the wrong file, said as such. */
export const MAX_CERTIFICATE_BYTES = 1024 * 1024

export const apiEnvironments = ['test', 'production'] as const
export const apiContentTypes = ['json', 'xml', 'form'] as const
export const apiAuthTypes = ['headers', 'basic', 'bearer', 'aws4', 'hmac', 'none'] as const
export const hmacParts = ['method', 'path', 'query', 'timestamp', 'bodyHash', 'clientId'] as const
/** SigV4's canonical path: normalized and encoded again (AWS services), or as sent and encoded once (S3). */
export const sigV4PathStyles = ['normalized', 'as-sent'] as const
/** SigV4's payload line: the body hash, the same also sent as X-Amz-Content-Sha256 (S3), or UNSIGNED-PAYLOAD. */
export const sigV4PayloadModes = ['hash', 'hash-header', 'unsigned'] as const
/** Whether X-Amz-Security-Token is signed (most services) or added after signing. */
export const sigV4SessionTokenModes = ['signed', 'after-signing'] as const
/**
 * How many embed users the emulator keeps: the ones seen most recently; past that the oldest is
 * dropped (the Emulator screen says so). Internal people are never dropped.
 */
export const MAX_EMBED_USERS = 1000

/** 10 MB: a whole pasted log line must get findings, not a refusal. The renderer checks a file's size against it too. */
export const MAX_PASTE = 10 * 1024 * 1024

/** The longest a presigned URL may live: seven days, as AWS allows. */
export const MAX_PRESIGN_SECONDS = 604_800
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

/** An HTTP header name (RFC 9110 token). */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** The documented default of the HMAC-SHA256 scheme: see README ("HMAC-SHA256 requests"). */
export const defaultHmacOptions: HmacOptions = {
  parts: ['method', 'path', 'query', 'timestamp', 'bodyHash'],
  separator: '\n',
  signatureHeader: 'X-Signature',
  timestampHeader: 'X-Timestamp',
  clientIdHeader: 'X-Client-Id',
  encoding: 'hex',
  timestampFormat: 'unix'
}

/** What most AWS services expect: a normalized path, the body hash, the session token signed. */
export const defaultSigV4Options: SigV4Options = { path: 'normalized', payload: 'hash', sessionToken: 'signed' }

/** The name under which the bridge is exposed on `window`. */
export const bridgeGlobalName = 'workbench'

/** Where an API credential's secrets are sent: its environment, the base URL's origin, an AWS endpoint's origin. */
export interface ApiDestination {
  environment: string
  origin: string
  endpoint: string | null
}

function originOf(url: string): string {
  try {
    return new URL(url.trim()).origin
  } catch {
    return url.trim()
  }
}

/** The path does not change where a secret goes; the scheme, host and port do. */
export function apiDestinationOf(
  record: { environment: string; baseUrl: string },
  auth: { type: string; endpoint?: unknown }
): ApiDestination {
  const endpoint =
    auth.type === 'aws4' && typeof auth.endpoint === 'string' && auth.endpoint.trim() ? auth.endpoint : null
  return { environment: record.environment, origin: originOf(record.baseUrl), endpoint: endpoint && originOf(endpoint) }
}

/**
 * What moved between two destinations, in words, or null when a stored secret may stay. Main
 * refuses to keep a secret across a move; the editor says so before the user saves.
 */
export function apiDestinationChange(before: ApiDestination, after: ApiDestination): string | null {
  const parts: string[] = []
  if (before.origin !== after.origin)
    parts.push(`the base URL now points at ${after.origin} instead of ${before.origin}`)
  if (before.environment !== after.environment)
    parts.push(`the environment is now ${after.environment} instead of ${before.environment}`)
  if (before.endpoint !== after.endpoint)
    parts.push(
      `the AWS endpoint is now ${after.endpoint ?? 'the base URL'} instead of ${before.endpoint ?? 'the base URL'}`
    )
  return parts.length ? parts.join(', and ') : null
}

/**
 * Which default account types an emulated org has: one license model, as a real org has, or
 * "all" (the seeded org), which accepts every model's default names.
 */
export const licenseModels = ['all', 'legacy', 'lite-essential-pro', 'view-act-analyze-build'] as const
export type LicenseModel = (typeof licenseModels)[number]
export const licenseModelLabels: Record<LicenseModel, string> = {
  all: 'All three models (the seeded org)',
  legacy: 'Viewer / Creator / Admin',
  'lite-essential-pro': 'Lite / Essential / Pro / Admin',
  'view-act-analyze-build': 'View / Act / Analyze / Build / Admin'
}

/**
 * The customer-app window's own two IPC messages (desktop app), apart from the contract's
 * channels: its preload reports each message a frame receives, and main asks a parent frame to
 * post a mutation to its embed. The longest message a report carries, in characters.
 */
export const customerAppIpc = { report: 'customer-app:message', post: 'customer-app:post' } as const
export const CUSTOMER_APP_MESSAGE_CHARS = 64 * 1024

/** What stands in for a secret in a request the app shows (masked headers, scrubbed bodies). */
export const MASKED_SECRET = '••••••'

/** Characters of HAR text per chunk the renderer sends to sendHarChunk (it reads the file in slices). */
export const HAR_CHUNK_CHARS = 2 * 1024 * 1024

/** The languages the embed API code export writes. */
export const codegenLanguages = ['node', 'python', 'java', 'csharp', 'go', 'ruby', 'php'] as const
