/**
 * Off signed URLs: a signed URL the customer's embed API produced, turned into the equivalent JWT
 * URL (signed by the app's own signer, so it is the JWT this app would make), a row per input
 * parameter saying where it went or why it was dropped (with the source of the rule), what
 * behaves differently, and the proof: both URLs judged by the emulator under the same org, with
 * their users, permissions, controls and rows compared.
 */
import type {
  EmbedOptions,
  EmbedSession,
  Migration,
  MigrationDestination as Destination,
  MigrationRow as MappingRow,
  Persona,
  SessionFacts
} from '../../preload/contract'
import { WorkbenchError } from '../core/errors'
import { getParam, parseUrl } from '../protocol/embed-url'
import { paramSpec, SOURCES, USER_ATTRIBUTE_PREFIX, type ProtocolLimits } from '../protocol/parameters'
import { signJwt } from '../signing/signer'
import { embedTargets, type Org } from '../emulator/org'
import { filterRows, rowLevelSecurity } from '../emulator/server'
import { plugsSales } from '../emulator/sample-data'
import { verifyEmbedRequest } from '../emulator/verify'

export interface MigrateInput {
  url: string
  secret: string
  org: Org
  now: number
  limits: ProtocolLimits
  /** The workbook URL to use when the embed path is not one of the org's (a real customer's). */
  workbookUrl?: string
}

const JWT = SOURCES.jwtClaims
const CLAIMS_REF = SOURCES.claimsReference

/** Where each identity and security parameter goes in a JWT, and why. */
const RULES: Record<string, { to: Destination; as: string | null; why: string; source: string }> = {
  ':nonce': {
    to: 'claim',
    as: 'jti',
    why: 'The one-time id: a fresh jti, never reused (a seen jti is a replay).',
    source: JWT
  },
  ':client_id': { to: 'header', as: 'kid', why: 'The client id names the key in the JWT header.', source: JWT },
  ':email': { to: 'claim', as: 'sub', why: 'The user is the subject.', source: JWT },
  ':external_user_id': {
    to: 'dropped',
    as: null,
    why: 'A JWT names the user by sub (the email) only; there is no external user id claim.',
    source: CLAIMS_REF
  },
  ':external_user_team': { to: 'claim', as: 'teams', why: 'The comma list becomes a JSON array.', source: JWT },
  ':account_type': { to: 'claim', as: 'account_type', why: 'The same account type.', source: JWT },
  ':mode': {
    to: 'dropped',
    as: null,
    why: 'A JWT embed has no mode: it always is a secure (user-backed) embed; :embed=true marks it.',
    source: SOURCES.jwtUrl
  },
  ':session_length': {
    to: 'claim',
    as: 'exp',
    why: 'The session ends at exp = iat + the session length.',
    source: JWT
  },
  ':time': { to: 'claim', as: 'iat', why: 'The signing time (the token is signed now).', source: JWT },
  ':signature': {
    to: 'dropped',
    as: null,
    why: 'The JWT is signed instead (HS256 with the same secret).',
    source: JWT
  },
  ':first_name': { to: 'claim', as: 'first_name', why: 'The same name.', source: JWT },
  ':last_name': { to: 'claim', as: 'last_name', why: 'The same name.', source: JWT },
  ':eval_connection_id': { to: 'claim', as: 'eval_connection_id', why: 'The same connection.', source: JWT }
}

const DISPLAY_OPTIONS: Record<string, keyof EmbedOptions> = {
  ':theme': 'theme',
  ':menu_position': 'menuPosition',
  ':lng': 'lng',
  ':lng_variant': 'lngVariant',
  ':responsive_height': 'responsiveHeight'
}

export async function migrateSignedUrl(input: MigrateInput): Promise<Migration> {
  const parsed = parseUrl(input.url.trim())
  if (!parsed.origin || !getParam(parsed, ':signature'))
    throw new WorkbenchError(
      'INVALID_INPUT',
      'Give a signed embed URL (https://…/embed/…?…&:signature=…) to migrate.',
      'url'
    )
  if (getParam(parsed, ':jwt'))
    throw new WorkbenchError('INVALID_INPUT', 'This is already a JWT URL: nothing to migrate.', 'url')
  const clientId = getParam(parsed, ':client_id')?.value ?? ''

  // The path: the embed path's workbook, page or element in the workbook URL form, on the same host.
  const tagMatch = /\/tag\/([^/]+)$/.exec(parsed.pathname ?? '')
  const embedPath = (parsed.pathname ?? '').replace(/\/tag\/[^/]+$/, '')
  const target = embedTargets(input.org, parsed.origin).find((t) => new URL(t.embedPath).pathname === embedPath)
  if (!target && !input.workbookUrl)
    throw new WorkbenchError(
      'EMBED_PATH_INVALID',
      `${embedPath} is not an embed path of the emulator's org, so its workbook URL is unknown: give the workbook URL (as in the browser's address bar) to migrate to.`,
      'workbookUrl'
    )
  const workbookUrl = input.workbookUrl?.trim() || `${parsed.origin}${new URL(target!.workbookUrl).pathname}`

  const mapping: MappingRow[] = []
  const persona: Persona = {
    id: 'migration',
    name: 'From the signed URL',
    email: '',
    externalUserId: '',
    teams: [],
    accountType: '',
    userAttributes: [],
    firstName: '',
    lastName: '',
    evalConnectionId: '',
    extraParams: []
  }
  const options: EmbedOptions = {
    embedPath: workbookUrl,
    ...(tagMatch ? { versionTag: decodeURIComponent(tagMatch[1]!) } : {}),
    sessionLength: 0,
    mode: 'userbacked',
    jwtVersion: '1.1',
    controls: [],
    theme: '',
    menuPosition: '',
    hide: [],
    lng: '',
    lngVariant: '',
    responsiveHeight: false
  }
  mapping.push({
    param: 'path',
    value: parsed.pathname ?? '',
    to: 'path',
    as: new URL(workbookUrl).pathname + (tagMatch ? `/tag/${tagMatch[1]}` : ''),
    why: target
      ? `The ${target.kind} "${target.label}": a JWT goes to the workbook URL, not /embed/{id}.`
      : 'The workbook URL given: a JWT goes to the workbook URL, not /embed/{id}.',
    source: SOURCES.jwtUrl
  })

  for (const p of parsed.params) {
    const rule = RULES[p.name]
    const spec = paramSpec(p.name)
    const row = (to: Destination, as: string | null, why: string, source: string) =>
      mapping.push({ param: p.name, value: p.name === ':signature' ? '(the signature)' : p.value, to, as, why, source })
    if (rule) {
      row(rule.to, rule.as, rule.why, rule.source)
      if (p.name === ':email') persona.email = p.value
      if (p.name === ':external_user_id') persona.externalUserId = p.value
      if (p.name === ':external_user_team') persona.teams = p.value.split(',').filter(Boolean)
      if (p.name === ':account_type') persona.accountType = p.value
      if (p.name === ':first_name') persona.firstName = p.value
      if (p.name === ':last_name') persona.lastName = p.value
      if (p.name === ':eval_connection_id') persona.evalConnectionId = p.value
      if (p.name === ':session_length') options.sessionLength = Number(p.value)
    } else if (p.name.startsWith(USER_ATTRIBUTE_PREFIX)) {
      const name = p.name.slice(USER_ATTRIBUTE_PREFIX.length)
      persona.userAttributes.push({ name, values: p.value.split(',') })
      row(
        'claim',
        `user_attributes.${name}`,
        'User attributes become one object claim (a list for several values).',
        JWT
      )
    } else if (!p.name.startsWith(':')) {
      options.controls.push({ name: p.name, value: p.value })
      row('url', p.name, 'A control value stays in the URL, after :jwt and :embed.', SOURCES.controls)
    } else if (spec?.jwtUrl) {
      const option = DISPLAY_OPTIONS[p.name]
      if (option === 'responsiveHeight') options.responsiveHeight = p.value === 'true'
      else if (option) (options as unknown as Record<string, string>)[option] = p.value
      else if (p.name.startsWith(':hide_') && p.value === 'true') options.hide.push(p.name)
      else persona.extraParams.push({ name: p.name, value: p.value })
      row(
        'url',
        p.name,
        `A display parameter the JWT URL carries too${spec.jwtUrlDisputed ? ' (sources disagree)' : ''}.`,
        SOURCES.jwtUrl
      )
    } else {
      row(
        'dropped',
        null,
        spec
          ? 'Not a parameter of the JWT URL form: the host may refuse it there.'
          : 'Not a parameter the host documents.',
        spec?.source ?? SOURCES.jwtUrl
      )
    }
  }
  if (!(options.sessionLength > 0)) options.sessionLength = 3600

  const signed = await signJwt({ persona, options, key: { clientId, secret: input.secret }, now: input.now })
  const changes = [
    'The one-time id is the jti claim: a fresh one per token, as the nonce was per URL.',
    'Teams are a JSON array in the teams claim, not a comma list.',
    'The session is exp - iat in the token; the URL no longer carries :time or :session_length.',
    'Only the JWT is signed: display parameters and control values after it may change without breaking the signature.',
    ...(persona.externalUserId
      ? [`:external_user_id (${persona.externalUserId}) has no JWT claim: the host knows the user by email (sub) only.`]
      : []),
    ...mapping
      .filter((r) => r.to === 'dropped' && r.param.startsWith(':') && !RULES[r.param])
      .map((r) => `${r.param} is not carried by a JWT URL: ${r.why}`)
  ]

  const judge = (url: string, now: number) => {
    const verdict = verifyEmbedRequest({
      url,
      org: input.org,
      credentials: [{ name: 'migration', clientId, secret: input.secret, status: 'active' }],
      ledger: { use: () => true, usedAt: () => null },
      now,
      limits: input.limits
    })
    return { accepted: verdict.ok, message: verdict.message, facts: verdict.session ? factsOf(verdict.session) : null }
  }
  const signedAt = Number(getParam(parsed, ':time')?.value)
  const left = judge(input.url.trim(), Number.isFinite(signedAt) ? Math.floor(signedAt) : input.now)
  const right = judge(signed.url, input.now)
  const differences = compare(left, right)
  return {
    jwtUrl: signed.url,
    header: signed.jwt?.header ?? {},
    claims: signed.jwt?.payload ?? {},
    mapping,
    changes,
    equivalence: { equivalent: differences.length === 0, signedUrl: left, jwtUrl: right, differences }
  }
}

/** The emulator's sample rows (what its workbook page shows), read once. */
let sampleRows: ReturnType<typeof plugsSales> | null = null

function factsOf(session: EmbedSession): SessionFacts {
  sampleRows ??= plugsSales()
  const rows = filterRows(sampleRows, rowLevelSecurity(session.identity.userAttributes))
  return {
    email: session.identity.email,
    teams: [...session.identity.teams].sort(),
    accountType: session.identity.accountType,
    attributes: session.identity.userAttributes,
    permissions: [...session.permissions].sort(),
    target: [session.workbookId, session.pageId, session.elementId].filter(Boolean).join('/'),
    version: session.version,
    controls: session.controls,
    rows: rows.length,
    revenue: Math.round(rows.reduce((sum, r) => sum + r.revenue, 0) * 100) / 100
  }
}

function compare(left: Migration['equivalence']['signedUrl'], right: Migration['equivalence']['jwtUrl']): string[] {
  if (!left.accepted || !right.accepted)
    return [
      ...(left.accepted ? [] : [`The emulator refuses the signed URL: ${left.message ?? 'refused'}.`]),
      ...(right.accepted ? [] : [`The emulator refuses the JWT URL: ${right.message ?? 'refused'}.`])
    ]
  const a = left.facts!
  const b = right.facts!
  const out: string[] = []
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y)
  const keys: (keyof SessionFacts)[] = [
    'email',
    'teams',
    'accountType',
    'attributes',
    'permissions',
    'target',
    'version',
    'controls',
    'rows',
    'revenue'
  ]
  for (const key of keys)
    if (!same(a[key], b[key]))
      out.push(`${key}: ${JSON.stringify(a[key])} with the signed URL, ${JSON.stringify(b[key])} with the JWT.`)
  return out
}
