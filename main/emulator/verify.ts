/**
 * The emulator's verdict on one embed request: the inspector's checks (signature over the URL as
 * received, parameters, time window, limits) plus what only the host knows (its org, the nonces
 * it has seen), answered with the documented message and code.
 */
import { createHash } from 'node:crypto'
import { appendFileSync, readFileSync } from 'node:fs'
import type { EmbedIdentity, EmbedSession, Finding, HostErrorCode, Inspection } from '../../preload/contract'
import { finding, sortFindings, type FindingCode } from '../protocol/findings'
import type { ForensicsBudget } from '../inspector/forensics'
import { inspectEmbed, type KnownCredential } from '../inspector/inspector'
import type { ProtocolLimits } from '../protocol/parameters'
import { USER_ATTRIBUTE_PREFIX } from '../protocol/parameters'
import { writeFileAtomic } from '../store/json-file'
import { accountTypesOf, modelLabel, modelsWithType } from './account-types'
import { permissions, resolveTarget, shareLevelPermissions, type Org } from './org'
import { personByEmail } from './people'

export type { HostErrorCode }

/** The documented messages, verbatim (including the curly apostrophe of "expired"). */
export const hostMessages = {
  invalidRequest: 'Invalid embed request.',
  emailInvalid: 'Invalid embed request. ":email" is not valid.',
  sessionLength: 'Invalid embed request. ":session_length" exceeds maximum',
  sessionExpired: 'Session expired. Reload the page.',
  notFound: "The page you're looking for does not exist. Embed not found.",
  teamsUnknown:
    'The specified teams in ":external_user_team" do not exist. Please check spelling or create new teams in the admin portal.',
  noPermission: "You don't have permission to access this page.",
  badSignature: "You don't have permission to access this page. Invalid embed signature.",
  expired: 'You don’t have permission to access this page. Sigma embed is expired.',
  internalAccountType: "You don't have permission to access this page. Cannot update account type for internal users.",
  badSub: "You don't have permission to access this page. Invalid sub field in payload.",
  /** The error-code page's definition of EPERM; it documents no message of its own. */
  notPermitted: 'The requested operation is not permitted.',
  /** The error-code pages' definition of EEXIST; they document no message of its own. */
  duplicate: 'Duplicate record detected.'
} as const

interface HostAnswer {
  message: string
  code: HostErrorCode
  status: number
  /**
   * The methods whose doc page lists this cause among the messages shown without a code: the page
   * and the workbook:error event then carry the message alone. The signed-URL page
   * (help.sigmacomputing.com/docs/secure-embed-error-code-reference) lists its parameter-based
   * messages so; the JWT page (…/common-embed-error-codes-and-messages) gives codes.
   */
  withoutCode: readonly ('url' | 'jwt')[]
}
const answer = (message: string, code: HostErrorCode, status = 403, withoutCode: HostAnswer['withoutCode'] = []) => ({
  message,
  code,
  status,
  withoutCode
})
/** A cause in the signed-URL page's table of parameter-based messages. */
const SIGNED_URL_MESSAGE = ['url'] as const

/** Which documented answer each finding gets, in the order the host checks them. */
const answers: [FindingCode[], HostAnswer][] = [
  [['EMBED_NOT_FOUND', 'WRONG_URL_FORM'], answer(hostMessages.notFound, 'ENOENT', 404, SIGNED_URL_MESSAGE)],
  [
    ['CLIENT_ID_UNKNOWN', 'CLIENT_ID_TRUNCATED', 'JWT_KID_MISSING', 'JWT_KID_UNKNOWN', 'CREDENTIAL_REVOKED'],
    answer(hostMessages.noPermission, 'EACCES', 403, SIGNED_URL_MESSAGE)
  ],
  [['JWT_MALFORMED', 'JWT_ALG_NOT_HS256'], answer(hostMessages.invalidRequest, 'EINVAL', 400)],
  [
    [
      'SIGNATURE_MISSING',
      'SIGNATURE_INVALID',
      'SIGNATURE_FORMAT',
      'SIGNATURE_NOT_LAST',
      'SIGNED_WITH_OTHER_CREDENTIAL',
      'SECRET_WHITESPACE',
      'SECRET_HEX_DECODED',
      'ENCODING_CHANGED_AFTER_SIGNING',
      'PARAM_ADDED_AFTER_SIGNING',
      'PARAM_REMOVED_AFTER_SIGNING',
      'PARAM_VALUE_CHANGED',
      'PARAM_REORDERED_AFTER_SIGNING',
      'SIGNED_PORTION_WRONG',
      'SIGNED_FOR_OTHER_HOST'
    ],
    answer(hostMessages.badSignature, 'EACCES', 403, SIGNED_URL_MESSAGE)
  ],
  [
    ['EXPIRED', 'TIME_IN_FUTURE', 'TIME_IN_MILLISECONDS', 'TIME_INVALID', 'JWT_EXP_TOO_FAR'],
    answer(hostMessages.expired, 'EINVAL', 403, SIGNED_URL_MESSAGE)
  ],
  // The code table: "an embed URL nonce has already been used" (EINVAL).
  [['NONCE_REUSED'], answer(hostMessages.invalidRequest, 'EINVAL', 400)],
  [['MODE_INVALID'], answer(hostMessages.invalidRequest, 'EINVAL', 400, SIGNED_URL_MESSAGE)],
  [['EMAIL_INVALID'], answer(hostMessages.emailInvalid, 'EINVAL', 400, SIGNED_URL_MESSAGE)],
  [['JWT_SUB_INVALID'], answer(hostMessages.badSub, 'EINVAL')],
  [['SESSION_LENGTH_EXCEEDS_MAX'], answer(hostMessages.sessionLength, 'EINVAL', 400, SIGNED_URL_MESSAGE)],
  [['TEAM_UNKNOWN'], answer(hostMessages.teamsUnknown, 'EINVAL', 400, SIGNED_URL_MESSAGE)],
  [['TEAM_LIST_EMPTY'], answer(hostMessages.noPermission, 'EACCES', 403, SIGNED_URL_MESSAGE)],
  // The code table: "the embedded workbook is not shared or no longer shared with the user" (EACCES).
  [['WORKBOOK_NOT_SHARED'], answer(hostMessages.noPermission, 'EACCES')],
  [['INTERNAL_USER_ACCOUNT_TYPE'], answer(hostMessages.internalAccountType, 'EACCES')],
  [['USER_DEACTIVATED'], answer(hostMessages.noPermission, 'ENOENT')],
  [['USER_NOT_PROVISIONED'], answer(hostMessages.notPermitted, 'EPERM')],
  [['USER_EXISTS'], answer(hostMessages.duplicate, 'EEXIST')]
]
const fallback = answer(hostMessages.invalidRequest, 'EINVAL', 400)

export function hostAnswerFor(findings: Finding[]): HostAnswer | null {
  const errors = findings.filter((f) => f.severity === 'error')
  if (!errors.length) return null
  for (const [codes, a] of answers) if (errors.some((f) => (codes as string[]).includes(f.code))) return a
  return fallback
}

/**
 * Forensics for one request to the emulator, which answers anyone on the machine: enough for the
 * usual failures of a real embed URL (a few KB, a few dozen parameters), never a stall.
 */
export const emulatorForensicsBudget: ForensicsBudget = { maxBytes: 4 * 1024 * 1024, maxMs: 20 }

/**
 * The nonces and jtis seen: single use, bounded, and (with a file) kept across restarts until each
 * one's URL or token would have expired anyway. The file holds SHA-256 digests, not the ids.
 */
export class OneTimeLedger {
  /**
   * Digest of the id -> Unix seconds after which the id could not pass the time checks anyway, and
   * when it was used (0 in ledgers written before that was kept).
   */
  private readonly seen = new Map<string, { expires: number; usedAt: number }>()
  private appended = 0

  constructor(
    private readonly file: string | null = null,
    now = Math.floor(Date.now() / 1000),
    private readonly capacity = 100_000
  ) {
    if (!file) return
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return // no ledger yet
    }
    for (const line of text.split('\n')) {
      const [key, until, used] = line.split(' ')
      const expires = Number(until)
      const usedAt = Number(used ?? 0)
      if (key && /^[0-9a-f]{32}$/.test(key) && Number.isFinite(expires) && expires >= now)
        this.seen.set(key, { expires, usedAt: Number.isFinite(usedAt) ? usedAt : 0 })
    }
    this.compact(now)
  }

  private static keyOf(id: string): string {
    return createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 32)
  }

  /** Whether the id was used, without using it (the inspector asking). */
  has(id: string): boolean {
    return this.seen.has(OneTimeLedger.keyOf(id))
  }

  /** When the id was used (Unix seconds, emulator clock), or null when unknown or unused. */
  usedAt(id: string): number | null {
    return this.seen.get(OneTimeLedger.keyOf(id))?.usedAt || null
  }

  /** Records the id; false when it was already used. */
  use(id: string, now: number, expiresAt: number): boolean {
    const key = OneTimeLedger.keyOf(id)
    if (this.seen.has(key)) return false
    this.seen.set(key, { expires: expiresAt, usedAt: now })
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!)
    if (this.file) {
      try {
        appendFileSync(this.file, `${key} ${expiresAt} ${now}\n`, { mode: 0o600 })
        if (++this.appended > this.capacity) this.compact(now)
      } catch {
        // The ledger in memory still refuses the replay; only a restart would forget it.
      }
    }
    return true
  }

  /** Rewrites the file with the live entries only. */
  private compact(now: number): void {
    if (!this.file) return
    for (const [key, { expires }] of this.seen) if (expires < now) this.seen.delete(key)
    try {
      writeFileAtomic(
        this.file,
        [...this.seen].map(([key, { expires, usedAt }]) => `${key} ${expires} ${usedAt}\n`).join('')
      )
      this.appended = 0
    } catch {
      // Kept in memory; the next start reads what the file has.
    }
  }
}

export type { EmbedIdentity, EmbedSession }

export interface Verdict {
  ok: boolean
  status: number
  /** The host's code (EINVAL, EACCES, ...) when refused. */
  hostCode: HostErrorCode | null
  /** The documented message when refused. */
  message: string | null
  findings: Finding[]
  inspection: Inspection | null
  session: EmbedSession | null
}

export interface VerifyInput {
  /** The request URL exactly as received (origin + path + query). */
  url: string
  org: Org
  credentials: KnownCredential[]
  /** The one-time ids seen; a read-only view (`use` that records nothing) judges without using. */
  ledger: Pick<OneTimeLedger, 'use' | 'usedAt'>
  now: number
  limits: ProtocolLimits
  /** What signature forensics may cost for this request. */
  forensicsBudget?: ForensicsBudget
}

/**
 * When this URL or token stops passing the time checks (`exp`; `:time` + `:session_length`), plus
 * the clock skew allowed: a one-time id need not be remembered longer. Without either, the
 * longest session there is.
 */
function lastAcceptedAt(
  inspection: Inspection,
  values: Map<string, { value: unknown }>,
  input: Pick<VerifyInput, 'now' | 'limits'>
): number {
  const skew = input.limits.clockSkewSeconds
  const exp = inspection.method === 'jwt' ? claim(inspection, 'exp') : null
  if (typeof exp === 'number' && Number.isFinite(exp)) return exp + skew
  const time = Number(values.get('url::time')?.value)
  const length = Number(values.get('url::session_length')?.value)
  if (Number.isFinite(time) && Number.isFinite(length)) return time + length + skew
  return input.now + input.limits.maxSessionLengthSeconds + skew
}

export function verifyEmbedRequest(input: VerifyInput): Verdict {
  const refuse = (findings: Finding[], inspection: Inspection | null): Verdict => {
    const a = hostAnswerFor(findings) ?? fallback
    // Before the inspection (a path that names nothing), the query says which method it is.
    const method =
      inspection && inspection.method !== 'unknown'
        ? inspection.method
        : /[?&](?::|%3A)jwt=/i.test(input.url)
          ? 'jwt'
          : 'url'
    return {
      ok: false,
      status: a.status,
      hostCode: a.withoutCode.includes(method) ? null : a.code,
      message: a.message,
      findings: sortFindings(findings),
      inspection,
      session: null
    }
  }
  const pathname = new URL(input.url).pathname
  const resolved = resolveTarget(input.org, pathname)
  if (!resolved)
    return refuse(
      [finding('EMBED_NOT_FOUND', null, `No workbook, page or element of this org is embedded at ${pathname}.`)],
      null
    )

  if (resolved.tag !== null) {
    const tagged = input.org.workbooks.find((w) => w.id === resolved.target.workbookId)
    if (tagged && !tagged.tags.some((t) => t.name === resolved.tag))
      return refuse(
        [
          finding(
            'EMBED_NOT_FOUND',
            null,
            `"${tagged.name}" has no version tagged "${resolved.tag}" (its tags: ${tagged.tags.map((t) => `${t.name} → version ${t.version}`).join(', ') || 'none'}).`
          )
        ],
        null
      )
  }

  const inspection = inspectEmbed(input.url, {
    credentials: input.credentials,
    now: input.now,
    limits: input.limits,
    forensicsBudget: input.forensicsBudget ?? emulatorForensicsBudget
  })
  const findings = [...inspection.findings]
  if (inspection.method !== resolved.form && !findings.some((f) => f.code === 'WRONG_URL_FORM')) {
    findings.push(
      finding(
        'WRONG_URL_FORM',
        null,
        resolved.form === 'url'
          ? 'A JWT was sent to a signed-URL embed path (/embed/…).'
          : 'A signed URL was sent to a workbook URL, which takes a JWT.'
      )
    )
  }
  if (inspection.signature !== 'valid' && !findings.some((f) => f.severity === 'error')) {
    findings.push(
      finding(
        'CLIENT_ID_UNKNOWN',
        inspection.method === 'jwt' ? 'kid' : ':client_id',
        'No credential of this org has this client id.'
      )
    )
  }
  if (findings.some((f) => f.severity === 'error')) return refuse(findings, inspection)

  const values = new Map(inspection.params.map((p) => [`${p.source}:${p.name}`, p]))
  const identity = inspection.method === 'jwt' ? jwtIdentity(inspection) : urlIdentity(inspection)
  const oneTimeId = (inspection.method === 'jwt' ? claim(inspection, 'jti') : values.get('url::nonce')?.value) as string
  const ledgerId = `${inspection.method}:${oneTimeId}`
  if (!input.ledger.use(ledgerId, input.now, lastAcceptedAt(inspection, values, input))) {
    const usedAt = input.ledger.usedAt(ledgerId)
    findings.push(
      finding(
        'NONCE_REUSED',
        inspection.method === 'jwt' ? 'jti' : ':nonce',
        `This ${inspection.method === 'jwt' ? 'jti' : 'nonce'} was already used${usedAt ? ` at the emulator at ${new Date(usedAt * 1000).toISOString()}` : ''}: embed URLs work once.`
      )
    )
    return refuse(findings, inspection)
  }

  const org = input.org
  const teamParam = inspection.method === 'jwt' ? 'teams' : ':external_user_team'
  const unknownTeams = identity.teams.filter((t) => !org.teams.some((team) => team.name === t))
  if (unknownTeams.length)
    findings.push(
      finding(
        'TEAM_UNKNOWN',
        teamParam,
        `No team is named ${unknownTeams.map((t) => `"${t}"`).join(', ')} in this org${closeTeam(org, unknownTeams[0]!)}.`
      )
    )
  const types = accountTypesOf(org)
  const accountType = identity.accountType === null ? null : types.find((a) => a.name === identity.accountType)
  const accountParam = inspection.method === 'jwt' ? 'account_type' : ':account_type'
  if (identity.accountType !== null && !accountType) {
    const elsewhere = modelsWithType(identity.accountType)
    const names = types.map((a) => a.name).join(', ')
    findings.push(
      finding(
        'ACCOUNT_TYPE_UNKNOWN',
        accountParam,
        elsewhere.length && org.settings.licenseModel !== 'all'
          ? `"${identity.accountType}" is a default account type of the ${modelLabel(elsewhere[0]!)} license model; this org uses ${modelLabel(org.settings.licenseModel as Exclude<typeof org.settings.licenseModel, 'all'>)} (it has ${names}).`
          : `No account type is named "${identity.accountType}" in this org (it has ${names}).`
      )
    )
  } else if (accountType) {
    findings.push(
      finding(
        'ACCOUNT_TYPE_MODEL',
        accountParam,
        accountType.model
          ? `"${accountType.name}" is a default account type of the ${modelLabel(accountType.model)} license model: ${accountType.permissions.join(', ')}.`
          : `"${accountType.name}" is a custom account type of this org: ${accountType.permissions.join(', ')}.`
      )
    )
  }
  const person = personByEmail(org, identity.email)
  if (person?.kind === 'internal' && identity.accountType !== null)
    findings.push(
      finding(
        'INTERNAL_USER_ACCOUNT_TYPE',
        inspection.method === 'jwt' ? 'sub' : ':email',
        `${identity.email} is an internal user of this org; the host cannot change an internal user's account type.`
      )
    )
  if (!person && !org.settings.autoCreateUsers)
    findings.push(
      finding(
        'USER_NOT_PROVISIONED',
        inspection.method === 'jwt' ? 'sub' : ':email',
        `${identity.email} is not a user of this org, and automatic user creation is off, so the host does not create it (EPERM).`
      )
    )
  // EEXIST, "User or team already exists": creating this user would duplicate the embed user that
  // already has the email under another external user id.
  if (
    inspection.method === 'url' &&
    person?.kind === 'embed' &&
    person.externalUserId &&
    identity.externalUserId &&
    person.externalUserId !== identity.externalUserId
  )
    findings.push(
      finding(
        'USER_EXISTS',
        ':external_user_id',
        `${identity.email} is already the embed user with :external_user_id "${person.externalUserId}"; this URL says "${identity.externalUserId}", so the host would create a second user with the same email (EEXIST).`
      )
    )
  if (person?.deactivated)
    findings.push(
      finding(
        'USER_DEACTIVATED',
        inspection.method === 'jwt' ? 'sub' : ':email',
        `${identity.email} is deactivated in this org.`
      )
    )
  const workbook = org.workbooks.find((w) => w.id === resolved.target.workbookId)!
  const shares = workbook.shares.filter((s) => identity.teams.includes(s.team))
  if (!unknownTeams.length && !shares.length)
    findings.push(
      finding(
        'WORKBOOK_NOT_SHARED',
        teamParam,
        `"${workbook.name}" is shared with ${workbook.shares.map((s) => `${s.team} (${s.level})`).join(', ') || 'no team'}, not with ${identity.teams.join(', ') || "any of the user's teams"}.`
      )
    )
  if (findings.some((f) => f.severity === 'error')) return refuse(findings, inspection)

  // Permissions: the best share level among the user's teams, narrowed by the account type.
  const byShare = new Set(shares.flatMap((s) => shareLevelPermissions[s.level]))
  const byType = new Set(
    accountType?.permissions ?? types.find((a) => a.name === (person?.accountType ?? 'Viewer'))?.permissions ?? ['view']
  )
  const granted = permissions.filter((p) => byShare.has(p) && byType.has(p))
  const controls: Record<string, string> = {}
  for (const p of inspection.params)
    if (p.source === 'url' && workbook.controls.some((c) => c.id === p.name)) controls[p.name] = p.value
  const display = (name: string) => values.get(`url:${name}`)?.value ?? ''
  const issuedAt = inspection.method === 'jwt' ? Number(claim(inspection, 'iat')) : Math.floor(Number(display(':time')))
  const expiresAt =
    inspection.method === 'jwt' ? Number(claim(inspection, 'exp')) : issuedAt + Number(display(':session_length'))
  return {
    ok: true,
    status: 200,
    hostCode: null,
    message: null,
    findings: sortFindings(findings),
    inspection,
    session: {
      identity,
      workbookId: workbook.id,
      pageId: resolved.target.pageId ?? null,
      elementId: resolved.target.elementId ?? null,
      tag: resolved.tag,
      version: workbook.tags.find((t) => t.name === resolved.tag)?.version ?? workbook.latestVersion,
      permissions: granted,
      controls,
      display: {
        theme: display(':theme'),
        menuPosition: display(':menu_position'),
        hide: inspection.params
          .filter((p) => p.source === 'url' && p.name.startsWith(':hide_') && p.value === 'true')
          .map((p) => p.name),
        responsiveHeight: display(':responsive_height') === 'true',
        lng: display(':lng')
      },
      expiresAt,
      oneTimeId
    }
  }
}

function urlIdentity(inspection: Inspection): EmbedIdentity {
  const get = (name: string) => inspection.params.find((p) => p.source === 'url' && p.name === name)?.value
  const attributes: Record<string, string[]> = {}
  for (const p of inspection.params) {
    if (p.source === 'url' && p.name.startsWith(USER_ATTRIBUTE_PREFIX))
      attributes[p.name.slice(USER_ATTRIBUTE_PREFIX.length)] = p.value.split(',')
  }
  return {
    email: get(':email') ?? '',
    externalUserId: get(':external_user_id') ?? '',
    teams: (get(':external_user_team') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    accountType: get(':account_type') ?? null,
    userAttributes: attributes,
    firstName: get(':first_name') ?? '',
    lastName: get(':last_name') ?? ''
  }
}

function claim(inspection: Inspection, name: string): unknown {
  const p = inspection.params.find((x) => x.source === 'jwt-claim' && x.name === name)
  return p ? JSON.parse(p.raw) : undefined
}

function jwtIdentity(inspection: Inspection): EmbedIdentity {
  const attributes: Record<string, string[]> = {}
  const raw = claim(inspection, 'user_attributes')
  if (raw && typeof raw === 'object') {
    for (const [name, value] of Object.entries(raw))
      attributes[name] = Array.isArray(value) ? value.map(String) : [String(value)]
  }
  const teams = claim(inspection, 'teams')
  const accountType = claim(inspection, 'account_type')
  return {
    email: String(claim(inspection, 'sub') ?? ''),
    externalUserId: String(claim(inspection, 'sub') ?? ''),
    teams: Array.isArray(teams) ? teams.map(String) : [],
    accountType: typeof accountType === 'string' ? accountType : null,
    userAttributes: attributes,
    firstName: String(claim(inspection, 'first_name') ?? ''),
    lastName: String(claim(inspection, 'last_name') ?? '')
  }
}

function closeTeam(org: Org, team: string): string {
  const match = org.teams.find(
    (t) => t.name.toLowerCase() === team.toLowerCase() || t.name.replace(/[\s_]/g, '') === team.replace(/[\s_]/g, '')
  )
  return match ? `; did you mean "${match.name}"?` : ''
}
