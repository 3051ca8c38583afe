/**
 * Builds the exact request an API credential sends: URL, headers (Content-Type, extra headers,
 * authentication) and body, plus what was signed, so the runner can show it and the local
 * verification server can recompute it. AWS Signature V4 is `sigv4.ts`; HMAC-SHA256 is the
 * configurable scheme below. The one clock decides every timestamp.
 */
import type { ApiAuth, ApiContentType, HmacOptions } from '../../preload/contract'
import { MASKED_SECRET } from '../../preload/contract/constants'
import { hmacSha256 } from '../core/hmac'
import { amzDate, canonicalQuery, defaultSigV4Options, parseAmzDate, sha256Hex, signSigV4 } from './sigv4'
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
  /** The request target as sent: path and query exactly as typed (dots and slashes kept), unsafe characters percent-encoded. */
  target: string
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

/**
 * Signs with AWS Signature V4, in the Authorization header or (presign) in the query string.
 * An X-Amz-Date the user set is the signing time (a customer's signature, reproduced), if it is one.
 */
export function signAws4(
  request: OutgoingRequest,
  auth: Extract<ApiAuth, { type: 'aws4' }>,
  secrets: AuthSecrets,
  now: Date,
  presign?: { expiresSeconds: number }
): { headers: [string, string][]; target: string; signing: Extract<SigningDetails, { kind: 'aws4' }> } {
  const given = request.headers.find(([name]) => /^x-amz-date$/i.test(name))?.[1]?.trim()
  if (given !== undefined && Number.isNaN(parseAmzDate(given)))
    throw new WorkbenchError(
      'INVALID_INPUT',
      `X-Amz-Date is "${given.slice(0, 40)}": SigV4 signs with a time written YYYYMMDD'T'HHMMSS'Z' (e.g. 20261201T093000Z). Fix it, or leave the header out to sign as of now.`,
      'headers'
    )
  const [path, query = ''] = request.target.split(/\?(.*)/s, 2) as [string, string?]
  const signed = signSigV4(
    { method: request.method, path, query, headers: request.headers, body: request.body },
    {
      host: request.url.host,
      scope: { accessKeyId: auth.accessKeyId, region: auth.region, service: auth.service },
      secretAccessKey: secrets.secretAccessKey ?? '',
      sessionToken: secrets.sessionToken,
      datetime: given ?? amzDate(now),
      options: auth.options ?? defaultSigV4Options,
      presign
    }
  )
  return {
    headers: signed.headers,
    target: signed.query ? `${path}?${signed.query}` : path,
    signing: { kind: 'aws4', ...signed.parts }
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
  /** SigV4 only: sign in the query string (a presigned URL valid this long) instead of the Authorization header. */
  presign?: { expiresSeconds: number }
}): BuiltRequest {
  const { url, target } = joinTarget(options.baseUrl, options.path)
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
  const base: OutgoingRequest = { method, url, target, headers, body: options.body }
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
      const signed = signAws4(base, auth, s, options.now, options.presign)
      return {
        ...base,
        url: new URL(`${url.origin}${signed.target}`),
        target: signed.target,
        headers: signed.headers,
        signing: signed.signing,
        secretHeaders: ['X-Amz-Security-Token']
      }
    }
    case 'hmac': {
      const o = auth.options
      const timestamp = hmacTimestamp(options.now, o.timestampFormat)
      const stringToSign = hmacStringToSign(o, {
        method,
        path: target.split('?')[0]!,
        query: target.includes('?') ? target.slice(target.indexOf('?')) : '',
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

/**
 * Base URL + path: the path is appended to the base URL's path (a full URL is refused). The target
 * keeps the path as typed (".", ".." and "//" are signed and sent as they are: S3 signs them so),
 * percent-encoding only what cannot go on a request line; the URL is the same, for showing.
 */
export function joinTarget(baseUrl: string, path: string): { url: URL; target: string } {
  const base = new URL(baseUrl)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path))
    throw new Error('The path is relative to the base URL; give only the part after it.')
  const [typed, query = ''] = path.replace(/#.*$/s, '').split(/\?(.*)/s, 2) as [string, string?]
  const basePath = base.pathname.replace(/\/$/, '')
  const pathPart = !typed || typed === '/' ? base.pathname || '/' : `${basePath}/${typed.replace(/^\//, '')}`
  const search = query ? query : base.search.replace(/^\?/, '')
  const target = `${onRequestLine(pathPart)}${search ? `?${onRequestLine(search)}` : ''}`
  return { url: new URL(`${base.origin}${target}`), target }
}

/** Percent-encodes what a request line cannot carry (spaces, controls, non-ASCII, a "%" that starts no escape). */
function onRequestLine(text: string): string {
  return text.replace(/%(?![0-9a-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/giu, (c) => {
    if (c === '%') return '%25'
    try {
      return encodeURIComponent(c)
    } catch {
      return '%EF%BF%BD' // a lone surrogate: U+FFFD, as a browser sends it
    }
  })
}

/** The request with secret header values masked, for showing and logging. */
export function maskedHeaders(request: BuiltRequest): [string, string][] {
  const secret = new Set(request.secretHeaders.map((h) => h.toLowerCase()))
  return request.headers.map(([name, value]) => {
    if (!secret.has(name.toLowerCase())) return [name, value]
    return [name, /^authorization$/i.test(name) ? maskedAuthorization(value) : MASKED_SECRET]
  })
}

/** An Authorization value as shown: its scheme kept, its credentials masked ("Bearer ••••••"). */
export function maskedAuthorization(value: string): string {
  const [scheme] = value.trim().split(/\s+/)
  return `${scheme} ${MASKED_SECRET}`
}
