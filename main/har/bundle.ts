/**
 * The redacted repro bundle: a HAR's embed requests with nothing secret inside, that a colleague
 * opens offline to see the same findings without the customer's secret.
 *
 * Export keeps only what the findings depend on (time, method, URL, status, the host's Date
 * header and error code, the embed URLs found in bodies); every cookie, every other header, every
 * other body is left out by construction, and signatures, JWT signatures, client ids, secret-like
 * query values and any value equal to a stored secret are removed, each listed in `removed`.
 * Opening signs every embed URL again with a workbench credential made for the sandbox (same
 * parameters, same nonces, the same changes between the embed API and the iframe), runs the same
 * analysis and says, per request, which findings came back.
 */
import { randomBytes } from 'node:crypto'
import type { HarReport, HarReproResult, HarRequestKind, SequenceFinding } from '../../preload/contract'
import { WorkbenchError } from '../core/errors'
import { decodeJwtPart, getParam, looksLikeJwt, parseUrl } from '../protocol/embed-url'
import { resignEmbed } from '../signing/resign'
import type { KnownCredential } from '../inspector/inspector'
import type { Candidate, EntryRecord } from './embed-requests'
import { harAnalysis } from './har-import'

export const BUNDLE_FORMAT = 'embed-workbench-repro'
const REMOVED = 'REMOVED'
const SECRET_QUERY = /token|secret|password|passwd|api[-_]?key|signature|auth|session|code|credential/i

export interface BundleEntry {
  index: number
  startedDateTime: string
  method: string
  url: string
  status: number | null
  statusText: string | null
  /** The response's Date header (the host's clock), kept for clock skew. */
  date: string | null
  hostCode: string | null
  hostMessage: string | null
  timeMs: number | null
  /** The embed URLs or JWTs found in this entry's response (the embed API), where they were. */
  found: { kind: HarRequestKind; embed: string; foundAt: string }[]
  /** For a request of an embed URL: whether its signature verified when exported. */
  signature: 'valid' | 'invalid' | 'unchecked' | null
}

export interface ReproBundle {
  format: typeof BUNDLE_FORMAT
  version: 1
  createdAt: string
  source: { fileName: string; creator: string | null; browser: string | null; entries: number }
  /** Who the embed requests say the user is, and what they embed (read from the URLs and claims). */
  personas: { email: string | null; externalUserId: string | null; teams: string[]; accountType: string | null }[]
  org: { teams: string[]; accountTypes: string[]; userAttributes: string[] }
  entries: BundleEntry[]
  /** Each request's finding codes as the export judged them. */
  findings: { index: number; kind: string; codes: string[] }[]
  sequence: SequenceFinding[]
  removed: { where: string; what: string }[]
}

interface Evidence {
  report: HarReport
  records: EntryRecord[]
  candidates: Candidate[]
  /** Secrets that must not appear in the bundle (the stored credentials'). */
  secrets: string[]
}

function redactEmbed(embed: string, where: string, removed: ReproBundle['removed']): string {
  const token = looksLikeJwt(embed) ? embed : null
  if (token) {
    removed.push({ where, what: 'JWT signature; client id (kid)' })
    return redactToken(token)
  }
  const parsed = parseUrl(embed)
  let out = embed
  const replaceValue = (name: string, value: (raw: string) => string, what: string) => {
    const param = getParam(parsed, name)
    if (!param || param.rawValue === null) return
    const next = `${param.rawName}=${value(param.rawValue)}`
    out = out.replace(param.raw, next)
    removed.push({ where, what })
  }
  replaceValue(':signature', () => REMOVED, 'signature (:signature)')
  replaceValue(':client_id', () => REMOVED, 'client id (:client_id)')
  replaceValue(':jwt', (raw) => redactToken(decodeURIComponent(raw)), 'JWT signature; client id (kid)')
  return out
}

function redactToken(token: string): string {
  const [header, payload] = token.split('.')
  const parsed = decodeJwtPart(header)
  // Not JSON: kept as it was (it names no client id the inspector could read).
  const kidless = parsed
    ? Buffer.from(JSON.stringify({ ...parsed, ...('kid' in parsed ? { kid: REMOVED } : {}) })).toString('base64url')
    : (header ?? '')
  return `${kidless}.${payload ?? ''}.${REMOVED}`
}

function redactPlainUrl(url: string, where: string, removed: ReproBundle['removed']): string {
  const parsed = parseUrl(url)
  let out = url
  for (const param of parsed.params) {
    if (param.rawValue && SECRET_QUERY.test(param.name)) {
      out = out.replace(param.raw, `${param.rawName}=${REMOVED}`)
      removed.push({ where, what: `query value ${param.name}` })
    }
  }
  return out
}

const claim = (embed: string, names: string[]): unknown => {
  const parsed = parseUrl(embed)
  const token = looksLikeJwt(embed) ? embed : getParam(parsed, ':jwt')?.value
  if (token) {
    const payload = decodeJwtPart(token.split('.')[1])
    if (!payload) return null
    for (const name of names) if (name in payload) return payload[name]
  }
  for (const name of names) {
    const value = getParam(parsed, name)?.value
    if (value !== undefined) return value
  }
  return null
}

/** The bundle for a judged HAR. */
export function exportBundle({ report, records, candidates, secrets }: Evidence, now: Date): ReproBundle {
  const removed: ReproBundle['removed'] = []
  const involved = new Set([...candidates.map((c) => c.index), ...report.sequence.flatMap((f) => f.entries)])
  const judged = new Map(report.requests.filter((r) => r.kind === 'embed-url').map((r) => [r.index, r.signature]))
  const entries: BundleEntry[] = records
    .filter((r) => involved.has(r.index))
    .map((r) => {
      const where = `entry #${r.index}`
      const isLoad = candidates.some((c) => c.index === r.index && c.kind === 'embed-url')
      return {
        index: r.index,
        startedDateTime: r.startedDateTime,
        method: r.method,
        url: isLoad ? redactEmbed(r.url, where, removed) : redactPlainUrl(r.url, where, removed),
        status: r.status,
        statusText: r.statusText,
        date: r.dateMs === null ? null : new Date(r.dateMs).toUTCString(),
        hostCode: r.hostCode,
        hostMessage: r.hostMessage,
        timeMs: r.timeMs,
        found: candidates
          .filter((c) => c.index === r.index && c.kind !== 'embed-url')
          .map((c) => ({
            kind: c.kind,
            embed: redactEmbed(c.embed, `${where} ${c.foundAt ?? ''}`.trim(), removed),
            foundAt: c.foundAt ?? ''
          })),
        signature: judged.get(r.index) ?? null
      }
    })
  const loads = candidates.map((c) => c.embed)
  const personas = new Map<string, ReproBundle['personas'][number]>()
  for (const embed of loads) {
    const teams = claim(embed, ['teams', ':external_user_team'])
    const persona = {
      email: (claim(embed, ['sub', ':email']) as string | null) ?? null,
      externalUserId: (claim(embed, [':external_user_id']) as string | null) ?? null,
      teams: Array.isArray(teams) ? teams.map(String) : typeof teams === 'string' && teams ? teams.split(',') : [],
      accountType: (claim(embed, ['account_type', ':account_type']) as string | null) ?? null
    }
    personas.set(JSON.stringify(persona), persona)
  }
  const attributeNames = new Set<string>()
  for (const embed of loads) {
    for (const p of parseUrl(embed).params) if (p.name.startsWith(':ua_')) attributeNames.add(p.name.slice(4))
    const attributes = claim(embed, ['user_attributes'])
    if (attributes && typeof attributes === 'object') for (const k of Object.keys(attributes)) attributeNames.add(k)
  }
  const bundle: ReproBundle = {
    format: BUNDLE_FORMAT,
    version: 1,
    createdAt: now.toISOString(),
    source: { fileName: report.fileName, creator: report.creator, browser: report.browser, entries: report.entries },
    personas: [...personas.values()],
    org: {
      teams: [...new Set([...personas.values()].flatMap((p) => p.teams))].sort(),
      accountTypes: [
        ...new Set([...personas.values()].map((p) => p.accountType).filter((t): t is string => !!t))
      ].sort(),
      userAttributes: [...attributeNames].sort()
    },
    entries,
    findings: report.requests.map((r) => ({ index: r.index, kind: r.kind, codes: r.findings.map((f) => f.code) })),
    sequence: report.sequence,
    removed
  }
  // Last: any value equal to a stored secret, wherever it hides (a header copied into a body).
  let text = JSON.stringify(bundle)
  for (const secret of secrets.filter((s) => s.length >= 8)) {
    const count = text.split(secret).length - 1
    if (count) {
      text = text.split(secret).join(REMOVED)
      bundle.removed.push({
        where: `${count} place${count === 1 ? '' : 's'}`,
        what: 'a value equal to a stored secret'
      })
    }
  }
  return { ...(JSON.parse(text) as ReproBundle), removed: bundle.removed }
}

/** Reads a bundle file's text, or says why it is not one. */
export function parseBundle(text: string): ReproBundle {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new WorkbenchError('INVALID_INPUT', 'This is not a repro bundle: it is not JSON.', 'bundle')
  }
  const bundle = value as Partial<ReproBundle>
  if (bundle?.format !== BUNDLE_FORMAT || bundle.version !== 1 || !Array.isArray(bundle.entries))
    throw new WorkbenchError(
      'INVALID_INPUT',
      `This is not a repro bundle of this version (format "${BUNDLE_FORMAT}", version 1).`,
      'bundle'
    )
  return bundle as ReproBundle
}

/** Signs the bundle's embed requests again with a sandbox credential and judges them as before. */
export async function openBundle(bundle: ReproBundle): Promise<HarReproResult> {
  const key = { clientId: randomBytes(32).toString('hex'), secret: randomBytes(64).toString('hex') }
  const sandbox: KnownCredential = {
    name: 'Sandbox (repro)',
    clientId: key.clientId,
    secret: key.secret,
    status: 'active'
  }
  const resign = (embed: string) => resignEmbed(embed, [], key)
  // Where the customer's app changed a URL after the embed API returned it: [load, source].
  const sources = new Map<number, number>()
  for (const f of bundle.sequence)
    if ((f.code === 'URL_CHANGED_IN_TRANSIT' || f.code === 'SIGNED_FOR_OTHER_HOST') && f.entries.length === 2)
      sources.set(f.entries[0]!, f.entries[1]!)
  const byIndex = new Map(bundle.entries.map((e) => [e.index, e]))

  const harEntries: unknown[] = []
  for (const entry of bundle.entries) {
    let url = entry.url
    const isLoad = entry.signature !== null
    if (isLoad) {
      const source = byIndex.get(sources.get(entry.index) ?? -1)?.found[0]?.embed
      url = source ? await asChanged(url, source, resign) : await resign(url)
      if (!source && entry.signature === 'invalid') url = await spoil(url)
    }
    const signedFound = await Promise.all(entry.found.map(async (f) => ({ ...f, embed: await resign(f.embed) })))
    const redirect = signedFound.find((f) => f.kind === 'redirect')
    const found = signedFound.filter((f) => f.kind !== 'redirect')
    harEntries.push({
      startedDateTime: entry.startedDateTime,
      time: entry.timeMs,
      request: { method: entry.method, url, headers: [] },
      response: {
        status: entry.status ?? 0,
        statusText: entry.statusText ?? '',
        headers: entry.date ? [{ name: 'Date', value: entry.date }] : [],
        redirectURL: redirect?.embed ?? '',
        content: found.length
          ? {
              mimeType: 'application/json',
              text: JSON.stringify(Object.fromEntries(found.map((f, i) => [`embed${i}`, f.embed])))
            }
          : entry.hostCode || entry.hostMessage
            ? {
                mimeType: 'application/json',
                text: JSON.stringify({ error: { code: entry.hostCode, message: entry.hostMessage } })
              }
            : {}
      }
    })
  }
  // Entry indexes are kept: missing ones are filled so #n stays #n.
  const maxIndex = Math.max(-1, ...bundle.entries.map((e) => e.index))
  const log: unknown[] = Array.from({ length: maxIndex + 1 }, () => ({
    startedDateTime: bundle.createdAt,
    request: { method: 'GET', url: 'about:blank', headers: [] }
  }))
  bundle.entries.forEach((e, i) => (log[e.index] = harEntries[i]))
  const text = JSON.stringify({
    log: { version: '1.2', creator: { name: 'Embed Workbench repro', version: '1' }, entries: log }
  })
  const analysis = harAnalysis(
    { credentials: async () => [sandbox] },
    { fileName: bundle.source.fileName, bytes: text.length }
  )
  await analysis.write(text)
  const report = await analysis.finish()
  const comparable = (codes: string[]) => [...new Set(codes.filter((c) => !UNCOMPARABLE.has(c)))].sort()
  const comparison = bundle.findings
    .filter((f) => f.kind === 'embed-url' || f.kind === 'redirect')
    .map((f) => {
      const expected = comparable(f.codes)
      const reproduced = comparable(
        report.requests.find((r) => r.index === f.index && r.kind === f.kind)?.findings.map((x) => x.code) ?? []
      )
      return {
        index: f.index,
        expected,
        reproduced,
        missing: expected.filter((c) => !reproduced.includes(c)),
        extra: reproduced.filter((c) => !expected.includes(c))
      }
    })
  return {
    report,
    comparison,
    reproduced: comparison.every((c) => !c.missing.length && !c.extra.length),
    credential: { name: sandbox.name, clientId: key.clientId }
  }
}

/** Codes about which credential checked a signature (the sandbox's is not the customer's). */
const UNCOMPARABLE = new Set(['SIGNATURE_UNCHECKED', 'CLIENT_ID_UNKNOWN', 'SIGNATURE_VALID', 'CREDENTIAL_REVOKED'])

/** The loaded URL as the customer's app changed it: signed as the embed API signed its source. */
async function asChanged(loaded: string, source: string, resign: (embed: string) => Promise<string>): Promise<string> {
  const signedSource = await resign(source)
  const parsedSource = parseUrl(signedSource)
  const jwt = getParam(parsedSource, ':jwt')
  const valid = await resign(loaded)
  if (jwt) return valid.replace(/([?&]:jwt=)[^&]*/, `$1${jwt.rawValue ?? ''}`)
  const signature = getParam(parsedSource, ':signature')?.rawValue ?? ''
  return valid.replace(/([?&]:signature=)[0-9a-f]*$/, `$1${signature}`)
}

/** A signature that does not verify, as the export found it. */
async function spoil(url: string): Promise<string> {
  const parsed = parseUrl(url)
  if (getParam(parsed, ':jwt'))
    return url.replace(/([?&]:jwt=[^&]*\.)([\w-])/, (_m, head: string, c: string) => `${head}${c === 'A' ? 'B' : 'A'}`)
  return url.replace(/([0-9a-f])$/, (c) => (c === '0' ? '1' : '0'))
}
