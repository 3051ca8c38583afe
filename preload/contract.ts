/**
 * The one shared vocabulary between the renderer and the main process.
 *
 * Every channel has a zod schema for its input (checked in main before any service runs) and a
 * result type. The renderer imports only the types from this file; the preload exposes one named
 * function per channel; main/shell/ipc.ts (Electron) and main/browser/host.ts (browser mode) both
 * dispatch through the same table, so the renderer cannot tell which transport it has.
 */
import { z } from 'zod'

// ---------------------------------------------------------------------------------------------
// Results and errors

/** Stable error codes. Renderer code and tests switch on these; never rename one. */
export const errorCodes = [
  'INVALID_INPUT',
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
  'INTERNAL'
] as const
export type ErrorCode = (typeof errorCodes)[number]

export interface WorkbenchFailure {
  code: ErrorCode
  /** One sentence that says what happened and what to do. Never contains a secret. */
  message: string
  /** The input field the error is about, when there is one (for showing it beside the field). */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkbenchFailure }

// ---------------------------------------------------------------------------------------------
// Domain types that cross the boundary (none of them carries a secret, except CreatedCredential)

/** Something the user must be told once, e.g. that a corrupt store file was moved aside. */
export interface Notice {
  code: 'STORE_MOVED_ASIDE' | 'SECRET_TRIMMED' | 'SECRET_UNUSUAL_FORMAT' | 'CLIENT_ID_TRIMMED'
  severity: 'info' | 'warning'
  message: string
}

export type VaultScheme = 'passphrase' | 'safestorage'

export interface VaultStatus {
  /**
   * needs-setup: no vault yet and a master passphrase must be chosen;
   * locked: the passphrase must be entered; unlocked: ready;
   * unavailable: the vault exists but cannot be opened here (see `reason`).
   */
  state: 'needs-setup' | 'locked' | 'unlocked' | 'unavailable'
  scheme: VaultScheme
  /** Human description of how secrets are protected, e.g. "Master passphrase (scrypt, AES-256-GCM)". */
  protection: string
  reason?: string
  /** Where the vault file lives, so the user can back it up. */
  storePath: string
  notices: Notice[]
}

export const credentialStatuses = ['active', 'revoked'] as const
export type CredentialStatus = (typeof credentialStatuses)[number]

export interface CredentialSummary {
  id: string
  name: string
  description: string
  owner: string
  ownerAccountType: string
  clientId: string
  /** 'created' here, or 'imported' from a customer's org. */
  origin: 'created' | 'imported'
  createdAt: string
  status: CredentialStatus
  revokedAt?: string
  /**
   * First 12 hex characters of SHA-256 over the secret's UTF-8 bytes; null when the stored secret
   * cannot be decrypted (the vault file was damaged): delete and re-import that credential.
   */
  fingerprint: string | null
}

/** The one-time reveal: the only result type in the contract that carries a secret. */
export interface CreatedCredential {
  credential: CredentialSummary
  secret: string
}

export interface ImportedCredential {
  credential: CredentialSummary
  notices: Notice[]
}

export interface RegeneratedCredential extends CreatedCredential {
  revoked: CredentialSummary
}

// ---------------------------------------------------------------------------------------------
// Personas, signing and the inspector

export interface UserAttribute {
  name: string
  values: string[]
}

export interface NameValue {
  name: string
  value: string
}

/** Who the embed user is. Holds no secret: personas export to JSON and travel between engineers. */
export interface Persona {
  id: string
  name: string
  email: string
  externalUserId: string
  teams: string[]
  /** Viewer, Creator or a custom account type name. */
  accountType: string
  userAttributes: UserAttribute[]
  firstName: string
  lastName: string
  evalConnectionId: string
  /** Extra URL parameters, added to the embed URL as given. */
  extraParams: NameValue[]
}

export const signingMethods = ['url', 'jwt'] as const
export type SigningMethod = (typeof signingMethods)[number]

export interface EmbedOptions {
  /** The embed path: `https://host/embed/{id}` (signed URL) or the workbook/page/element URL (JWT). */
  embedPath: string
  versionTag?: string
  sessionLength: number
  mode: 'userbacked' | 'view'
  jwtVersion: '1.0' | '1.1'
  /** Workbook control values (`Control-Id=value`). */
  controls: NameValue[]
  theme: string
  menuPosition: '' | 'top' | 'bottom' | 'none'
  /** Hide flags by parameter name, e.g. ':hide_folder_navigation'. */
  hide: string[]
  lng: string
  lngVariant: string
  responsiveHeight: boolean
}

/** A signed embed URL. The URL is itself a one-time credential: shown, copyable, never logged. */
export interface SignedEmbed {
  method: SigningMethod
  url: string
  /** Every parameter as signed (for the JWT method: the URL's parameters; claims are in `jwt`). */
  params: NameValue[]
  /** The nonce (signed URL) or jti (JWT) that makes this URL single-use. */
  oneTimeId: string
  issuedAt: number
  expiresAt: number
  jwt?: { header: Record<string, unknown>; payload: Record<string, unknown> }
}

export const severities = ['error', 'warning', 'info'] as const
export type Severity = (typeof severities)[number]

/** One thing the inspector (or the emulator) has to say about an embed URL. */
export interface Finding {
  /** Stable code, e.g. SIGNATURE_INVALID. Tests, the CLI and the emulator switch on it. */
  code: string
  severity: Severity
  /** The parameter or claim it is about (":email", "exp"), or null for the URL as a whole. */
  param: string | null
  message: string
  fix: string
}

export interface InspectedParam {
  /** Where it lives: a URL parameter, a JWT header field or a JWT claim. */
  source: 'url' | 'jwt-header' | 'jwt-claim'
  name: string
  raw: string
  value: string
  meaning: string
  /** The worst finding about this parameter, or 'ok'. */
  check: 'ok' | Severity
}

export interface Inspection {
  method: 'url' | 'jwt' | 'unknown'
  signature: 'valid' | 'invalid' | 'unchecked'
  /** Which stored credential the signature verified with (name), when it did. */
  verifiedWith?: string
  findings: Finding[]
  params: InspectedParam[]
  /** What forensics tried when the signature did not verify. */
  ruledOut: string[]
  /** "Now" as the inspection used it (Unix seconds), after time travel. */
  now: number
}

export interface ParamDiff {
  name: string
  status: 'same' | 'changed' | 'only-left' | 'only-right' | 'moved'
  left: string | null
  right: string | null
  rawLeft: string | null
  rawRight: string | null
}

export interface UrlDiff {
  baseLeft: string
  baseRight: string
  params: ParamDiff[]
}

// ---------------------------------------------------------------------------------------------
// The emulator of the embed host

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
}

export type HostErrorCode = 'EEXIST' | 'EPERM' | 'ESTALE' | 'ENOENT' | 'EACCES' | 'EINVAL' | 'ETIMEDOUT' | 'NETWORK' | 'UNKNOWN'

export const embedPermissions = ['view', 'explore', 'edit', 'download'] as const
export type EmbedPermission = (typeof embedPermissions)[number]

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
 * between main/emulator/server.ts and renderer/emulator/.
 */
export interface WorkbookBootstrap {
  error: { code: HostErrorCode; message: string } | null
  session: (Omit<EmbedSession, 'oneTimeId'> & { workbookName: string; pageName: string | null; elementName: string | null }) | null
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

export interface EmulatorSettings {
  /** The port it listens on (a customer's embed API can be pointed at it). */
  port: number
  clockSkewSeconds: number
  maxSessionLengthSeconds: number
  /** Time travel: seconds added to the emulator's clock. */
  timeOffsetSeconds: number
  /** Real embed hosts the preview may frame (https origins), besides the emulator. */
  onlineHosts: string[]
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
  settings: EmulatorSettings
  targets: EmbedTarget[]
  teams: string[]
  accountTypes: { name: string; permissions: string[] }[]
  workbooks: { id: string; name: string; workspace: string; shares: { team: string; level: string }[] }[]
  people: EmulatorPerson[]
}

// ---------------------------------------------------------------------------------------------
// Client certificates (mTLS). The key and its passphrase go in, never come back out.

/** A certificate, key or CA as the user gave it: pasted text, or a file's bytes (base64). */
export type CertificateMaterial = { text: string } | { fileName: string; base64: string }

/** What one X.509 certificate says, as node:crypto (and, for a few fields, node-forge's ASN.1 reader) reads it. */
export interface CertificateDetails {
  subject: string
  issuer: string
  /** e.g. ["DNS:client.example.com", "email:ops@example.com"] */
  subjectAltNames: string[]
  /** Hex, upper case, as openssl prints it. */
  serialNumber: string
  /** ISO 8601. */
  validFrom: string
  validTo: string
  /** "RSA", "RSA-PSS", "EC", "Ed25519", "Ed448", ... */
  keyType: string
  /** Modulus bits for RSA, curve bits for EC, null for EdDSA. */
  keySize: number | null
  /** "P-256", "P-384", ... for EC keys. */
  curve: string | null
  /** "RSA 2048", "EC P-256", "Ed25519". */
  keyDescription: string
  /** e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA384", "Ed25519". */
  signatureAlgorithm: string
  /** SHA-256 over the DER, colon-separated hex (as openssl x509 -fingerprint -sha256 prints it). */
  fingerprintSha256: string
  isCa: boolean
  selfSigned: boolean
  /** Extended key usage by name (clientAuth, serverAuth, ...), or null when the extension is absent (any purpose). */
  extendedKeyUsage: string[] | null
  /** Key usage bits by name, or null when the extension is absent. */
  keyUsage: string[] | null
}

/** One link of the chain: `subject` was (or was not) issued by `issuedBy`. */
export interface ChainLink {
  subject: string
  issuedBy: string | null
  ok: boolean
  /** Why the link fails, in words; null when it holds. */
  problem: string | null
}

/** One line of the authorized-domains field, as it will be matched. */
export interface DomainRule {
  line: number
  input: string
  /** Normalized host pattern (lower case, punycode), e.g. "*.example.com"; null when the line is invalid. */
  pattern: string | null
  /** The port the rule is limited to, or null for any port. */
  port: number | null
  problem: string | null
}

export const passphraseStates = ['not-needed', 'correct', 'required', 'wrong', 'unused', 'not-checked'] as const
export type PassphraseState = (typeof passphraseStates)[number]

export interface CertificateReport {
  /** No error finding: the certificate can be used as given. */
  ok: boolean
  /** Whether the key belongs to the certificate; null when there is no readable key. */
  keyMatches: boolean | null
  /** Whether the chain verifies link by link up to the CA; null when no CA was given. */
  chainValid: boolean | null
  passphrase: PassphraseState
  /** e.g. "PEM chain (2 certificates)", "PKCS#12 (AES-256-CBC, PBKDF2-HMAC-SHA256, 2048 iterations)". */
  certificateFormat: string | null
  /** e.g. "Encrypted PKCS#8 (scrypt, AES-256-CBC)", "PKCS#1 RSA (unencrypted)". */
  keyFormat: string | null
  /** The client (leaf) certificate. */
  certificate: CertificateDetails | null
  /** Further certificates given with the client certificate (intermediates), in order. */
  chain: CertificateDetails[]
  ca: CertificateDetails[]
  links: ChainLink[]
  domains: DomainRule[]
  /** Codes: KEY_MISMATCH, PASSPHRASE_REQUIRED, ..., see main/protocol/findings.ts. `param` names the form field. */
  findings: Finding[]
}

export interface CertificateSummary {
  id: string
  name: string
  description: string
  /** The authorized-domains lines as saved. */
  domains: string[]
  createdAt: string
  updatedAt: string
  hasKey: boolean
  hasPassphrase: boolean
  hasCa: boolean
  /** The validation report; time findings (expiry) are computed again on every read. */
  report: CertificateReport
}

export interface SavedCertificate {
  /** Null when the certificate or key could not be read: nothing was saved, the report says why. */
  saved: CertificateSummary | null
  report: CertificateReport
}

export interface CertificateCandidate {
  id: string
  name: string
  matched: boolean
  /** The authorized-domain rule that matched, e.g. "*.example.com". */
  rule: string | null
  /** Why it matched or not, in words. */
  reason: string
  /** Has a readable key that matches: it can actually be presented. */
  usable: boolean
}

export interface CertificateMatch {
  host: string
  port: number
  /** The certificate a request to this URL presents, or null (the request goes without one). */
  selected: CertificateCandidate | null
  /** Why that one (or why none). */
  explanation: string
  candidates: CertificateCandidate[]
}

// ---------------------------------------------------------------------------------------------
// API credentials, the request runner and the local verification server. Secrets go in only.

export const apiEnvironments = ['test', 'production'] as const
export type ApiEnvironment = (typeof apiEnvironments)[number]
export const apiContentTypes = ['json', 'xml', 'form'] as const
export type ApiContentType = (typeof apiContentTypes)[number]
export const apiAuthTypes = ['headers', 'basic', 'bearer', 'aws4', 'hmac', 'none'] as const
export type ApiAuthType = (typeof apiAuthTypes)[number]
export const hmacParts = ['method', 'path', 'query', 'timestamp', 'bodyHash', 'clientId'] as const
export type HmacPart = (typeof hmacParts)[number]

/** What HMAC-SHA256 signs and where it goes. The default is documented in the README. */
export interface HmacOptions {
  /** Joined with `separator` in this order; query is canonical (sorted, RFC 3986), bodyHash is SHA-256 hex. */
  parts: HmacPart[]
  separator: string
  signatureHeader: string
  timestampHeader: string
  clientIdHeader: string
  encoding: 'hex' | 'base64'
  timestampFormat: 'unix' | 'iso'
}

/** The public half of an authentication setting; the secret half is stored encrypted and never returned. */
export type ApiAuth =
  | { type: 'none' }
  | { type: 'headers'; headerName: string }
  | { type: 'basic'; username: string }
  | { type: 'bearer'; headerName: string; scheme: string }
  | { type: 'aws4'; accessKeyId: string; region: string; service: string; endpoint: string }
  | { type: 'hmac'; clientId: string; options: HmacOptions }

export interface ApiCredentialSummary {
  id: string
  name: string
  baseUrl: string
  environment: ApiEnvironment
  contentType: ApiContentType
  headers: { name: string; value: string }[]
  orgSpecific: boolean
  auth: ApiAuth
  /** Names of the secret fields stored for `auth`, e.g. ["password"]. */
  secretsStored: string[]
  orgs: { org: string; auth: ApiAuth; secretsStored: string[] }[]
  createdAt: string
  updatedAt: string
}

export interface ApiRequestResult {
  /** What goes out, secrets masked. */
  request: { method: string; url: string; headers: [string, string][]; body: string }
  signing:
    | { kind: 'aws4'; canonicalRequest: string; stringToSign: string; signature: string; credentialScope: string; signedHeaders: string }
    | { kind: 'hmac'; stringToSign: string; signature: string }
    | null
  /** The client certificate presented (by authorized domains), or null, and why. */
  certificate: { name: string | null; explanation: string }
  response: {
    status: number
    statusText: string
    headers: [string, string][]
    body: string
    bodyTruncated: boolean
    timing: { connectMs: number | null; tlsMs: number | null; firstByteMs: number; totalMs: number }
    tls: {
      protocol: string | null
      cipher: string | null
      authorized: boolean
      authorizationError: string | null
      serverCertificate: { subject: string; issuer: string; validTo: string; fingerprintSha256: string } | null
      clientCertificatePresented: boolean
    } | null
  } | null
  /** When the request could not be sent or answered: why, in words. */
  error: { code: string; message: string } | null
  /** When the answer came from the local verification server: its verdict, and the line diff of the canonical request. */
  verifier: VerifyVerdict | null
  canonicalDiff: { line: number; ours: string; server: string }[] | null
}

export interface VerifyVerdict {
  id: number
  at: string
  /** The HTTP status it answered: 200, 401 (authentication) or 403 (client certificate). */
  status: number
  method: string
  path: string
  ok: boolean
  /** The scheme the request used, as the server read it. */
  scheme: string
  /** What is wrong, one sentence each. Empty when ok. */
  problems: string[]
  clientCertificate: { presented: boolean; subject: string | null; authorized: boolean; error: string | null }
  /** The server's own canonical request / string to sign, for comparison with the client's. */
  canonicalRequest: string | null
  stringToSign: string | null
}

export interface VerifyServerStatus {
  running: boolean
  url: string | null
  port: number | null
  requireClientCert: boolean
  /** The API credential (and org) whose secrets the server checks requests against. */
  expecting: { credentialId: string; name: string; org: string | null } | null
  clientCa: string | null
  /** PEM of the server's own certificate (generated at start), to trust it from other clients. */
  serverCertificatePem: string | null
  requests: VerifyVerdict[]
}

// ---------------------------------------------------------------------------------------------
// Input schemas

const noInput = z.object({}).strict()
const id = z.string().min(1).max(100)
const passphrase = z.string().max(1024)
const name = z.string().max(200)
const description = z.string().max(2000)
const owner = z.string().max(320)
const accountType = z.string().max(100)

const text = (max: number) => z.string().max(max)
const nameValue = z.object({ name: text(500), value: text(10_000) }).strict()

export const personaInputSchema = z
  .object({
    name: text(200),
    email: text(320).default(''),
    externalUserId: text(500).default(''),
    teams: z.array(text(200)).max(200).default([]),
    accountType: text(100).default('Viewer'),
    userAttributes: z.array(z.object({ name: text(200), values: z.array(text(2000)).max(200) }).strict()).max(200).default([]),
    firstName: text(200).default(''),
    lastName: text(200).default(''),
    evalConnectionId: text(200).default(''),
    extraParams: z.array(nameValue).max(200).default([])
  })
  .strict()
export type PersonaInput = z.input<typeof personaInputSchema>

export const embedOptionsSchema = z
  .object({
    embedPath: text(4000),
    versionTag: text(200).optional(),
    sessionLength: z.number().int().min(0).max(1e12),
    mode: z.enum(['userbacked', 'view']).default('userbacked'),
    jwtVersion: z.enum(['1.0', '1.1']).default('1.1'),
    controls: z.array(nameValue).max(200).default([]),
    theme: text(200).default(''),
    menuPosition: z.enum(['', 'top', 'bottom', 'none']).default(''),
    hide: z.array(text(100)).max(50).default([]),
    lng: text(50).default(''),
    lngVariant: text(50).default(''),
    responsiveHeight: z.boolean().default(false)
  })
  .strict()

/** 10 MB: a whole pasted log line must get findings, not a refusal. */
const MAX_PASTE = 10 * 1024 * 1024

const credentialFields = {
  name,
  description: description.default(''),
  owner: owner.default(''),
  ownerAccountType: accountType.default('Admin')
}

/** Certificates and keys are a few KB; a 1 MB paste is surely the wrong file, said as such. */
export const MAX_CERTIFICATE_BYTES = 1024 * 1024
const certificateMaterialSchema = z.union([
  z.object({ text: z.string().max(MAX_CERTIFICATE_BYTES, `That is over ${MAX_CERTIFICATE_BYTES / 1024} KB; a certificate or key is a few KB. Is it the right file?`) }).strict(),
  z
    .object({
      fileName: text(500),
      base64: z
        .string()
        .max(Math.ceil(MAX_CERTIFICATE_BYTES / 3) * 4, `That file is over ${MAX_CERTIFICATE_BYTES / 1024} KB; a certificate or key is a few KB. Is it the right file?`)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'file bytes as base64')
    })
    .strict()
])
const certificateFields = {
  /** Authorized domains, one per line. */
  domains: text(20_000).default(''),
  /** Absent when editing: keep the stored certificate. */
  certificate: certificateMaterialSchema.optional(),
  /** Absent: keep the stored key; null: remove it. */
  key: certificateMaterialSchema.nullable().optional(),
  /** Absent: keep the stored passphrase (only when the key is kept). */
  passphrase: passphrase.optional(),
  /** Absent: keep the stored CA; null: remove it. */
  ca: certificateMaterialSchema.nullable().optional()
}

const headerName = z.string().min(1).max(200).regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name (letters, digits and - _ .)')
const headerValue = z.string().max(8000).refine((v) => !/[\r\n]/.test(v), 'a header value on one line')
const secretValue = z.string().max(8000).optional()
export const hmacOptionsSchema = z
  .object({
    parts: z.array(z.enum(hmacParts)).min(1).max(6),
    separator: z.string().max(10),
    signatureHeader: headerName,
    timestampHeader: headerName,
    clientIdHeader: headerName,
    encoding: z.enum(['hex', 'base64']),
    timestampFormat: z.enum(['unix', 'iso'])
  })
  .strict()
/** An auth setting with its secret fields; a secret field left out keeps the stored one. */
export const apiAuthInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('headers'), headerName, value: secretValue }).strict(),
  z.object({ type: z.literal('basic'), username: text(500), password: secretValue }).strict(),
  z.object({ type: z.literal('bearer'), headerName: headerName.default('Authorization'), scheme: text(50).default('Bearer'), token: secretValue }).strict(),
  z
    .object({ type: z.literal('aws4'), accessKeyId: text(200), secretAccessKey: secretValue, region: text(50), service: text(100), endpoint: text(2000).default(''), sessionToken: secretValue })
    .strict(),
  z.object({ type: z.literal('hmac'), clientId: text(500), clientSecret: secretValue, options: hmacOptionsSchema.optional() }).strict()
])

// ---------------------------------------------------------------------------------------------
// The channel table

interface Channel<S extends z.ZodType, R> {
  input: S
  /** Phantom: carries the result type for the renderer and the dispatcher. Never read. */
  result?: R
}
function channel<R>() {
  return <S extends z.ZodType>(input: S): Channel<S, R> => ({ input })
}

export const contract = {
  getVaultStatus: channel<VaultStatus>()(noInput),
  setUpVault: channel<VaultStatus>()(
    z.object({ passphrase, confirmation: passphrase }).strict()
  ),
  unlockVault: channel<VaultStatus>()(z.object({ passphrase }).strict()),
  lockVault: channel<VaultStatus>()(noInput),
  changePassphrase: channel<VaultStatus>()(
    z.object({ current: passphrase, next: passphrase, confirmation: passphrase }).strict()
  ),

  listCredentials: channel<CredentialSummary[]>()(noInput),
  createCredential: channel<CreatedCredential>()(z.object(credentialFields).strict()),
  importCredential: channel<ImportedCredential>()(
    z
      .object({
        ...credentialFields,
        clientId: z.string().max(10_000),
        secret: z.string().max(10_000)
      })
      .strict()
  ),
  revokeCredential: channel<CredentialSummary>()(z.object({ id }).strict()),
  regenerateCredential: channel<RegeneratedCredential>()(z.object({ id }).strict()),
  deleteCredential: channel<{ id: string }>()(z.object({ id }).strict()),
  listPersonas: channel<Persona[]>()(noInput),
  createPersona: channel<Persona>()(personaInputSchema),
  updatePersona: channel<Persona>()(z.object({ id, persona: personaInputSchema }).strict()),
  duplicatePersona: channel<Persona>()(z.object({ id }).strict()),
  deletePersona: channel<{ id: string }>()(z.object({ id }).strict()),
  /** JSON text of the personas given (all when ids is absent). Holds no secret. */
  exportPersonas: channel<{ json: string; count: number }>()(z.object({ ids: z.array(id).optional() }).strict()),
  importPersonas: channel<{ imported: Persona[]; notices: string[] }>()(z.object({ json: text(MAX_PASTE) }).strict()),

  listCertificates: channel<CertificateSummary[]>()(noInput),
  /** Validates without saving. With `id`, material left out is taken from that stored certificate. */
  validateCertificate: channel<CertificateReport>()(z.object({ id: id.optional(), ...certificateFields }).strict()),
  /** Creates (no id) or edits a certificate; validates first and saves when it is readable. */
  saveCertificate: channel<SavedCertificate>()(
    z.object({ id: id.optional(), name, description: description.default(''), ...certificateFields }).strict()
  ),
  deleteCertificate: channel<{ id: string }>()(z.object({ id }).strict()),
  /** Which stored certificate a request to this URL would present, and why. */
  matchCertificateForUrl: channel<CertificateMatch>()(z.object({ url: text(10_000) }).strict()),

  listApiCredentials: channel<{ environment: ApiEnvironment; credentials: ApiCredentialSummary[] }>()(noInput),
  setApiEnvironment: channel<{ environment: ApiEnvironment }>()(z.object({ environment: z.enum(apiEnvironments) }).strict()),
  saveApiCredential: channel<ApiCredentialSummary>()(
    z
      .object({
        id: id.optional(),
        name,
        baseUrl: text(2000),
        environment: z.enum(apiEnvironments),
        contentType: z.enum(apiContentTypes),
        headers: z.array(z.object({ name: headerName, value: headerValue }).strict()).max(50).default([]),
        orgSpecific: z.boolean().default(false),
        auth: apiAuthInputSchema,
        orgs: z.array(z.object({ org: text(200), auth: apiAuthInputSchema }).strict()).max(100).default([])
      })
      .strict()
  ),
  deleteApiCredential: channel<{ id: string }>()(z.object({ id }).strict()),
  /** Builds (and with send, sends) a request with a stored API credential. */
  sendApiRequest: channel<ApiRequestResult>()(
    z
      .object({
        credentialId: id,
        org: text(200).optional(),
        method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']),
        path: text(8000),
        body: text(MAX_PASTE).default(''),
        headers: z.array(z.object({ name: headerName, value: headerValue }).strict()).max(50).default([]),
        send: z.boolean().default(true)
      })
      .strict()
  ),
  getVerifyServer: channel<VerifyServerStatus>()(noInput),
  startVerifyServer: channel<VerifyServerStatus>()(
    z
      .object({
        port: z.number().int().min(0).max(65535).default(0),
        credentialId: id,
        org: text(200).optional(),
        requireClientCert: z.boolean().default(false),
        /** Client certificates must be issued by this stored certificate's CA. */
        clientCaCertificateId: id.optional(),
        maxSkewSeconds: z.number().int().min(0).max(86_400).default(300)
      })
      .strict()
  ),
  stopVerifyServer: channel<VerifyServerStatus>()(noInput),

  signEmbedUrl: channel<SignedEmbed & { findings: Finding[] }>()(
    z
      .object({
        method: z.enum(signingMethods),
        credentialId: id,
        personaId: id,
        options: embedOptionsSchema
      })
      .strict()
  ),
  inspectEmbed: channel<Inspection>()(
    z
      .object({
        input: text(MAX_PASTE),
        /** Time travel: inspect as if now were this Unix time. */
        now: z.number().int().min(0).max(1e13).optional()
      })
      .strict()
  ),
  diffEmbedUrls: channel<UrlDiff>()(z.object({ left: text(MAX_PASTE), right: text(MAX_PASTE) }).strict()),

  getEmulator: channel<EmulatorStatus>()(noInput),
  updateEmulatorSettings: channel<EmulatorStatus>()(
    z
      .object({
        port: z.number().int().min(0).max(65535).optional(),
        clockSkewSeconds: z.number().int().min(0).max(86_400).optional(),
        maxSessionLengthSeconds: z.number().int().min(1).max(31_536_000).optional(),
        timeOffsetSeconds: z.number().int().min(-31_536_000).max(31_536_000).optional(),
        onlineHosts: z.array(text(500)).max(20).optional()
      })
      .strict()
  ),
  listEmulatorRequests: channel<EmulatorRequest[]>()(z.object({ sinceId: z.number().int().min(0).optional() }).strict()),
  setPersonDeactivated: channel<EmulatorStatus>()(z.object({ email: text(320), deactivated: z.boolean() }).strict()),
  resetEmulatorOrg: channel<EmulatorStatus>()(noInput),
  /** Replaces the org's teams, account types and/or a workbook's shares (each list as a whole). */
  updateEmulatorOrg: channel<EmulatorStatus>()(
    z
      .object({
        teams: z.array(text(200)).max(500).optional(),
        accountTypes: z.array(z.object({ name: text(100), permissions: z.array(z.enum(embedPermissions)) }).strict()).max(100).optional(),
        shares: z
          .object({ workbookId: id, shares: z.array(z.object({ team: text(200), level: z.enum(['View', 'Explore', 'Contribute', 'Manage']) }).strict()).max(500) })
          .strict()
          .optional()
      })
      .strict()
  )
} as const

export type Contract = typeof contract
export type ChannelName = keyof Contract
export const channelNames = Object.keys(contract) as ChannelName[]

/** What the renderer sends (defaults not yet applied). */
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>
/** What a service receives (after the schema has parsed and applied defaults). */
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>
export type ChannelResult<K extends ChannelName> = NonNullable<Contract[K]['result']>

/** The object the preload exposes as `window.workbench`: one named function per channel. */
export type Bridge = {
  [K in ChannelName]: {} extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<Result<ChannelResult<K>>>
    : (input: ChannelInput<K>) => Promise<Result<ChannelResult<K>>>
}

/** The name under which the bridge is exposed on `window`. */
export const bridgeGlobalName = 'workbench'
