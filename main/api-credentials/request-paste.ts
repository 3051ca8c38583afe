/**
 * Reads a request a customer already sent, as they hand it over: a raw HTTP request (from a log,
 * a proxy or the devtools' "view source"), a cURL command (a shell one-liner, Chrome's "Copy as
 * cURL"), or a HAR (a whole file or one entry). Every reader returns the same PastedRequest, or a
 * sentence saying what it could not read; none throws on any input.
 */
import { parse as parseShell } from 'shell-quote'
import { harEntryWithBodySchema, harReader, type HarEntryWithBody } from '../har/har-reader'

export interface PastedRequest {
  method: string
  /** Scheme and host when the paste says them (a cURL URL, a HAR URL, an absolute request target), else null. */
  origin: string | null
  /** The request target as sent: path and query. */
  target: string
  /** In order, a name given twice kept twice. */
  headers: [string, string][]
  body: string
  /** When the paste says the request was sent (a HAR's startedDateTime), ISO; else null. */
  sentAt: string | null
}

export interface HarCandidate {
  /** The entry's index in log.entries. */
  index: number
  method: string
  url: string
  status: number | null
  /** Why it is listed: the authentication it carries, in words. */
  carries: string
  request: PastedRequest
}

export type Paste =
  | { kind: 'http' | 'curl' | 'har-entry'; request: PastedRequest; notes: string[] }
  | { kind: 'har'; candidates: HarCandidate[]; entries: number; notes: string[] }
  | { kind: 'unreadable'; problem: string }

/** What a header or query says about the authentication a request carries, or null for none. */
export function carriedAuthentication(
  request: Pick<PastedRequest, 'headers' | 'target'>,
  extraHeaders: string[] = []
): string | null {
  const names = new Set(request.headers.map(([n]) => n.toLowerCase()))
  const authorization = request.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1]
  if (authorization) return `Authorization: ${authorization.trim().split(/\s+/)[0]!.slice(0, 40)}`
  if (/[?&]X-Amz-Signature=/i.test(request.target)) return 'a presigned URL (X-Amz-Signature)'
  const extra = extraHeaders.find((h) => names.has(h.toLowerCase()))
  if (extra) return `the ${extra} header`
  const keyLike = request.headers.find(([n]) => /(^|-)(api-?key|token|signature|auth)/i.test(n))
  return keyLike ? `the ${keyLike[0]} header` : null
}

/** Reads any of the three forms; `authHeaders` are header names stored credentials sign or send a key in. */
export async function readPaste(text: string, authHeaders: string[] = []): Promise<Paste> {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (!trimmed) return { kind: 'unreadable', problem: 'Paste a raw HTTP request, a cURL command or a HAR.' }
  if (/^curl(\.exe)?\s/i.test(trimmed)) return readCurl(trimmed)
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return readJson(trimmed, authHeaders)
  return readHttp(trimmed)
}

const METHOD = /^[A-Z][A-Z-]{1,19}$/

/** `METHOD target HTTP/1.1`, header lines, a blank line, the body; HTTP/2 pseudo-headers (`:method`, `:path`) are read too. */
export function readHttp(text: string): Paste {
  const normalized = text.replace(/\r\n?/g, '\n')
  const split = normalized.indexOf('\n\n')
  const head = split < 0 ? normalized : normalized.slice(0, split)
  const body = split < 0 ? '' : normalized.slice(split + 2)
  const lines = head.split('\n')
  const notes: string[] = []
  let method = ''
  let target = ''
  let origin: string | null = null
  const first = lines[0]!.trim()
  if (!first.startsWith(':')) {
    lines.shift()
    const at = first.indexOf(' ')
    method = at < 0 ? first : first.slice(0, at)
    const rest = at < 0 ? '' : first.slice(at + 1)
    const version = /\s+HTTP\/\d(\.\d)?$/i.exec(rest)
    target = version ? rest.slice(0, version.index) : rest.trim()
    if (!METHOD.test(method) || !target)
      return {
        kind: 'unreadable',
        problem: `The first line is "${first.slice(0, 80)}": a raw request starts with its request line, such as "GET /orders HTTP/1.1" (or paste a cURL command or a HAR).`
      }
  }
  const headers: [string, string][] = []
  for (const line of lines) {
    if (!line.trim()) continue
    // A line that starts with white space continues the header before it (obs-fold, as logs keep it).
    if (/^[ \t]/.test(line) && headers.length) {
      headers[headers.length - 1]![1] += `\n${line}`
      continue
    }
    const at = line.indexOf(':', line.startsWith(':') ? 1 : 0)
    if (at <= 0) {
      notes.push(`The line "${line.slice(0, 60)}" is not a header (no "name: value"); it was left out.`)
      continue
    }
    const name = line.slice(0, at).trim()
    const value = line.slice(at + 1).replace(/^[ \t]+/, '')
    if (name === ':method') method = value.trim()
    else if (name === ':path') target = value.trim()
    else if (name === ':authority') headers.push(['Host', value.trim()])
    else if (name === ':scheme') origin = `${value.trim()}://`
    else if (!name.startsWith(':')) headers.push([name, value])
  }
  if (!method || !target)
    return { kind: 'unreadable', problem: 'The request has no method or path (":method" and ":path").' }
  const absolute = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(target)
  if (absolute) {
    origin = `${absolute[1]!.toLowerCase()}://${absolute[2]}`
    target = absolute[3] || '/'
    if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', absolute[2]!])
  } else if (origin !== null) {
    const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1]
    origin = host ? `${origin}${host}` : null
  }
  return { kind: 'http', request: { method: method.toUpperCase(), origin, target, headers, body, sentAt: null }, notes }
}

/** Options that take a value, and what they mean for the request. */
const CURL_DATA = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json'])
const CURL_IGNORED_WITH_VALUE = new Set([
  '-o',
  '--output',
  '-w',
  '--write-out',
  '-m',
  '--max-time',
  '--connect-timeout',
  '--cacert',
  '--capath',
  '-E',
  '--cert',
  '--key',
  '--cert-type',
  '--key-type',
  '--resolve',
  '--connect-to',
  '-x',
  '--proxy',
  '--retry',
  '-c',
  '--cookie-jar',
  '--limit-rate',
  '--interface'
])

/** A cURL command as bash reads it (quotes, $'…', line continuations); the request it sends. */
export function readCurl(text: string): Paste {
  let words: string[]
  try {
    const parsed = parseShell(text.replace(/\\\r?\n/g, ' '), (name) => `$${name}`)
    const operator = parsed.find((w) => typeof w === 'object' && 'op' in w && w.op !== 'glob')
    if (operator && typeof operator === 'object' && 'op' in operator)
      return {
        kind: 'unreadable',
        problem: `The command goes on after the request ("${operator.op}"): paste only the curl command.`
      }
    words = parsed.map((w) => (typeof w === 'string' ? w : 'pattern' in w ? w.pattern : '')).filter((w) => w !== '')
  } catch (error) {
    return { kind: 'unreadable', problem: `The command cannot be read as a shell command: ${(error as Error).message}` }
  }
  const notes: string[] = []
  let method: string | null = null
  let url: string | null = null
  const headers: [string, string][] = []
  const data: string[] = []
  let get = false
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    const long = /^(--[a-z0-9-]+)=(.*)$/s.exec(word)
    const option = long ? long[1]! : /^-[a-zA-Z]./.test(word) && !word.startsWith('--') ? word.slice(0, 2) : word
    const inline = long ? long[2]! : option !== word ? word.slice(2) : null
    const value = () => inline ?? words[++i] ?? ''
    if (option === '-X' || option === '--request') method = value().toUpperCase()
    else if (option === '-H' || option === '--header') {
      const header = value()
      const at = header.indexOf(':')
      if (at > 0) {
        const name = header.slice(0, at).trim()
        const rest = header.slice(at + 1).replace(/^[ \t]+/, '')
        // "-H 'Name:'" removes a header curl would send; "-H 'Name;'" sends it empty.
        if (rest) headers.push([name, rest])
      } else if (header.endsWith(';')) headers.push([header.slice(0, -1).trim(), ''])
    } else if (CURL_DATA.has(option)) {
      const body = value()
      if (body.startsWith('@') && option !== '--data-raw')
        notes.push(
          `The body is read from the file ${body.slice(1)} when curl runs; paste the body itself to check a body hash.`
        )
      data.push(
        option === '-d' || option === '--data' || option === '--data-ascii' ? body.replace(/[\r\n]/g, '') : body
      )
      if (option === '--json') {
        if (!headers.some(([n]) => n.toLowerCase() === 'content-type'))
          headers.push(['Content-Type', 'application/json'])
        if (!headers.some(([n]) => n.toLowerCase() === 'accept')) headers.push(['Accept', 'application/json'])
      }
    } else if (option === '--data-urlencode') data.push(encodeCurlForm(value()))
    else if (option === '-u' || option === '--user') {
      const user = value()
      headers.push(['Authorization', `Basic ${Buffer.from(user, 'utf8').toString('base64')}`])
    } else if (option === '-A' || option === '--user-agent') headers.push(['User-Agent', value()])
    else if (option === '-e' || option === '--referer') headers.push(['Referer', value()])
    else if (option === '-b' || option === '--cookie') headers.push(['Cookie', value()])
    else if (option === '--url') url = value()
    else if (option === '-G' || option === '--get') get = true
    else if (option === '-I' || option === '--head') method = 'HEAD'
    else if (option === '--aws-sigv4') {
      notes.push(
        `curl signs this request itself when it runs (--aws-sigv4 ${value()}): the command holds no signature to check. Run it against the verification server, or paste the request curl sent (curl -v shows it).`
      )
    } else if (CURL_IGNORED_WITH_VALUE.has(option)) value()
    else if (option.startsWith('-') && option !== '-') continue
    else url ??= word
  }
  if (!url) return { kind: 'unreadable', problem: 'The curl command has no URL.' }
  const parsed = /^(?:(https?):\/\/)?([^/?#]+)([^#]*)/i.exec(url)
  if (!parsed) return { kind: 'unreadable', problem: `"${url.slice(0, 80)}" is not a URL.` }
  const origin = `${(parsed[1] ?? 'http').toLowerCase()}://${parsed[2]}`
  let target = parsed[3] || '/'
  if (!target.startsWith('/')) target = `/${target}`
  let body = data.join('&')
  if (get && body) {
    target += `${target.includes('?') ? '&' : '?'}${body}`
    body = ''
  }
  if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', parsed[2]!])
  // Like curl: a body without -X is a POST, sent as a form unless a Content-Type is given.
  if (body && !headers.some(([n]) => n.toLowerCase() === 'content-type'))
    headers.push(['Content-Type', 'application/x-www-form-urlencoded'])
  return {
    kind: 'curl',
    request: { method: method ?? (body ? 'POST' : get ? 'GET' : 'GET'), origin, target, headers, body, sentAt: null },
    notes
  }
}

/** --data-urlencode's forms: "content", "=content", "name=content", "@file", "name@file". */
function encodeCurlForm(value: string): string {
  const at = value.indexOf('=')
  if (at < 0) return encodeURIComponent(value)
  return at === 0
    ? encodeURIComponent(value.slice(1))
    : `${value.slice(0, at)}=${encodeURIComponent(value.slice(at + 1))}`
}

function fromHarEntry(entry: HarEntryWithBody): PastedRequest | string {
  let url: URL
  try {
    url = new URL(entry.request.url)
  } catch {
    return `The entry's URL "${entry.request.url.slice(0, 80)}" is not a URL.`
  }
  const headers: [string, string][] = entry.request.headers
    .filter((h) => !h.name.startsWith(':'))
    .map((h) => [h.name, h.value])
  if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', url.host])
  // The raw target: the HAR's URL as the browser logged it (not re-serialized).
  const raw = /^[a-z]+:\/\/[^/?#]*([^#]*)/i.exec(entry.request.url)?.[1] || '/'
  const sentAt = Date.parse(entry.startedDateTime)
  return {
    method: entry.request.method.toUpperCase(),
    origin: url.origin,
    target: raw,
    headers,
    body: entry.request.postData?.text ?? '',
    sentAt: Number.isNaN(sentAt) ? null : new Date(sentAt).toISOString()
  }
}

async function readJson(text: string, authHeaders: string[]): Promise<Paste> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    // A HAR too large to keep whole, or cut short, is still read entry by entry below.
    if (!/"log"\s*:/.test(text.slice(0, 2000)))
      return { kind: 'unreadable', problem: `This looks like JSON but does not parse: ${(error as Error).message}.` }
  }
  const record = value as
    { log?: unknown; request?: unknown; startedDateTime?: unknown; method?: unknown; url?: unknown } | undefined
  if (record && typeof record === 'object' && !Array.isArray(record) && !('log' in record)) {
    // One entry ({ startedDateTime, request }) or one entry's request ({ method, url, headers }).
    const entry = 'request' in record ? record : { startedDateTime: '', request: record }
    const request = entry.request as {
      method?: unknown
      url?: unknown
      headers?: unknown
      postData?: { text?: unknown }
    }
    if (!request || typeof request.method !== 'string' || typeof request.url !== 'string')
      return {
        kind: 'unreadable',
        problem: 'This JSON is not a HAR, a HAR entry or an entry’s request (it has no method and url).'
      }
    const headers = Array.isArray(request.headers)
      ? request.headers.filter(
          (h): h is { name: string; value: string } =>
            !!h &&
            typeof h === 'object' &&
            typeof (h as { name?: unknown }).name === 'string' &&
            typeof (h as { value?: unknown }).value === 'string'
        )
      : []
    const read = fromHarEntry({
      startedDateTime: typeof entry.startedDateTime === 'string' ? entry.startedDateTime : '',
      request: {
        method: request.method,
        url: request.url,
        headers,
        postData: typeof request.postData?.text === 'string' ? { text: request.postData.text } : null
      }
    })
    return typeof read === 'string'
      ? { kind: 'unreadable', problem: read }
      : { kind: 'har-entry', request: read, notes: [] }
  }
  const candidates: HarCandidate[] = []
  const notes: string[] = []
  const reader = harReader<HarEntryWithBody>((entry, index) => {
    const read = fromHarEntry(entry)
    if (typeof read === 'string') return
    const carries = carriedAuthentication(read, authHeaders)
    if (carries && candidates.length < 1000)
      candidates.push({
        index,
        method: read.method,
        url: `${read.origin}${read.target}`,
        status: entry.response?.status ?? null,
        carries,
        request: read
      })
  }, harEntryWithBodySchema)
  await reader.write(text)
  const result = await reader.end()
  if (result.notHar) return { kind: 'unreadable', problem: result.notHar }
  if (result.truncated) notes.push('The HAR is cut short: the entries before the cut were read.')
  if (result.damaged) notes.push(`The HAR is damaged partway (${result.damaged}): the entries before it were read.`)
  if (!candidates.length)
    notes.push(
      `None of its ${result.entries} entries carries authentication (an Authorization header, a presigned URL or a stored credential’s header).`
    )
  return { kind: 'har', candidates, entries: result.entries, notes }
}
