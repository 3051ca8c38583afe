/**
 * AWS Signature Version 4: the canonical request, the string to sign and the signature, in the
 * Authorization header or in the query string (a presigned URL), with the options services
 * differ on. The runner signs with it, and the verification server and the request inspector
 * recompute with it, so what is sent and what is checked cannot diverge.
 *
 * Written here rather than through `aws4` (which the tests keep as a reference signer): aws4 ties
 * path normalization, path encoding and the payload header to the service being named "s3", so it
 * cannot sign an unnormalized path for any other service, nor leave the session token out of the
 * signature. The HMAC is node:crypto's, through the one helper.
 */
import { createHash } from 'node:crypto'
import type { SigV4Options } from '../../preload/contract'
import { defaultSigV4Options } from '../../preload/contract/constants'
import { hmacSha256 } from '../core/hmac'

export type { SigV4Options }
export { defaultSigV4Options }

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256'
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'

/** Headers no signer includes: they change on the way (or are the signature). */
const UNSIGNED_HEADERS = new Set([
  'authorization',
  'connection',
  'x-amzn-trace-id',
  'user-agent',
  'expect',
  'presigned-expires',
  'range'
])

export interface SigV4Scope {
  accessKeyId: string
  region: string
  service: string
}

export interface SigV4Parts {
  canonicalRequest: string
  stringToSign: string
  signature: string
  credentialScope: string
  signedHeaders: string
}

/** A request as it travels: the method, the request target's path and query as sent, its headers in order, its body. */
export interface SigV4Request {
  method: string
  path: string
  query: string
  headers: readonly (readonly [string, string])[]
  body: string | Buffer
}

export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex')
}

/** RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 defines it. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** Percent-decoding that leaves a malformed escape as it is instead of throwing. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text.replace(/%([0-9a-f]{2})/gi, (whole, hex: string) => {
      const code = parseInt(hex, 16)
      return code < 0x80 ? String.fromCharCode(code) : whole
    })
  }
}

/** The canonical URI (line 2). */
export function canonicalPath(path: string, style: SigV4Options['path']): string {
  if (path === '' || path === '/') return '/'
  if (style === 'as-sent')
    return path
      .split('/')
      .map((segment) => uriEncode(decode(segment)))
      .join('/')
  const segments: string[] = []
  for (const segment of path.replace(/\/{2,}/g, '/').split('/')) {
    if (segment === '..') segments.pop()
    else if (segment !== '.') segments.push(uriEncode(segment))
  }
  const joined = segments.join('/')
  return joined.startsWith('/') ? joined : `/${joined}`
}

/**
 * How a canonical query is ordered: `sorted` by name then value, as SigV4 says. The other two are
 * what clients with a known bug sign, for the request inspector to recognise: `as-sent` (not
 * sorted at all; curl's --aws-sigv4, curl issue #9717) and `by-pair` (sorted as whole "name=value"
 * strings, which puts "select-type=2" before "select=").
 */
export type QueryOrder = 'sorted' | 'as-sent' | 'by-pair'

/** A query's name=value pairs in order, decoded ("+" as a space; a malformed escape kept as it is). */
export function queryPairs(query: string): [string, string][] {
  return query
    .replace(/^\?/, '')
    .split('&')
    .filter(Boolean)
    .map((piece) => {
      const at = piece.indexOf('=')
      const part = (text: string) => decode(text.replace(/\+/g, ' '))
      return [part(at < 0 ? piece : piece.slice(0, at)), part(at < 0 ? '' : piece.slice(at + 1))]
    })
}

/** The canonical query string (line 3): every pair decoded, encoded as SigV4 says, sorted by name then value. */
export function canonicalQuery(query: string, leaveOut: readonly string[] = [], order: QueryOrder = 'sorted'): string {
  const pairs = queryPairs(query)
    .filter(([name]) => name && !leaveOut.includes(name))
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
  if (order === 'sorted')
    pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  const joined = pairs.map(([name, value]) => `${name}=${value}`)
  if (order === 'by-pair') joined.sort()
  return joined.join('&')
}

/** A header value as SigV4 canonicalizes it: trimmed, runs of spaces (and folded lines) collapsed to one. */
function trimmed(value: string): string {
  return value.trim().replace(/\s+/g, ' ')
}

/**
 * One header's values as SigV4 and the HMAC scheme join a name given twice: each trimmed, spaces
 * collapsed, joined with "," (not node's ", "). A name given once keeps its value as sent.
 */
export function joinHeaderValues(values: readonly string[]): string {
  return values.length === 1 ? values[0]! : values.map(trimmed).join(',')
}

/** Headers by lower-case name, values in the order given (a name given twice keeps both). */
export function headersByName(headers: readonly (readonly [string, string])[]): Map<string, string[]> {
  const byName = new Map<string, string[]>()
  for (const [name, value] of headers) {
    const key = name.toLowerCase()
    byName.set(key, [...(byName.get(key) ?? []), value])
  }
  return byName
}

/** The names a signer signs: every header but those that change on the way, sorted. */
export function signableHeaderNames(headers: readonly (readonly [string, string])[]): string[] {
  return [...headersByName(headers).keys()].filter((name) => !UNSIGNED_HEADERS.has(name)).sort()
}

/** The canonical headers block (one `name:value` line each) for the named headers. */
export function canonicalHeaders(headers: readonly (readonly [string, string])[], names: readonly string[]): string {
  const byName = headersByName(headers)
  const lines = names.map((name) => {
    const values = byName.get(name)
    return `${name}:${(values ?? []).map(trimmed).join(',')}`
  })
  return lines.join('\n')
}

export function credentialScope(datetime: string, region: string, service: string): string {
  return `${datetime.slice(0, 8)}/${region}/${service}/aws4_request`
}

/** The signing key for one day, region and service, derived from the secret access key. */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmacSha256(`AWS4${secretAccessKey}`, date)
  return hmacSha256(hmacSha256(hmacSha256(kDate, region), service), 'aws4_request')
}

/**
 * The canonical request, string to sign and signature of a request whose signed headers,
 * time and payload line are already decided (the signer decides them; the verifier reads them).
 */
export function sigV4Parts(
  request: SigV4Request,
  input: {
    scope: SigV4Scope
    secretAccessKey: string
    datetime: string
    signedHeaders: readonly string[]
    payloadHash: string
    pathStyle: SigV4Options['path']
    /** Query names not signed (the presigned URL's X-Amz-Signature). */
    leaveOutOfQuery?: readonly string[]
    queryOrder?: QueryOrder
  }
): SigV4Parts {
  const block = canonicalHeaders(request.headers, input.signedHeaders)
  const signedHeaders = input.signedHeaders.join(';')
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.path, input.pathStyle),
    canonicalQuery(request.query, input.leaveOutOfQuery, input.queryOrder),
    `${block}\n`,
    signedHeaders,
    input.payloadHash
  ].join('\n')
  const scope = credentialScope(input.datetime, input.scope.region, input.scope.service)
  const stringToSign = stringToSignOf(input.datetime, scope, canonicalRequest)
  const signature = signatureOf(input.secretAccessKey, scope, stringToSign)
  return { canonicalRequest, stringToSign, signature, credentialScope: scope, signedHeaders }
}

/** The string to sign for a canonical request, at a SigV4 time, in a credential scope. */
export function stringToSignOf(datetime: string, scope: string, canonicalRequest: string): string {
  return [SIGV4_ALGORITHM, datetime, scope, sha256Hex(canonicalRequest)].join('\n')
}

/** The signature of a string to sign, with the key derived for its scope (DATE/REGION/SERVICE/aws4_request). */
export function signatureOf(secretAccessKey: string, scope: string, stringToSign: string): string {
  const [date, region, service] = scope.split('/') as [string, string, string]
  return hmacSha256(signingKey(secretAccessKey, date, region, service), stringToSign).toString('hex')
}

export interface SigV4Signed {
  /** The headers to send, in order: the request's, then what signing added. */
  headers: [string, string][]
  /** The query to send (without "?"): the request's, plus the presigned parameters when signed in the query. */
  query: string
  parts: SigV4Parts
}

/**
 * Signs a request in the Authorization header, or in the query (presigned, valid `expiresSeconds`).
 * The request's own Host (or `host`) is signed; an X-Amz-Date, Authorization or session token
 * header already there is replaced by the signer's.
 */
export function signSigV4(
  request: SigV4Request,
  input: {
    host: string
    scope: SigV4Scope
    secretAccessKey: string
    sessionToken?: string
    datetime: string
    options: SigV4Options
    presign?: { expiresSeconds: number }
  }
): SigV4Signed {
  const { options } = input
  const headers: [string, string][] = request.headers
    .filter(([name]) => !/^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256)$/i.test(name))
    .map(([name, value]) => [name, value])
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) headers.unshift(['Host', input.host])
  const bodyHash = sha256Hex(request.body)
  const payloadHash = options.payload === 'unsigned' ? UNSIGNED_PAYLOAD : bodyHash
  const token = input.sessionToken
  const scope = credentialScope(input.datetime, input.scope.region, input.scope.service)
  if (input.presign) {
    const signedHeaders = signableHeaderNames(headers)
    const added: [string, string][] = [
      ['X-Amz-Algorithm', SIGV4_ALGORITHM],
      ['X-Amz-Credential', `${input.scope.accessKeyId}/${scope}`],
      ['X-Amz-Date', input.datetime],
      ['X-Amz-Expires', String(input.presign.expiresSeconds)],
      ...(token && options.sessionToken === 'signed' ? [['X-Amz-Security-Token', token] as [string, string]] : []),
      ['X-Amz-SignedHeaders', signedHeaders.join(';')]
    ]
    const own = request.query
      .replace(/^\?/, '')
      .split('&')
      .filter(
        (piece) =>
          piece && !/^X-Amz-(Algorithm|Credential|Date|Expires|Security-Token|SignedHeaders|Signature)=/i.test(piece)
      )
    const query = [...own, ...added.map(([n, v]) => `${uriEncode(n)}=${uriEncode(v)}`)].join('&')
    const parts = sigV4Parts(
      { ...request, query, headers },
      { ...input, signedHeaders, payloadHash, pathStyle: options.path }
    )
    const after = token && options.sessionToken === 'after-signing' ? `&X-Amz-Security-Token=${uriEncode(token)}` : ''
    return { headers, query: `${query}&X-Amz-Signature=${parts.signature}${after}`, parts }
  }
  headers.push(['X-Amz-Date', input.datetime])
  if (options.payload !== 'hash') headers.push(['X-Amz-Content-Sha256', payloadHash])
  if (token && options.sessionToken === 'signed') headers.push(['X-Amz-Security-Token', token])
  const signedHeaders = signableHeaderNames(headers)
  const parts = sigV4Parts({ ...request, headers }, { ...input, signedHeaders, payloadHash, pathStyle: options.path })
  headers.push([
    'Authorization',
    `${SIGV4_ALGORITHM} Credential=${input.scope.accessKeyId}/${scope}, SignedHeaders=${parts.signedHeaders}, Signature=${parts.signature}`
  ])
  if (token && options.sessionToken === 'after-signing') headers.push(['X-Amz-Security-Token', token])
  return { headers, query: request.query.replace(/^\?/, ''), parts }
}

/** The SigV4 time (YYYYMMDD'T'HHMMSS'Z') of a moment. */
export function amzDate(now: Date): string {
  return now.toISOString().replace(/[:-]|\.\d{3}/g, '')
}

/** The moment a SigV4 time names, or NaN. */
export function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text.trim())
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN
}
