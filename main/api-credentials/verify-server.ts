/**
 * The local verification server: HTTPS on 127.0.0.1 that checks each request against one API
 * credential's scheme and secrets, and answers with what is wrong in words (a signature mismatch
 * and the server's own canonical request, Basic expected but Bearer sent, N minutes of clock skew,
 * no client certificate, a client certificate from another CA). A customer's failure can be
 * reproduced offline, by our runner or by the customer's own code.
 */
import { timingSafeEqual, X509Certificate } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import aws4 from 'aws4'
import { loopbackServerCertificate } from '../certificates/issue'
import type { ApiAuth, VerifyVerdict } from '../../preload/contract'
import type { Clock } from '../core/clock'
import { hmacSignature, hmacStringToSign, joinHeaderValues, sha256Hex, type AuthSecrets } from './request-signing'

export const VERIFIER_HEADER = 'x-embed-workbench-verifier'
const MAX_BODY = 10 * 1024 * 1024
const MAX_LOG = 200

/** What the server checks against, read at every request: edits, deletion and the environment switch apply at once. */
export type ExpectedCredential = () => Promise<{ auth: ApiAuth; secrets: AuthSecrets } | { problem: string }>

export interface VerifyServerOptions {
  port: number
  expected: ExpectedCredential
  requireClientCert: boolean
  /** PEM of the CA that must have issued client certificates. */
  clientCaPem: string | null
  maxSkewSeconds: number
  clock: Clock
}

export interface RunningVerifyServer {
  url: string
  port: number
  certificatePem: string
  verdicts: VerifyVerdict[]
  onVerdict(listener: (v: VerifyVerdict) => void): void
  close(): Promise<void>
}

/** A self-signed server certificate for 127.0.0.1 and localhost. */
export function serverCertificate(now: Date): { key: string; cert: string } {
  const issued = loopbackServerCertificate(now, 'Embed Workbench verification server')
  return { key: issued.keyPem, cert: issued.certPem }
}

export async function startVerifyServer(options: VerifyServerOptions): Promise<RunningVerifyServer> {
  const { key, cert } = serverCertificate(options.clock.now())
  const verdicts: VerifyVerdict[] = []
  const listeners: ((v: VerifyVerdict) => void)[] = []
  let nextId = 1
  const server: Server = createServer(
    {
      key,
      cert,
      requestCert: options.requireClientCert,
      // The handshake is let through so the answer can say in words what is wrong with the certificate.
      rejectUnauthorized: false,
      ...(options.clientCaPem ? { ca: options.clientCaPem } : {})
    },
    (request, response) => {
      const chunks: Buffer[] = []
      let size = 0
      request.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_BODY) chunks.push(chunk)
      })
      request.on('end', () => {
        const id = nextId++
        options
          .expected()
          .catch((error: unknown) => ({ problem: error instanceof Error ? error.message : String(error) }))
          .then((expected) => {
            const verdict = verify(
              request,
              Buffer.concat(chunks).toString('utf8'),
              size > MAX_BODY,
              options,
              expected,
              id
            )
            verdicts.push(verdict)
            if (verdicts.length > MAX_LOG) verdicts.shift()
            for (const listener of listeners) listener(verdict)
            response.writeHead(verdict.status, {
              'content-type': 'application/json',
              [VERIFIER_HEADER]: '1',
              'cache-control': 'no-store'
            })
            response.end(JSON.stringify(verdict, null, 2))
          })
      })
    }
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    certificatePem: cert,
    verdicts,
    onVerdict: (listener) => listeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/**
 * A header as received, a name given twice joined as SigV4 and the HMAC scheme join it (",", each
 * value trimmed, runs of spaces collapsed), not as node joins it (", ").
 */
function header(request: IncomingMessage, name: string): string | undefined {
  const values = request.headersDistinct[name.toLowerCase()]
  return values?.length ? joinHeaderValues(values) : undefined
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  return x.length === y.length && timingSafeEqual(x, y)
}

function schemeOf(request: IncomingMessage, auth: ApiAuth): string {
  const authorization = header(request, 'authorization')
  if (authorization) return authorization.split(' ')[0] || 'Authorization header'
  if (auth.type === 'hmac' && header(request, auth.options.signatureHeader)) return 'HMAC-SHA256'
  if (auth.type === 'headers' && header(request, auth.headerName)) return `header ${auth.headerName}`
  return 'none'
}

function verify(
  request: IncomingMessage,
  body: string,
  tooLarge: boolean,
  options: VerifyServerOptions,
  expected: Awaited<ReturnType<ExpectedCredential>>,
  id: number
): VerifyVerdict {
  const problems: string[] = []
  const socket = request.socket as TLSSocket
  const peer = socket.getPeerCertificate?.()
  const presented = !!peer && Object.keys(peer).length > 0
  const subject =
    presented && peer.subject
      ? Object.entries(peer.subject)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')
      : null
  const clientCertificate = {
    presented,
    subject,
    authorized: socket.authorized === true,
    error: socket.authorizationError ? String(socket.authorizationError) : null
  }
  if (options.requireClientCert) {
    if (!presented)
      problems.push(
        'No client certificate was presented: this server requires one (mTLS). Check that the certificate’s authorized domains match this host and port.'
      )
    else if (!clientCertificate.authorized) {
      const issuer = peer.issuer
        ? Object.entries(peer.issuer)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : 'unknown'
      problems.push(
        `The client certificate (${subject}) was not issued by the configured CA: it was issued by ${issuer} (${clientCertificate.error ?? 'unverified'}).`
      )
    }
  }
  if (tooLarge) problems.push(`The body is over ${MAX_BODY / 1024 / 1024} MB; it was not checked.`)
  const certificateRefused = problems.length > 0
  if ('problem' in expected) problems.push(`The server cannot check this request: ${expected.problem}`)
  const auth: ApiAuth = 'problem' in expected ? { type: 'none' } : expected.auth
  const s: AuthSecrets = 'problem' in expected ? {} : expected.secrets
  const scheme = schemeOf(request, auth)
  const now = options.clock.now()
  let canonicalRequest: string | null = null
  let stringToSign: string | null = null
  const authorization = header(request, 'authorization') ?? ''
  const expectScheme = (expected: string) => {
    if (!authorization) {
      problems.push(`Expected ${expected} authentication, but the request has no Authorization header.`)
      return false
    }
    const got = authorization.split(' ')[0]!
    if (got.toLowerCase() !== expected.toLowerCase()) {
      problems.push(`Expected ${expected} authentication, but got ${got}.`)
      return false
    }
    return true
  }
  switch (auth.type) {
    case 'none':
      break
    case 'headers': {
      const value = header(request, auth.headerName)
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
      const value = header(request, name)
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
    case 'aws4': {
      if (!expectScheme('AWS4-HMAC-SHA256')) break
      const parsed =
        /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)/.exec(
          authorization
        )
      if (!parsed) {
        problems.push(
          'The Authorization header is not in the AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=… form.'
        )
        break
      }
      const [, accessKeyId, date, region, service, signedHeaders, signature] = parsed as unknown as string[]
      if (accessKeyId !== auth.accessKeyId)
        problems.push(`The access key is ${accessKeyId}; the server expects ${auth.accessKeyId}.`)
      if (region !== auth.region || service !== auth.service)
        problems.push(
          `The request was signed for ${region}/${service}; the server expects ${auth.region}/${auth.service} (string to sign, line 3: the credential scope).`
        )
      const amzDate = header(request, 'x-amz-date')
      if (!amzDate) problems.push('The X-Amz-Date header is missing (or not signed).')
      else {
        const signedAt = Date.parse(
          `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`
        )
        skew(signedAt, now, options.maxSkewSeconds, problems)
        if (amzDate.slice(0, 8) !== date)
          problems.push(`The credential scope date ${date} differs from X-Amz-Date ${amzDate}.`)
      }
      const headers: Record<string, string> = {}
      for (const name of signedHeaders!.split(';')) {
        const value = header(request, name)
        if (value === undefined) problems.push(`The signed header ${name} is not in the request (removed on the way?).`)
        else headers[name] = value
      }
      const contentSha = header(request, 'x-amz-content-sha256')
      if (contentSha && contentSha !== 'UNSIGNED-PAYLOAD' && contentSha !== sha256Hex(body))
        problems.push(
          `X-Amz-Content-Sha256 is ${contentSha.slice(0, 12)}…, but the body received hashes to ${sha256Hex(body).slice(0, 12)}… (canonical request, last line: the payload hash).`
        )
      const signer = new aws4.RequestSigner(
        {
          host: header(request, 'host'),
          method: request.method,
          path: request.url,
          headers,
          body,
          service: auth.service,
          region: auth.region,
          doNotModifyHeaders: true
        },
        { accessKeyId: auth.accessKeyId, secretAccessKey: s.secretAccessKey ?? '', sessionToken: s.sessionToken }
      )
      signer.datetime = amzDate ?? ''
      canonicalRequest = signer.canonicalString()
      stringToSign = signer.stringToSign()
      if (!problems.length && !same(signer.signature(), signature!)) {
        problems.push(
          'The signature does not match. The server’s canonical request and string to sign are below: compare them line by line with the client’s (a changed header, path encoding or body, or another secret key).'
        )
      }
      if (s.sessionToken && header(request, 'x-amz-security-token') !== s.sessionToken)
        problems.push('The session token (X-Amz-Security-Token) is missing or differs.')
      break
    }
    case 'hmac': {
      const o = auth.options
      const signature = header(request, o.signatureHeader)
      const timestamp = header(request, o.timestampHeader)
      const clientId = header(request, o.clientIdHeader)
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
      else
        skew(
          o.timestampFormat === 'iso' ? Date.parse(timestamp) : Number(timestamp) * 1000,
          now,
          options.maxSkewSeconds,
          problems
        )
      const url = new URL(request.url ?? '/', 'https://verifier.invalid')
      stringToSign = hmacStringToSign(o, {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.search,
        timestamp: timestamp ?? '',
        body,
        clientId: clientId ?? ''
      })
      if (!same(hmacSignature(s.clientSecret ?? '', stringToSign, o.encoding), signature.trim())) {
        problems.push(
          'The HMAC-SHA256 signature does not match. The string the server signed is below: compare it with the client’s (parts, order, separator, encoding), or the client secret differs.'
        )
      }
      break
    }
  }
  return {
    id,
    at: now.toISOString(),
    status: problems.length === 0 ? 200 : certificateRefused ? 403 : 401,
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    ok: problems.length === 0,
    scheme,
    problems,
    clientCertificate,
    canonicalRequest,
    stringToSign
  }
}

function skew(signedAt: number, now: Date, maxSeconds: number, problems: string[]): void {
  if (Number.isNaN(signedAt)) {
    problems.push('The timestamp cannot be read.')
    return
  }
  const seconds = Math.round((now.getTime() - signedAt) / 1000)
  if (Math.abs(seconds) > maxSeconds) {
    const minutes = Math.round(Math.abs(seconds) / 60)
    problems.push(
      `Clock skew of ${minutes} minute${minutes === 1 ? '' : 's'}: the request was signed ${seconds > 0 ? `${minutes} minutes ago` : `${minutes} minutes in the future`}; the server allows ${Math.round(maxSeconds / 60)}. Check the client's clock (NTP).`
    )
  }
}

/** The subject of a PEM certificate, one line. */
export function subjectOf(pem: string): string {
  return new X509Certificate(pem).subject.split('\n').join(', ')
}
