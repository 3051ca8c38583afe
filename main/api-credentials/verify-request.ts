/**
 * The one judgement of a signed API request against an API credential: the local verification
 * server applies it to what arrives on its socket, the request inspector to a request pasted from
 * a customer's log, cURL command or HAR. It says what is wrong in words (a signature mismatch and
 * the canonical request it expected, Basic expected but Bearer sent, N minutes of clock skew, a
 * presigned URL that expired, the wrong region or service, a signed header that is missing).
 */
import { timingSafeEqual } from 'node:crypto'
import type { ApiAuth, SigV4Facts } from '../../preload/contract'
import { MAX_PRESIGN_SECONDS } from '../../preload/contract/constants'
import { hmacSignature, hmacStringToSign, type AuthSecrets } from './request-signing'
import {
  defaultSigV4Options,
  headersByName,
  joinHeaderValues,
  parseAmzDate,
  queryPairs,
  type QueryOrder,
  sha256Hex,
  SIGV4_ALGORITHM,
  sigV4Parts,
  UNSIGNED_PAYLOAD
} from './sigv4'

/** A request as it was received or logged: the method, the request target as sent, the headers in order, the body. */
export interface ReceivedRequest {
  method: string
  target: string
  headers: readonly (readonly [string, string])[]
  body: string
}

export interface Judgement {
  ok: boolean
  /** The scheme the request used, as read from it. */
  scheme: string
  /** What is wrong, one sentence each. Empty when ok. */
  problems: string[]
  /** The canonical request / string to sign the verifier computed, to compare with the client's. */
  canonicalRequest: string | null
  stringToSign: string | null
  /** SigV4: where the signature was (header or query) and what it said it signed. */
  sigv4: SigV4Facts | null
  /** The time the request says it was signed at (SigV4 X-Amz-Date, the HMAC timestamp), ISO, or null. */
  signedAt: string | null
  /** Whether the signature recomputed from the request as it is equals the one it carries (null: none was computed). */
  signatureMatches: boolean | null
}

export interface JudgeOptions {
  now: Date
  maxSkewSeconds: number
  /** SigV4: how the query is ordered in the canonical request (the request inspector tries the buggy orders). */
  queryOrder?: QueryOrder
}

export type Expected = { auth: ApiAuth; secrets: AuthSecrets }

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Judges one received request against the credential it should carry. */
export function judgeRequest(request: ReceivedRequest, expected: Expected, options: JudgeOptions): Judgement {
  const byName = headersByName(request.headers)
  const header = (name: string): string | undefined => {
    const values = byName.get(name.toLowerCase())
    return values?.length ? joinHeaderValues(values) : undefined
  }
  const [path, query = ''] = request.target.split(/\?(.*)/s, 2) as [string, string?]
  const queryValue = (name: string) => queryPairs(query).find(([n]) => n === name)?.[1]
  const problems: string[] = []
  const { auth, secrets: s } = expected
  const authorization = header('authorization') ?? ''
  const presigned = queryValue('X-Amz-Algorithm') !== undefined || queryValue('X-Amz-Signature') !== undefined
  const scheme = authorization
    ? authorization.split(' ')[0] || 'Authorization header'
    : presigned
      ? 'AWS4-HMAC-SHA256 (presigned URL)'
      : auth.type === 'hmac' && header(auth.options.signatureHeader)
        ? 'HMAC-SHA256'
        : auth.type === 'headers' && header(auth.headerName)
          ? `header ${auth.headerName}`
          : 'none'
  const judgement: Judgement = {
    ok: false,
    scheme,
    problems,
    canonicalRequest: null,
    stringToSign: null,
    sigv4: null,
    signedAt: null,
    signatureMatches: null
  }
  const expectScheme = (wanted: string) => {
    if (!authorization) {
      problems.push(`Expected ${wanted} authentication, but the request has no Authorization header.`)
      return false
    }
    const got = authorization.split(' ')[0]!
    if (got.toLowerCase() !== wanted.toLowerCase()) {
      problems.push(`Expected ${wanted} authentication, but got ${got}.`)
      return false
    }
    return true
  }
  switch (auth.type) {
    case 'none':
      break
    case 'headers': {
      const value = header(auth.headerName)
      if (value === undefined)
        problems.push(
          `Expected the header ${auth.headerName}, but the request does not have it${authorization ? ` (it has Authorization: ${authorization.split(' ')[0]} …)` : ''}.`
        )
      else if (!same(value, s.value ?? ''))
        problems.push(
          `The header ${auth.headerName} is present, but its value (${value.length} characters sent) does not match the secret.`
        )
      break
    }
    case 'basic': {
      if (!expectScheme('Basic')) break
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
      const at = decoded.indexOf(':')
      if (at < 0) {
        problems.push('The Basic credentials are not "username:password" in base64.')
        break
      }
      const [username, password] = [decoded.slice(0, at), decoded.slice(at + 1)]
      if (username !== auth.username)
        problems.push(`The username is "${username}"; the server expects "${auth.username}".`)
      else if (!same(password, s.password ?? ''))
        problems.push(`The password does not match (the username "${username}" is right).`)
      break
    }
    case 'bearer': {
      const name = auth.headerName || 'Authorization'
      const value = header(name)
      if (name.toLowerCase() === 'authorization' && auth.scheme && !expectScheme(auth.scheme)) break
      if (value === undefined) {
        problems.push(`Expected a token in the ${name} header, but it is missing.`)
        break
      }
      // After the scheme, one space; anything more around the token is worth saying.
      const sent = auth.scheme ? value.slice(auth.scheme.length).replace(/^ /, '') : value
      const token = sent.trim()
      if (!same(token, s.token ?? ''))
        problems.push(
          `The token does not match (${token.length} characters sent${sent !== token ? '; it has whitespace around it' : ''}).`
        )
      break
    }
    case 'aws4':
      judgeSigV4({ request, path, query, header, queryValue, presigned, authorization, auth, s, options, judgement })
      break
    case 'hmac': {
      const o = auth.options
      const signature = header(o.signatureHeader)
      const timestamp = header(o.timestampHeader)
      const clientId = header(o.clientIdHeader)
      if (!signature) {
        problems.push(
          `Expected an HMAC-SHA256 signature in ${o.signatureHeader}, but it is missing${authorization ? ` (the request has Authorization: ${authorization.split(' ')[0]} …)` : ''}.`
        )
        break
      }
      if (clientId !== auth.clientId)
        problems.push(
          `${o.clientIdHeader} is ${clientId ? `"${clientId}"` : 'missing'}; the server expects "${auth.clientId}".`
        )
      if (!timestamp) problems.push(`${o.timestampHeader} is missing.`)
      else {
        const signedAt = o.timestampFormat === 'iso' ? Date.parse(timestamp) : Number(timestamp) * 1000
        if (!Number.isNaN(signedAt)) judgement.signedAt = new Date(signedAt).toISOString()
        skew(signedAt, options, problems)
      }
      judgement.stringToSign = hmacStringToSign(o, {
        method: request.method,
        path,
        query: query ? `?${query}` : '',
        timestamp: timestamp ?? '',
        body: request.body,
        clientId: clientId ?? ''
      })
      judgement.signatureMatches = same(
        hmacSignature(s.clientSecret ?? '', judgement.stringToSign, o.encoding),
        signature.trim()
      )
      if (!judgement.signatureMatches) {
        problems.push(
          'The HMAC-SHA256 signature does not match. The string the server signed is below: compare it with the client’s (parts, order, separator, encoding), or the client secret differs.'
        )
      }
      break
    }
  }
  judgement.ok = problems.length === 0
  return judgement
}

function judgeSigV4(ctx: {
  request: ReceivedRequest
  path: string
  query: string
  header: (name: string) => string | undefined
  queryValue: (name: string) => string | undefined
  presigned: boolean
  authorization: string
  auth: Extract<ApiAuth, { type: 'aws4' }>
  s: AuthSecrets
  options: JudgeOptions
  judgement: Judgement
}): void {
  const { header, queryValue, auth, s, options, judgement } = ctx
  const problems = judgement.problems
  const sigOptions = auth.options ?? defaultSigV4Options
  let accessKeyId: string, date: string, region: string, service: string, signedHeaders: string, signature: string
  let amzDate: string | undefined
  let expiresAt: number | null = null
  if (ctx.presigned) {
    if (ctx.authorization)
      problems.push(
        'The request is signed twice: in the Authorization header and in the query (X-Amz-Signature). AWS refuses that ("Only one auth mechanism allowed"); keep one.'
      )
    const algorithm = queryValue('X-Amz-Algorithm')
    if (algorithm !== SIGV4_ALGORITHM)
      problems.push(
        `X-Amz-Algorithm is ${algorithm === undefined ? 'missing' : `"${algorithm}"`}; a presigned URL says ${SIGV4_ALGORITHM}.`
      )
    const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(queryValue('X-Amz-Credential') ?? '')
    const found = queryValue('X-Amz-Signature')
    signedHeaders = queryValue('X-Amz-SignedHeaders') ?? ''
    if (!credential || !found || !signedHeaders) {
      problems.push(
        `The presigned URL lacks ${[!credential && 'X-Amz-Credential (KEY/DATE/REGION/SERVICE/aws4_request)', !signedHeaders && 'X-Amz-SignedHeaders', !found && 'X-Amz-Signature'].filter(Boolean).join(', ')}.`
      )
      return
    }
    ;[, accessKeyId, date, region, service] = credential as unknown as [string, string, string, string, string]
    signature = found
    amzDate = queryValue('X-Amz-Date')
    const expires = queryValue('X-Amz-Expires')
    const seconds = Number(expires)
    if (expires === undefined) problems.push('X-Amz-Expires is missing: a presigned URL says how long it is valid.')
    else if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS)
      problems.push(
        `X-Amz-Expires is "${expires}": it is a number of seconds from 1 to ${MAX_PRESIGN_SECONDS} (seven days).`
      )
    else if (amzDate && !Number.isNaN(parseAmzDate(amzDate))) expiresAt = parseAmzDate(amzDate) + seconds * 1000
  } else {
    if (!ctx.authorization) {
      problems.push(
        'Expected AWS4-HMAC-SHA256 authentication, but the request has no Authorization header and no X-Amz-Signature in its query.'
      )
      return
    }
    const got = ctx.authorization.split(' ')[0]!
    if (got !== SIGV4_ALGORITHM) {
      problems.push(`Expected ${SIGV4_ALGORITHM} authentication, but got ${got}.`)
      return
    }
    const parsed =
      /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)/.exec(
        ctx.authorization
      )
    if (!parsed) {
      problems.push(
        'The Authorization header is not in the AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=… form.'
      )
      return
    }
    ;[, accessKeyId, date, region, service, signedHeaders, signature] = parsed as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
      string
    ]
    amzDate = header('x-amz-date')
  }
  const signedNames = signedHeaders.split(';').filter(Boolean)
  judgement.sigv4 = {
    in: ctx.presigned ? 'query' : 'header',
    accessKeyId,
    scope: `${date}/${region}/${service}/aws4_request`,
    signedHeaders: signedNames,
    signature,
    signedAt: amzDate ?? '',
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString()
  }
  if (accessKeyId !== auth.accessKeyId)
    problems.push(`The access key is ${accessKeyId}; the server expects ${auth.accessKeyId}.`)
  if (region !== auth.region || service !== auth.service)
    problems.push(
      `The request was signed for ${region}/${service}; the server expects ${auth.region}/${auth.service} (string to sign, line 3: the credential scope).`
    )
  if (!signedNames.includes('host'))
    problems.push('Host is not among the signed headers: SigV4 always signs it (SignedHeaders lacks "host").')
  const signedAt = amzDate === undefined ? NaN : parseAmzDate(amzDate)
  if (amzDate === undefined)
    problems.push(`X-Amz-Date is missing from the ${ctx.presigned ? 'query' : 'headers'}: it is the signing time.`)
  else if (Number.isNaN(signedAt))
    problems.push(`X-Amz-Date "${amzDate.slice(0, 40)}" is not a SigV4 time (YYYYMMDD'T'HHMMSS'Z').`)
  else {
    judgement.signedAt = new Date(signedAt).toISOString()
    if (amzDate.slice(0, 8) !== date)
      problems.push(`The credential scope date ${date} differs from X-Amz-Date ${amzDate}.`)
    if (expiresAt !== null && options.now.getTime() > expiresAt) {
      const minutes = Math.round((options.now.getTime() - expiresAt) / 60_000)
      problems.push(
        `The presigned URL expired ${minutes ? `${minutes} minute${minutes === 1 ? '' : 's'}` : 'seconds'} ago (${new Date(expiresAt).toISOString()}): it was valid ${queryValue('X-Amz-Expires')} s from ${amzDate}. Presign it again.`
      )
    } else if (expiresAt === null || signedAt > options.now.getTime()) skew(signedAt, options, problems)
  }
  const headers: [string, string][] = []
  const missing: string[] = []
  for (const name of signedNames) {
    const value = header(name)
    if (value === undefined) missing.push(name)
    else headers.push([name, value])
  }
  for (const name of missing) problems.push(`The signed header ${name} is not in the request (removed on the way?).`)
  const contentSha = header('x-amz-content-sha256')
  const bodyHash = sha256Hex(ctx.request.body)
  if (contentSha && contentSha !== UNSIGNED_PAYLOAD && contentSha !== bodyHash)
    problems.push(
      `X-Amz-Content-Sha256 is ${contentSha.slice(0, 12)}…, but the body received hashes to ${bodyHash.slice(0, 12)}… (canonical request, last line: the payload hash).`
    )
  const token = ctx.presigned ? queryValue('X-Amz-Security-Token') : header('x-amz-security-token')
  const tokenSigned = signedNames.includes('x-amz-security-token')
  if (s.sessionToken && token !== s.sessionToken)
    problems.push('The session token (X-Amz-Security-Token) is missing or differs.')
  else if (!ctx.presigned && s.sessionToken && !tokenSigned && sigOptions.sessionToken === 'signed')
    problems.push(
      'X-Amz-Security-Token is sent but not signed: this credential expects it signed. If the service adds it after signing, set the credential’s session token option to "added after signing".'
    )
  const payloadHash = contentSha ?? (sigOptions.payload === 'unsigned' ? UNSIGNED_PAYLOAD : bodyHash)
  const parts = sigV4Parts(
    { method: ctx.request.method, path: ctx.path, query: ctx.query, headers, body: ctx.request.body },
    {
      scope: { accessKeyId, region, service },
      secretAccessKey: s.secretAccessKey ?? '',
      datetime: amzDate ?? '',
      signedHeaders: signedNames,
      payloadHash,
      pathStyle: sigOptions.path,
      queryOrder: options.queryOrder,
      // A presigned URL's session token is signed, unless the credential says it is added after signing.
      leaveOutOfQuery: ctx.presigned
        ? ['X-Amz-Signature', ...(sigOptions.sessionToken === 'after-signing' ? ['X-Amz-Security-Token'] : [])]
        : []
    }
  )
  judgement.canonicalRequest = parts.canonicalRequest
  judgement.stringToSign = parts.stringToSign
  judgement.signatureMatches = same(parts.signature, signature)
  if (!problems.length && !judgement.signatureMatches)
    problems.push(
      'The signature does not match. The server’s canonical request and string to sign are below: compare them line by line with the client’s (a changed header, path encoding or body, or another secret key).'
    )
}

function skew(signedAt: number, options: JudgeOptions, problems: string[]): void {
  if (Number.isNaN(signedAt)) {
    problems.push('The timestamp cannot be read.')
    return
  }
  const seconds = Math.round((options.now.getTime() - signedAt) / 1000)
  if (Math.abs(seconds) > options.maxSkewSeconds) {
    const minutes = Math.round(Math.abs(seconds) / 60)
    problems.push(
      `Clock skew of ${minutes} minute${minutes === 1 ? '' : 's'}: the request was signed ${seconds > 0 ? `${minutes} minutes ago` : `${minutes} minutes in the future`}; the server allows ${Math.round(options.maxSkewSeconds / 60)}. Check the client's clock (NTP).`
    )
  }
}
