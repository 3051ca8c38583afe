import type {
  ApiAuth,
  ApiAuthType,
  ApiContentType,
  ApiCredentialSummary,
  ApiEnvironment,
  ChannelInput,
  HmacOptions,
  SigV4Options,
  HmacPart,
  NameValue,
  WorkbenchFailure
} from '../../../../preload/contract'
import type { FormErrors } from '../../ui/formErrors'
import { defaultHmacOptions, defaultSigV4Options, HEADER_NAME_PATTERN } from '../../../../preload/contract/constants'

// ---------------------------------------------------------------------------------------------
// Words

export const authTypeOptions: readonly { value: ApiAuthType; label: string; short: string }[] = [
  { value: 'headers', label: 'Headers', short: 'Headers' },
  { value: 'basic', label: 'Basic', short: 'Basic' },
  { value: 'bearer', label: 'Token (Bearer)', short: 'Bearer token' },
  { value: 'aws4', label: 'AWS4', short: 'AWS4' },
  { value: 'hmac', label: 'HMAC-SHA256', short: 'HMAC-SHA256' },
  { value: 'none', label: 'No authentication', short: 'None' }
]

export function authTypeLabel(type: ApiAuthType): string {
  return authTypeOptions.find((option) => option.value === type)?.short ?? type
}

export const contentTypeOptions: readonly { value: ApiContentType; label: string; mime: string }[] = [
  { value: 'json', label: 'JSON', mime: 'application/json' },
  { value: 'xml', label: 'XML', mime: 'application/xml' },
  { value: 'form', label: 'form-urlencoded', mime: 'application/x-www-form-urlencoded' }
]

export function contentTypeMime(type: ApiContentType): string {
  return contentTypeOptions.find((option) => option.value === type)?.mime ?? type
}

export const environmentLabel: Record<ApiEnvironment, string> = { test: 'Test', production: 'Production' }

/** Why a credential cannot be used now, or null when it can. */
export function unusableReason(credential: { environment: ApiEnvironment }, selected: ApiEnvironment): string | null {
  if (credential.environment === selected) return null
  return credential.environment === 'test'
    ? 'A test credential: used only while Test is selected.'
    : 'A production credential: used only while Production is selected.'
}

// ---------------------------------------------------------------------------------------------
// HMAC-SHA256

export const hmacPartLabel: Record<HmacPart, { label: string; sample: string }> = {
  method: { label: 'Method', sample: 'METHOD' },
  path: { label: 'Path', sample: 'path' },
  query: { label: 'Canonical query', sample: 'canonical query' },
  timestamp: { label: 'Timestamp', sample: 'timestamp' },
  bodyHash: { label: 'Body hash', sample: 'hex(SHA-256(body))' },
  clientId: { label: 'Client id', sample: 'client id' }
}

export const hmacPartHint: Record<HmacPart, string> = {
  method: 'Upper case, e.g. POST',
  path: 'As sent, e.g. /v1/orders',
  query: 'Pairs sorted by name then value, RFC 3986 encoded, joined with &',
  timestamp: 'The value of the timestamp header',
  bodyHash: 'SHA-256 of the body, hex (of the empty string when there is none)',
  clientId: 'The client id, as in the client id header'
}

/** The separator as the user types it: "\n" for a newline, "\t" for a tab. */
export function separatorText(separator: string): string {
  return separator.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
}

export function separatorValue(text: string): string {
  return text.replace(/\\(\\|n|r|t)/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\'
  )
}

export function sameHmacOptions(a: HmacOptions, b: HmacOptions): boolean {
  return (
    a.parts.join(',') === b.parts.join(',') &&
    a.separator === b.separator &&
    a.signatureHeader === b.signatureHeader &&
    a.timestampHeader === b.timestampHeader &&
    a.clientIdHeader === b.clientIdHeader &&
    a.encoding === b.encoding &&
    a.timestampFormat === b.timestampFormat
  )
}

// ---------------------------------------------------------------------------------------------
// Secrets

export const secretFieldsOf: Record<ApiAuthType, SecretField[]> = {
  none: [],
  headers: ['value'],
  basic: ['password'],
  bearer: ['token'],
  aws4: ['secretAccessKey', 'sessionToken'],
  hmac: ['clientSecret']
}
export type SecretField = 'value' | 'password' | 'token' | 'secretAccessKey' | 'sessionToken' | 'clientSecret'
/** Secrets that may be left empty (and removed). */
export const optionalSecrets: readonly SecretField[] = ['sessionToken']

/**
 * What the form holds for one secret field. Absent from the draft: the stored one is kept when
 * there is one (else it is empty). "new" is typed here (and leaves the renderer on save); "removed"
 * sends an empty value so main drops the stored one (optional secrets only).
 */
export type SecretDraft = { kind: 'new'; value: string } | { kind: 'removed' }
export type SecretView = { kind: 'stored' } | { kind: 'removed' } | { kind: 'new'; value: string }

// ---------------------------------------------------------------------------------------------
// The draft

/** The public fields of every auth type, kept while the user switches types. */
export interface AuthFields {
  headerName: string
  username: string
  bearerHeaderName: string
  scheme: string
  accessKeyId: string
  region: string
  service: string
  endpoint: string
  clientId: string
  options: HmacOptions
  /** How SigV4 signs where services differ (path rule, payload line, session token). */
  sigv4: SigV4Options
}

/** Keys for one organization; its auth type is the credential's. */
export interface OrgDraft {
  /** React key, stable while rows are added and removed. */
  key: number
  org: string
  fields: AuthFields
  secrets: Partial<Record<SecretField, SecretDraft>>
  /** The org as stored (main keeps its secrets only under the same name and auth type). */
  stored: { org: string; type: ApiAuthType; secrets: string[] } | null
}

export interface ApiCredentialDraft {
  name: string
  baseUrl: string
  environment: ApiEnvironment
  contentType: ApiContentType
  headers: NameValue[]
  orgSpecific: boolean
  type: ApiAuthType
  fields: AuthFields
  secrets: Partial<Record<SecretField, SecretDraft>>
  orgs: OrgDraft[]
}

export const emptyAuthFields: AuthFields = {
  headerName: '',
  username: '',
  bearerHeaderName: 'Authorization',
  scheme: 'Bearer',
  accessKeyId: '',
  region: '',
  service: '',
  endpoint: '',
  clientId: '',
  options: defaultHmacOptions,
  sigv4: defaultSigV4Options
}

export const emptyApiCredentialDraft: ApiCredentialDraft = {
  name: '',
  baseUrl: '',
  environment: 'test',
  contentType: 'json',
  headers: [],
  orgSpecific: false,
  type: 'hmac',
  fields: emptyAuthFields,
  secrets: {},
  orgs: []
}

let orgKeys = 0
export function nextOrgKey(): number {
  return ++orgKeys
}

export function fieldsOf(auth: ApiAuth): AuthFields {
  const fields = { ...emptyAuthFields }
  switch (auth.type) {
    case 'none':
      break
    case 'headers':
      fields.headerName = auth.headerName
      break
    case 'basic':
      fields.username = auth.username
      break
    case 'bearer':
      fields.bearerHeaderName = auth.headerName
      fields.scheme = auth.scheme
      break
    case 'aws4':
      Object.assign(fields, {
        accessKeyId: auth.accessKeyId,
        region: auth.region,
        service: auth.service,
        endpoint: auth.endpoint,
        sigv4: auth.options ?? defaultSigV4Options
      })
      break
    case 'hmac':
      fields.clientId = auth.clientId
      fields.options = auth.options
      break
  }
  return fields
}

export function draftOf(summary: ApiCredentialSummary): ApiCredentialDraft {
  return {
    name: summary.name,
    baseUrl: summary.baseUrl,
    environment: summary.environment,
    contentType: summary.contentType,
    headers: summary.headers.map((header) => ({ ...header })),
    orgSpecific: summary.orgSpecific,
    type: summary.auth.type,
    fields: fieldsOf(summary.auth),
    secrets: {},
    orgs: summary.orgs.map((org) => ({
      key: nextOrgKey(),
      org: org.org,
      fields: fieldsOf(org.auth),
      secrets: {},
      stored: { org: org.org, type: org.auth.type, secrets: org.secretsStored }
    }))
  }
}

export function newOrg(fields: AuthFields = emptyAuthFields): OrgDraft {
  // A new organization starts with the credential's HMAC options, as it shares its scheme.
  return {
    key: nextOrgKey(),
    org: '',
    fields: { ...emptyAuthFields, options: fields.options, sigv4: fields.sigv4 },
    secrets: {},
    stored: null
  }
}

/** The secrets stored for the credential's own keys, when they still apply to the draft. */
export function storedSecretsOf(draft: ApiCredentialDraft, summary: ApiCredentialSummary | null): string[] {
  return summary && summary.auth.type === draft.type ? summary.secretsStored : []
}

/** The secrets stored for an organization, when they still apply (same name, same type). */
export function storedOrgSecrets(org: OrgDraft, type: ApiAuthType): string[] {
  const stored = org.stored
  if (!stored || stored.type !== type || stored.org.trim().toLowerCase() !== org.org.trim().toLowerCase()) return []
  return stored.secrets
}

export function secretView(
  secrets: Partial<Record<SecretField, SecretDraft>>,
  stored: readonly string[],
  field: SecretField
): SecretView {
  const draft = secrets[field]
  if (draft?.kind === 'new') return draft
  if (stored.includes(field)) return draft?.kind === 'removed' ? { kind: 'removed' } : { kind: 'stored' }
  return { kind: 'new', value: '' }
}

// ---------------------------------------------------------------------------------------------
// Save

type SaveInput = ChannelInput<'saveApiCredential'>
type AuthInput = SaveInput['auth']

function authInput(
  type: ApiAuthType,
  fields: AuthFields,
  secrets: Partial<Record<SecretField, SecretDraft>>,
  stored: readonly string[]
): AuthInput {
  const secret = (field: SecretField): string | undefined => {
    const view = secretView(secrets, stored, field)
    if (view.kind === 'stored') return undefined
    if (view.kind === 'removed') return ''
    // Empty: keep the stored one (main does), or none.
    return view.value === '' ? undefined : view.value
  }
  const withSecret = <T extends object>(input: T, field: SecretField): T => {
    const value = secret(field)
    return value === undefined ? input : { ...input, [field]: value }
  }
  switch (type) {
    case 'none':
      return { type: 'none' }
    case 'headers':
      return withSecret({ type: 'headers', headerName: fields.headerName.trim() }, 'value')
    case 'basic':
      return withSecret({ type: 'basic', username: fields.username }, 'password')
    case 'bearer':
      return withSecret(
        { type: 'bearer', headerName: fields.bearerHeaderName.trim() || 'Authorization', scheme: fields.scheme.trim() },
        'token'
      )
    case 'aws4':
      return withSecret(
        withSecret(
          {
            type: 'aws4',
            accessKeyId: fields.accessKeyId,
            region: fields.region,
            service: fields.service,
            endpoint: fields.endpoint.trim(),
            options: fields.sigv4
          },
          'secretAccessKey'
        ),
        'sessionToken'
      )
    case 'hmac':
      return withSecret({ type: 'hmac', clientId: fields.clientId, options: fields.options }, 'clientSecret')
  }
}

export function saveInput(draft: ApiCredentialDraft, summary: ApiCredentialSummary | null): SaveInput {
  const input: SaveInput = {
    name: draft.name,
    baseUrl: draft.baseUrl.trim(),
    environment: draft.environment,
    contentType: draft.contentType,
    // A row left entirely empty is dropped rather than refused.
    headers: draft.headers
      .filter((header) => header.name.trim() || header.value.trim())
      .map((header) => ({ name: header.name.trim(), value: header.value })),
    orgSpecific: draft.orgSpecific,
    auth: authInput(draft.type, draft.fields, draft.secrets, storedSecretsOf(draft, summary)),
    // Organizations share the credential's HMAC scheme (its options are edited once, above).
    orgs: draft.orgSpecific
      ? draft.orgs.map((org) => ({
          org: org.org,
          auth: authInput(
            draft.type,
            { ...org.fields, options: draft.fields.options, sigv4: draft.fields.sigv4 },
            org.secrets,
            storedOrgSecrets(org, draft.type)
          )
        }))
      : []
  }
  if (summary) input.id = summary.id
  return input
}

/** Whether saving would change anything: the save input compared, and any secret typed. */
export function isDirty(
  draft: ApiCredentialDraft,
  baseline: ApiCredentialDraft,
  summary: ApiCredentialSummary | null
): boolean {
  if (!summary) {
    // New: dirty as soon as anything was typed or chosen.
    return JSON.stringify(comparable(draft, null)) !== JSON.stringify(comparable(baseline, null))
  }
  return JSON.stringify(comparable(draft, summary)) !== JSON.stringify(comparable(baseline, summary))
}

function comparable(draft: ApiCredentialDraft, summary: ApiCredentialSummary | null) {
  const input = saveInput(draft, summary)
  return { ...input, name: input.name.trim() }
}

// ---------------------------------------------------------------------------------------------
// Errors

/** What is wrong with a list of header rows before it is sent (main says it less kindly), or null. */
export function headerRowsProblem(rows: readonly NameValue[]): string | null {
  for (const [index, row] of rows.entries()) {
    const name = row.name.trim()
    if (!name && !row.value.trim()) continue
    if (!name) return `Header ${index + 1} has a value but no name.`
    if (!HEADER_NAME_PATTERN.test(name))
      return `“${name}” is not a header name: use letters, digits and - _ . (no spaces or colons).`
  }
  return null
}

/** What is wrong with the HMAC header names, or null. */
export function hmacOptionsProblem(options: HmacOptions): string | null {
  const names: [string, string][] = [
    ['signature header', options.signatureHeader],
    ['timestamp header', options.timestampHeader],
    ['client id header', options.clientIdHeader]
  ]
  for (const [label, value] of names) {
    if (!value.trim()) return `Enter the ${label} name.`
    if (!HEADER_NAME_PATTERN.test(value.trim()))
      return `The ${label} “${value}” is not a header name: use letters, digits and - _ .`
  }
  return null
}

/**
 * Where a save failure shows. Main names fields such as "name", "baseUrl", "headers",
 * "auth.password", "auth.options.signatureHeader", "orgs", "orgs.0.org" or "orgs.clientSecret";
 * a message about one organization ("Organization "Acme": …") goes under that organization.
 */
export function placeApiError(error: WorkbenchFailure, draft: ApiCredentialDraft): FormErrors {
  const field = error.field ?? ''
  const at = (key: string): FormErrors => ({ fields: { [key]: error.message }, form: null })
  const orgName = /^Organization "([^"]*)"/.exec(error.message)?.[1]
  if (orgName !== undefined) {
    const index = draft.orgs.findIndex((org) => org.org.trim().toLowerCase() === orgName.toLowerCase())
    if (index >= 0) {
      const leaf = field.split('.').pop() ?? ''
      return at(leaf && leaf !== 'orgs' ? `orgs.${index}.auth.${leaf}` : `orgs.${index}`)
    }
    return at('orgs')
  }
  if (field === 'name' || field === 'baseUrl' || field === 'contentType' || field === 'environment') return at(field)
  if (field === 'headers' || field.startsWith('headers.')) return at('headers')
  if (field.startsWith('auth.options')) return at('auth.options')
  if (field.startsWith('auth.')) return at(`auth.${field.split('.')[1]}`)
  if (field === 'auth') return at('auth.type')
  const org = /^orgs\.(\d+)(?:\.(org|auth)(?:\.(\w+))?)?/.exec(field)
  if (org) {
    const [, index, part, leaf] = org
    if (part === 'org') return at(`orgs.${index}.org`)
    if (part === 'auth' && leaf === 'options') return at('auth.options')
    if (part === 'auth' && leaf) return at(`orgs.${index}.auth.${leaf}`)
    return at(`orgs.${index}`)
  }
  if (field.startsWith('orgs')) return at('orgs')
  return { fields: {}, form: error.message }
}

/** The element id of the control for an error key, so a failed save can move focus there. */
export function apiControlId(key: string): string {
  return `api-${key.replace(/\./g, '-')}`
}

/** Problems the form can name before main is asked: header names, HMAC header names. */
export function localProblem(draft: ApiCredentialDraft): { key: string; message: string } | null {
  const headers = headerRowsProblem(draft.headers)
  if (headers) return { key: 'headers', message: headers }
  const hmac = draft.type === 'hmac' ? hmacOptionsProblem(draft.fields.options) : null
  if (hmac) return { key: 'auth.options', message: hmac }
  return null
}
