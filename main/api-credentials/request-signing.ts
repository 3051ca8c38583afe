/**
 * Builds the exact request an API credential sends: URL, headers (Content-Type, extra headers,
 * authentication) and body, plus what was signed, so the runner can show it and the local
 * verification server can recompute it. AWS Signature V4 goes through the `aws4` library, which
 * exposes the canonical request and the string to sign; HMAC-SHA256 is the configurable scheme
 * below. The one clock decides every timestamp.
 */
import { createHash } from 'node:crypto'
import aws4 from 'aws4'
import type { ApiAuth, ApiContentType, HmacOptions } from '../../preload/contract'
import { MASKED_SECRET } from '../../preload/contract/constants'
import { hmacSha256 } from '../core/hmac'
import { WorkbenchError } from '../core/errors'

export const contentTypeValues: Record<ApiContentType, string> = {
  json: 'application/json',
  xml: 'application/xml',
  form: 'application/x-www-form-urlencoded'
}

/** The secret halves of an auth configuration; kept encrypted, used only here and in the verifier. */
export interface AuthSecrets {
  value?: string
  password?: string
  token?: string
  secretAccessKey?: string
  sessionToken?: string
  clientSecret?: string
}

export interface OutgoingRequest {
  method: string
  url: URL
  headers: [string, string][]
  body: string
}

export type SigningDetails =
  | {
      kind: 'aws4'
      canonicalRequest: string
      stringToSign: string
      signature: string
      credentialScope: string
      signedHeaders: string
    }
  | { kind: 'hmac'; stringToSign: string; signature: string }

export interface BuiltRequest extends OutgoingRequest {
  signing: SigningDetails | null
  /** Header names whose values are secret (masked wherever the request is shown). */
  secretHeaders: string[]
}

export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex')
}

/** The canonical query string HMAC signs: pairs sorted by name then value, RFC 3986 encoded. */
export function canonicalQuery(search: string): string {
  const pairs = [...new URLSearchParams(search)].map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  return pairs.map(([k, v]) => `${k}=${v}`).join('&')
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export function hmacTimestamp(now: Date, format: HmacOptions['timestampFormat']): string {
  return format === 'iso' ? now.toISOString().replace(/\.\d{3}Z$/, 'Z') : String(Math.floor(now.getTime() / 1000))
}

/** The string HMAC-SHA256 signs, from its parts in the configured order. */
export function hmacStringToSign(
  options: HmacOptions,
  input: { method: string; path: string; query: string; timestamp: string; body: string; clientId: string }
): string {
  const part = (name: HmacOptions['parts'][number]): string => {
    switch (name) {
      case 'method':
        return input.method.toUpperCase()
      case 'path':
        return input.path
      case 'query':
        return canonicalQuery(input.query)
      case 'timestamp':
        return input.timestamp
      case 'bodyHash':
        return sha256Hex(input.body)
      case 'clientId':
        return input.clientId
    }
  }
  return options.parts.map(part).join(options.separator)
}

export function hmacSignature(secret: string, stringToSign: string, encoding: HmacOptions['encoding']): string {
  return hmacSha256(secret, stringToSign).toString(encoding)
}

export function amzDate(now: Date): string {
  return now.toISOString().replace(/[:-]|\.\d{3}/g, '')
}

/**
 * Headers as SigV4 canonicalizes them: one entry per name, a name given twice joined with ","
 * after each value is trimmed and its runs of spaces collapsed (aws4 then only trims).
 */
export function canonicalHeaderValues(headers: readonly (readonly [string, string])[]): Record<string, string> {
  const byName = new Map<string, { name: string; values: string[] }>()
  for (const [name, value] of headers) {
    const key = name.toLowerCase()
    const entry = byName.get(key) ?? { name, values: [] }
    entry.values.push(value)
    byName.set(key, entry)
  }
  return Object.fromEntries([...byName.values()].map(({ name, values }) => [name, joinHeaderValues(values)]))
}

/** One header's values as SigV4 and the HMAC scheme join a name given twice: trimmed, spaces collapsed, ",". */
export function joinHeaderValues(values: readonly string[]): string {
  return values.length === 1 ? values[0]! : values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')
}

/** Signs with AWS Signature V4 through aws4, returning its canonical request and string to sign. */
export function signAws4(
  request: OutgoingRequest,
  auth: Extract<ApiAuth, { type: 'aws4' }>,
  secrets: AuthSecrets,
  now: Date
): { headers: [string, string][]; signing: Extract<SigningDetails, { kind: 'aws4' }> } {
  // An X-Amz-Date the user set is the signing time (a customer's signature, reproduced), if it is one.
  const given = request.headers.find(([name]) => /^x-amz-date$/i.test(name))?.[1]?.trim()
  if (given !== undefined && !/^\d{8}T\d{6}Z$/.test(given))
    throw new WorkbenchError(
      'INVALID_INPUT',
      `X-Amz-Date is "${given.slice(0, 40)}": SigV4 signs with a time written YYYYMMDD'T'HHMMSS'Z' (e.g. 20261201T093000Z). Fix it, or leave the header out to sign as of now.`,
      'headers'
    )
  const headers = request.headers.filter(([name]) => !/^(authorization|x-amz-date|x-amz-security-token)$/i.test(name))
  if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers.unshift(['Host', request.url.host])
  const datetime = given ?? amzDate(now)
  headers.push(['X-Amz-Date', datetime])
  if (secrets.sessionToken) headers.push(['X-Amz-Security-Token', secrets.sessionToken])
  const signer = new aws4.RequestSigner(
    {
      host: request.url.host,
      method: request.method,
      path: `${request.url.pathname}${request.url.search}`,
      headers: canonicalHeaderValues(headers),
      body: request.body,
      service: auth.service,
      region: auth.region,
      doNotModifyHeaders: true
    },
    {
      accessKeyId: auth.accessKeyId,
      secretAccessKey: secrets.secretAccessKey ?? '',
      sessionToken: secrets.sessionToken
    }
  )
  signer.datetime = datetime
  const authorization = signer.authHeader()
  headers.push(['Authorization', authorization])
  return {
    headers,
    signing: {
      kind: 'aws4',
      canonicalRequest: signer.canonicalString(),
      stringToSign: signer.stringToSign(),
      signature: signer.signature(),
      credentialScope: signer.credentialString(),
      signedHeaders: signer.signedHeaders()
    }
  }
}

/**
 * The request an API credential sends for method + path (+ query) + body: base URL, Content-Type
 * (when there is a body), the credential's extra headers, per-request headers, then authentication.
 */
export function buildRequest(options: {
  baseUrl: string
  contentType: ApiContentType
  headers: { name: string; value: string }[]
  auth: ApiAuth
  secrets: AuthSecrets
  method: string
  path: string
  body: string
  extraHeaders?: { name: string; value: string }[]
  now: Date
}): BuiltRequest {
  const url = joinUrl(options.baseUrl, options.path)
  const method = options.method.toUpperCase()
  const headers: [string, string][] = []
  const set = (name: string, value: string) => {
    const at = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase())
    if (at >= 0) headers[at] = [name, value]
    else headers.push([name, value])
  }
  /** A list's headers replace those of the same name set before; within one list, a name given twice is kept twice. */
  const setAll = (list: { name: string; value: string }[]) => {
    const names = new Set(list.map((h) => h.name.toLowerCase()))
    const kept = headers.filter(([n]) => !names.has(n.toLowerCase()))
    headers.splice(0, headers.length, ...kept, ...list.map((h): [string, string] => [h.name, h.value]))
  }
  if (options.body) set('Content-Type', contentTypeValues[options.contentType])
  setAll(options.headers)
  setAll(options.extraHeaders ?? [])
  const base: OutgoingRequest = { method, url, headers, body: options.body }
  const auth = options.auth
  const s = options.secrets
  switch (auth.type) {
    case 'none':
      return { ...base, signing: null, secretHeaders: [] }
    case 'headers':
      set(auth.headerName, s.value ?? '')
      return { ...base, signing: null, secretHeaders: [auth.headerName] }
    case 'basic':
      set('Authorization', `Basic ${Buffer.from(`${auth.username}:${s.password ?? ''}`, 'utf8').toString('base64')}`)
      return { ...base, signing: null, secretHeaders: ['Authorization'] }
    case 'bearer':
      set(auth.headerName || 'Authorization', `${auth.scheme ? `${auth.scheme} ` : ''}${s.token ?? ''}`)
      return { ...base, signing: null, secretHeaders: [auth.headerName || 'Authorization'] }
    case 'aws4': {
      const signed = signAws4(base, auth, s, options.now)
      return { ...base, headers: signed.headers, signing: signed.signing, secretHeaders: ['X-Amz-Security-Token'] }
    }
    case 'hmac': {
      const o = auth.options
      const timestamp = hmacTimestamp(options.now, o.timestampFormat)
      const stringToSign = hmacStringToSign(o, {
        method,
        path: url.pathname,
        query: url.search,
        timestamp,
        body: options.body,
        clientId: auth.clientId
      })
      const signature = hmacSignature(s.clientSecret ?? '', stringToSign, o.encoding)
      set(o.clientIdHeader, auth.clientId)
      set(o.timestampHeader, timestamp)
      set(o.signatureHeader, signature)
      return { ...base, signing: { kind: 'hmac', stringToSign, signature }, secretHeaders: [] }
    }
  }
}

/** Base URL + path: the path is appended to the base URL's path; a full URL path is refused. */
export function joinUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path))
    throw new Error('The path is relative to the base URL; give only the part after it.')
  const [pathPart, query = ''] = path.split(/\?(.*)/s, 2) as [string, string?]
  const joined = `${base.pathname.replace(/\/$/, '')}/${pathPart.replace(/^\//, '')}`
  const url = new URL(base.origin)
  url.pathname = joined === '/' || !pathPart ? base.pathname || '/' : joined
  url.search = query ? `?${query}` : base.search
  return url
}

/** The request with secret header values masked, for showing and logging. */
export function maskedHeaders(request: BuiltRequest): [string, string][] {
  const secret = new Set(request.secretHeaders.map((h) => h.toLowerCase()))
  return request.headers.map(([name, value]) => {
    if (!secret.has(name.toLowerCase())) return [name, value]
    if (/^authorization$/i.test(name)) {
      const [scheme] = value.split(' ')
      return [name, `${scheme} ${MASKED_SECRET}`]
    }
    return [name, MASKED_SECRET]
  })
}
