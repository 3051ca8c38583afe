/**
 * Judging the embed requests of a HAR: each one by the inspector as of its own time, and what only
 * the sequence shows (a one-time URL loaded twice, a URL changed between the embed API and the
 * iframe, clocks that disagree, a session that ended before the user acted, a URL moved to
 * another host).
 */
import type { Finding, HarEmbedRequest, Inspection, SequenceFinding } from '../../preload/contract'
import { finding, sortFindings } from '../protocol/findings'
import type { ProtocolLimits } from '../protocol/parameters'
import { diffEmbedUrls } from '../inspector/diff'
import { inspectEmbed, type KnownCredential } from '../inspector/inspector'
import type { ForensicsBudget } from '../inspector/forensics'
import { human, iso } from '../inspector/checks'
import { originOf, type Candidate, type EntryRecord } from './embed-requests'

/** Forensics per request is kept small: a HAR can hold hundreds of embed requests. */
const HAR_FORENSICS: ForensicsBudget = { maxBytes: 4 * 1024 * 1024, maxMs: 40 }
/** Beyond this much disagreement between the signing time and the host's Date header, say so. */
export const SKEW_WARN_SECONDS = 60
const EXPIRED_STATUSES = new Set([401, 403, 419, 440])

interface Judged {
  request: HarEmbedRequest
  /** Signing time, session end (Unix seconds), and the origin of the judged URL. */
  signedAt: number | null
  endsAt: number | null
  origin: string | null
}

const paramValue = (inspection: Inspection, ...names: string[]) =>
  inspection.params.find((p) => names.includes(p.name))?.value ?? null

const clipText = (text: string, max = 4096) => (text.length > max ? `${text.slice(0, max)}…` : text)

function verdictOf(findings: Finding[]): HarEmbedRequest['verdict'] {
  if (findings.some((f) => f.severity === 'error')) return 'error'
  return findings.some((f) => f.severity === 'warning') ? 'warning' : 'ok'
}

export function judgeCandidates(
  candidates: Candidate[],
  records: ReadonlyMap<number, EntryRecord>,
  credentials: KnownCredential[],
  limits?: ProtocolLimits
): Judged[] {
  return candidates.map((candidate) => {
    const record = records.get(candidate.index)!
    const now = record.startedMs === null ? Math.floor(Date.now() / 1000) : Math.floor(record.startedMs / 1000)
    const inspection = inspectEmbed(candidate.embed, {
      credentials,
      now,
      ...(limits ? { limits } : {}),
      forensicsBudget: HAR_FORENSICS
    })
    const time = paramValue(inspection, ':time', 'iat')
    const signedAt = time !== null && /^\d+(\.\d+)?$/.test(time) ? Math.floor(Number(time)) : null
    const exp = paramValue(inspection, 'exp')
    const length = paramValue(inspection, ':session_length')
    const endsAt =
      exp !== null && /^\d+$/.test(exp)
        ? Number(exp)
        : signedAt !== null && length !== null && /^\d+$/.test(length)
          ? signedAt + Number(length)
          : null
    const host = candidate.kind === 'embed-url'
    const request: HarEmbedRequest = {
      index: candidate.index,
      startedDateTime: record.startedDateTime,
      method: record.method,
      url: record.url,
      kind: candidate.kind,
      embed: clipText(candidate.embed, 64 * 1024),
      foundAt: candidate.foundAt,
      embedMethod: inspection.method,
      signature: inspection.signature,
      verifiedWith: inspection.verifiedWith ?? null,
      oneTimeId: paramValue(inspection, ':nonce', 'jti'),
      status: host || candidate.kind === 'redirect' ? record.status : null,
      statusText: host || candidate.kind === 'redirect' ? record.statusText : null,
      hostCode: host ? record.hostCode : null,
      hostMessage: host ? record.hostMessage : null,
      timeMs: record.timeMs,
      verdict: 'ok',
      findings: inspection.findings
    }
    return { request, signedAt, endsAt, origin: originOf(candidate.embed) }
  })
}

/** What only the order of the requests shows; each finding is also added to the requests it names. */
export function sequenceFindings(judged: Judged[], records: readonly EntryRecord[]): SequenceFinding[] {
  const out: SequenceFinding[] = []
  const add = (item: Finding, entries: number[], on: Judged) => {
    out.push({ ...item, entries })
    on.request.findings.push(item)
  }
  const loads = judged.filter((j) => j.request.kind === 'embed-url')
  const offered = judged.filter((j) => j.request.kind !== 'embed-url')
  // Looked up once per load: kept small and indexed, so a HAR of many loads stays linear.
  const byIndex = new Map(records.map((r) => [r.index, r]))
  const offeredById = new Map<string, Judged[]>()
  for (const o of offered) if (o.request.oneTimeId) push(offeredById, o.request.oneTimeId, o)
  const refusals = new Map<string, EntryRecord[]>()
  for (const r of records)
    if (r.origin && r.status !== null && EXPIRED_STATUSES.has(r.status)) push(refusals, r.origin, r)

  // The same one-time URL loaded twice.
  const byId = new Map<string, Judged[]>()
  for (const load of loads) {
    const id = load.request.oneTimeId
    if (id) push(byId, id, load)
  }
  for (const [id, group] of byId) {
    if (group.length < 2) continue
    const [first, ...again] = group
    const name = first!.request.embedMethod === 'jwt' ? 'jti' : ':nonce'
    const describe = (j: Judged) =>
      `entry #${j.request.index} at ${j.request.startedDateTime}${j.request.status ? ` (status ${j.request.status})` : ''}`
    const failed = group.filter((j) => (j.request.status ?? 0) >= 400)
    for (const load of again) {
      add(
        finding(
          'NONCE_REUSED',
          name,
          `This ${name} (${id.slice(0, 40)}) was loaded ${group.length} times: first ${describe(first!)}, again ${describe(load)}. ` +
            (failed.length
              ? `The host refused ${failed.map((j) => `#${j.request.index}`).join(', ')}. `
              : 'A real host refuses every load after the first. ') +
            'A one-time URL loaded again is a page refresh, back/forward, a React StrictMode double mount or a prefetch.'
        ),
        group.map((j) => j.request.index),
        load
      )
    }
  }

  for (const load of loads) {
    // The embed API's URL with the same nonce or jti, as the parent received it.
    const id = load.request.oneTimeId
    const source = (id ? offeredById.get(id) : undefined)?.find((o) => o.request.index <= load.request.index)
    if (source && isUrl(source.request.embed)) {
      const sent = source.request.embed
      const loaded = load.request.embed
      if (source.origin && load.origin && source.origin !== load.origin) {
        add(
          finding(
            'SIGNED_FOR_OTHER_HOST',
            null,
            `The embed API gave a URL for ${source.origin} (entry #${source.request.index}); the iframe loaded it from ${load.origin}.` +
              (load.request.embedMethod === 'url' ? ' The signature covers the host, so it cannot verify there.' : ''),
            undefined
          ),
          [load.request.index, source.request.index],
          load
        )
      } else if (sent !== loaded) {
        const diff = diffEmbedUrls(sent, loaded)
        const changed = diff.params.filter((p) => p.status !== 'same')
        const described = changed
          .slice(0, 6)
          .map((p) =>
            p.status === 'only-right'
              ? `${p.name} added`
              : p.status === 'only-left'
                ? `${p.name} dropped`
                : p.status === 'moved'
                  ? `${p.name} moved`
                  : p.left === p.right
                    ? `${p.name} re-encoded`
                    : `${p.name} changed`
          )
        add(
          finding(
            'URL_CHANGED_IN_TRANSIT',
            changed[0]?.name ?? null,
            `The iframe loaded a different URL from the one the embed API returned (entry #${source.request.index} → #${load.request.index}): ` +
              `${described.join(', ') || (sent.length > loaded.length ? 'the URL was cut short' : 'the path changed')}${changed.length > 6 ? `, and ${changed.length - 6} more` : ''}.`
          ),
          [load.request.index, source.request.index],
          load
        )
      }
    }

    // The signing time against the host's clock when the request arrived.
    const record = byIndex.get(load.request.index)
    if (record?.dateMs != null && load.signedAt !== null) {
      const hostNow = Math.floor(record.dateMs / 1000)
      const skew = load.signedAt - hostNow
      if (Math.abs(skew) > SKEW_WARN_SECONDS) {
        add(
          finding(
            'CLOCK_SKEW',
            load.request.embedMethod === 'jwt' ? 'iat' : ':time',
            `Signed at ${iso(load.signedAt)}; the host's Date header said ${iso(hostNow)} when it arrived: the signing server's clock is ${human(Math.abs(skew))} ${skew > 0 ? 'ahead' : 'behind'}.`
          ),
          [load.request.index],
          load
        )
      }
    }

    // A session that ended before the user acted: a later refusal from the same host.
    if (load.endsAt !== null && load.origin) {
      const late = refusals
        .get(load.origin)
        ?.find((r) => r.index > load.request.index && r.startedMs !== null && r.startedMs / 1000 > load.endsAt!)
      if (late) {
        add(
          finding(
            'SESSION_EXPIRED_BEFORE_ACTION',
            load.request.embedMethod === 'jwt' ? 'exp' : ':session_length',
            `The session ended at ${iso(load.endsAt)}; at ${late.startedDateTime} the host answered ${late.status} to ${late.method} ${late.url.slice(0, 200)} (entry #${late.index}), ${human(Math.round(late.startedMs! / 1000 - load.endsAt))} later.`
          ),
          [load.request.index, late.index],
          load
        )
      }
    }
  }
  for (const j of judged) {
    j.request.findings = sortFindings(j.request.findings)
    j.request.verdict = verdictOf(j.request.findings)
  }
  return out
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

const isUrl = (text: string) => /^https?:\/\//i.test(text)
