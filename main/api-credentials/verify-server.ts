/**
 * The local verification server: HTTPS on 127.0.0.1 that checks each request against one API
 * credential's scheme and secrets, and answers with what is wrong in words (a signature mismatch
 * and the server's own canonical request, Basic expected but Bearer sent, N minutes of clock skew,
 * no client certificate, a client certificate from another CA). A customer's failure can be
 * reproduced offline, by our runner or by the customer's own code.
 */
import { X509Certificate } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { loopbackServerCertificate } from '../certificates/issue'
import type { ApiAuth, VerifyVerdict } from '../../preload/contract'
import type { Clock } from '../core/clock'
import type { AuthSecrets } from './request-signing'
import { judgeRequest } from './verify-request'

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
  /** The time requests are judged as of, when not now ("verify as of"). */
  judgeAt?: () => Date
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
  const now = options.judgeAt?.() ?? options.clock.now()
  // The headers as they arrived, in order, a name given twice kept twice (node's own view joins them with ", ").
  const headers: [string, string][] = []
  for (let k = 0; k + 1 < request.rawHeaders.length; k += 2)
    headers.push([request.rawHeaders[k]!, request.rawHeaders[k + 1]!])
  const judgement = judgeRequest(
    { method: request.method ?? 'GET', target: request.url ?? '/', headers, body },
    'problem' in expected ? { auth: { type: 'none' }, secrets: {} } : expected,
    { now, maxSkewSeconds: options.maxSkewSeconds }
  )
  problems.push(...judgement.problems)
  return {
    id,
    at: now.toISOString(),
    status: problems.length === 0 ? 200 : certificateRefused ? 403 : 401,
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    ok: problems.length === 0,
    scheme: judgement.scheme,
    problems,
    clientCertificate,
    canonicalRequest: judgement.sigv4 ? judgement.canonicalRequest : null,
    stringToSign: judgement.stringToSign
  }
}

/** The subject of a PEM certificate, one line. */
export function subjectOf(pem: string): string {
  return new X509Certificate(pem).subject.split('\n').join(', ')
}
