/**
 * Which HAR entries are about an embed: a request for an embed URL (the iframe's navigation), a
 * redirect to one, or an embed URL or JWT inside a response body (the parent's embed API, or a
 * page that writes the iframe). Every entry also leaves a small record (time, origin, status),
 * for what only the sequence shows.
 */
import type { HarRequestKind } from '../../preload/contract'
import { decodeJwtPart, getParam, looksLikeJwt, parseUrl } from '../protocol/embed-url'
import type { HarEntry } from './har-reader'

/** Bodies larger than this are not searched (an embed API's answer is a few KB). */
export const MAX_BODY_SEARCHED = 5 * 1024 * 1024
/** Embed URLs or JWTs taken from one body, at most. */
const MAX_FOUND_PER_BODY = 20
const MAX_JSON_STRINGS = 20_000

export interface Candidate {
  index: number
  kind: HarRequestKind
  embed: string
  foundAt: string | null
}

/** What every entry leaves behind: enough to see a session expire or a clock disagree. */
export interface EntryRecord {
  index: number
  startedMs: number | null
  startedDateTime: string
  method: string
  url: string
  origin: string | null
  status: number | null
  statusText: string | null
  /** The response's Date header (the server's clock), in ms. */
  dateMs: number | null
  timeMs: number | null
  /** The host's page: the code and message it shows, when it shows one. */
  hostCode: string | null
  hostMessage: string | null
}

const EMBED_MARK = /(?::|%3a)(?:jwt|signature|nonce)=/i

/** An absolute http(s) URL that carries an embed signature or JWT. */
export function isEmbedUrl(text: string): boolean {
  if (!EMBED_MARK.test(text) || text.length > 1_000_000) return false
  const parsed = parseUrl(text)
  if (!parsed.origin) return false
  return (
    getParam(parsed, ':jwt') !== undefined ||
    getParam(parsed, ':signature') !== undefined ||
    (getParam(parsed, ':nonce') !== undefined && getParam(parsed, ':client_id') !== undefined)
  )
}

/** A bare JWT whose header names a client id (`kid`, 64 hex): the embed's, not a login token. */
export function isEmbedJwt(text: string): boolean {
  if (text.length > 100_000 || !looksLikeJwt(text)) return false
  const kid = decodeJwtPart(text.split('.')[0])?.['kid']
  return typeof kid === 'string' && /^[0-9a-f]{64}$/i.test(kid)
}

const headerValue = (headers: { name: string; value: string }[], name: string) =>
  headers.find((h) => h.name.toLowerCase() === name)?.value ?? null

function bodyText(entry: HarEntry): string | null {
  const content = entry.response?.content
  const text = content?.text
  if (!text || text.length > MAX_BODY_SEARCHED * (content?.encoding === 'base64' ? 4 / 3 : 1)) return null
  if (content?.encoding === 'base64') return Buffer.from(text, 'base64').toString('utf8')
  return text
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' }
const unescapeHtml = (text: string) => text.replace(/&(?:amp|quot|#39|lt|gt);/g, (m) => ENTITIES[m]!)

/** Embed URLs and embed JWTs in a body: walked as JSON when it is JSON, else searched as text. */
export function findInBody(text: string): { embed: string; foundAt: string }[] {
  const found: { embed: string; foundAt: string }[] = []
  const seen = new Set<string>()
  const add = (embed: string, foundAt: string) => {
    if (found.length >= MAX_FOUND_PER_BODY || seen.has(embed)) return
    seen.add(embed)
    found.push({ embed, foundAt })
  }
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const json: unknown = JSON.parse(trimmed)
      let strings = 0
      const walk = (value: unknown, path: string, depth: number) => {
        if (depth > 40 || strings > MAX_JSON_STRINGS || found.length >= MAX_FOUND_PER_BODY) return
        if (typeof value === 'string') {
          strings++
          const candidate = value.trim()
          if (isEmbedUrl(candidate) || isEmbedJwt(candidate)) add(candidate, path)
        } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1))
        else if (value && typeof value === 'object')
          for (const [key, item] of Object.entries(value))
            walk(item, /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`, depth + 1)
      }
      walk(json, '$', 0)
      return found
    } catch {
      // Not JSON after all: searched as text below.
    }
  }
  for (const match of text.matchAll(/https?:\/\/[^\s"'<>`\\]+/g)) {
    const url = unescapeHtml(match[0])
    if (isEmbedUrl(url)) add(url, `text at ${match.index}`)
    if (found.length >= MAX_FOUND_PER_BODY) break
  }
  for (const match of text.matchAll(/eyJ[\w-]{2,}\.eyJ[\w-]{2,}\.[\w-]*/g)) {
    // A JWT inside an embed URL already found is that URL, not another request.
    if (found.some((f) => f.embed.includes(match[0]))) continue
    if (isEmbedJwt(match[0])) add(match[0], `text at ${match.index}`)
    if (found.length >= MAX_FOUND_PER_BODY) break
  }
  return found
}

/** The code and message an error page shows: the emulator's bootstrap, a JSON error, a title. */
export function hostAnswer(entry: HarEntry): { code: string | null; message: string | null } {
  const text = bodyText(entry)
  if (!text) return { code: null, message: null }
  const bootstrap = /<script type="application\/json" id="ewb-bootstrap">([\s\S]*?)<\/script>/.exec(text)
  const json = bootstrap ? bootstrap[1] : /^\s*\{/.test(text) ? text : null
  if (json) {
    try {
      const parsed = JSON.parse(json) as {
        error?: { code?: unknown; message?: unknown }
        code?: unknown
        message?: unknown
      }
      const error = parsed.error && typeof parsed.error === 'object' ? parsed.error : parsed
      const code = typeof error.code === 'string' ? error.code.slice(0, 100) : null
      const message = typeof error.message === 'string' ? error.message.slice(0, 1000) : null
      if (code || message) return { code, message }
    } catch {
      // Not the JSON it looked like.
    }
  }
  const status = entry.response?.status ?? 0
  if (status >= 400) {
    const title = /<title>([^<]{1,300})<\/title>/i.exec(text)?.[1]?.trim()
    if (title) return { code: null, message: unescapeHtml(title) }
    if (!/^\s*</.test(text)) return { code: null, message: text.trim().slice(0, 300) || null }
  }
  return { code: null, message: null }
}

/** The origin of a URL in the HAR (an entry's or an embed's), or null. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/** The record every entry leaves, and the embed requests in it. */
export function examineEntry(entry: HarEntry, index: number): { record: EntryRecord; candidates: Candidate[] } {
  const started = Date.parse(entry.startedDateTime)
  const response = entry.response
  const date = response ? headerValue(response.headers, 'date') : null
  const dateMs = date ? Date.parse(date) : NaN
  const url = entry.request.url
  const candidates: Candidate[] = []
  const requestIsEmbed = isEmbedUrl(url)
  if (requestIsEmbed) candidates.push({ index, kind: 'embed-url', embed: url, foundAt: null })
  if (response && response.status >= 300 && response.status < 400) {
    const location = response.redirectURL || headerValue(response.headers, 'location')
    if (location) {
      // An absolute Location is kept byte for byte (the signature is over it); a relative one resolved.
      let absolute = location
      if (!/^https?:\/\//i.test(location)) {
        try {
          absolute = new URL(location, url).href
        } catch {
          // Left as written.
        }
      }
      if (isEmbedUrl(absolute)) candidates.push({ index, kind: 'redirect', embed: absolute, foundAt: 'Location' })
    }
  }
  if (!requestIsEmbed && response) {
    const text = bodyText(entry)
    if (text && (EMBED_MARK.test(text) || /eyJ[\w-]{2,}\.eyJ/.test(text)))
      for (const item of findInBody(text)) candidates.push({ index, kind: 'api-response', ...item })
  }
  const host = requestIsEmbed ? hostAnswer(entry) : { code: null, message: null }
  const time = typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time >= 0 ? entry.time : null
  return {
    record: {
      index,
      startedMs: Number.isFinite(started) ? started : null,
      startedDateTime: entry.startedDateTime,
      method: entry.request.method,
      url: url.length > 2048 ? `${url.slice(0, 2048)}…` : url,
      origin: originOf(url),
      status: response && response.status > 0 ? response.status : null,
      statusText: response?.statusText || null,
      dateMs: Number.isFinite(dateMs) ? dateMs : null,
      timeMs: time === null ? null : Math.round(time * 10) / 10,
      hostCode: host.code,
      hostMessage: host.message
    },
    candidates
  }
}
