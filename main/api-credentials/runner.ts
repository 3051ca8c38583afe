/**
 * The request runner: builds a request with a stored API credential, shows exactly what goes out
 * (secrets masked, the AWS canonical request or the HMAC string to sign), sends it with the client
 * certificate whose authorized domains match the URL, and reports the response, timing and TLS.
 * When the answer comes from the local verification server, its canonical request is compared
 * with ours line by line.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { createHash, type KeyObject } from 'node:crypto'
import { createSecureContext, rootCertificates, type SecureContext, type TLSSocket } from 'node:tls'
import type { ApiAuth, ApiEnvironment, ApiRequestResult, ParsedInput, VerifyVerdict } from '../../preload/contract'
import type { CertificatesService } from '../certificates/certificates-service'
import type { Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import type { ApiCredentialsService } from './api-credentials-service'
import { buildRequest, maskedHeaders, type AuthSecrets, type BuiltRequest } from './request-signing'
import { diffLines } from './canonical-diff'
import { scrubSecrets } from './secret-scrub'
import { VERIFIER_HEADER } from './verify-server'

const MAX_RESPONSE = 1024 * 1024
const TIMEOUT_MS = 30_000

export interface RunnerDeps {
  apiCredentials: ApiCredentialsService
  certificates: CertificatesService
  clock: Clock
  /** Extra server certificates to trust (the local verification server's own). */
  trustedServerCertificates: () => string[]
}

export function createRunner(deps: RunnerDeps) {
  /**
   * `environment` overrides the selected environment for one command-line run (it is not stored);
   * `trust` adds server certificates to trust for this run (curl's --cacert).
   */
  return async function run(
    input: ParsedInput<'sendApiRequest'>,
    environment?: ApiEnvironment,
    trust: string[] = []
  ): Promise<ApiRequestResult> {
    const usable = await deps.apiCredentials.forRequest(input.credentialId, input.org, environment)
    const baseUrl = usable.auth.type === 'aws4' && usable.auth.endpoint ? usable.auth.endpoint : usable.record.baseUrl
    let built: BuiltRequest
    try {
      built = buildRequest({
        baseUrl,
        contentType: usable.record.contentType,
        headers: usable.record.headers,
        auth: usable.auth,
        secrets: usable.secrets,
        method: input.method,
        path: input.path,
        body: input.body,
        extraHeaders: input.headers,
        now: input.signAt === undefined ? deps.clock.now() : new Date(input.signAt * 1000),
        ...(input.presignSeconds ? { presign: { expiresSeconds: input.presignSeconds } } : {})
      })
    } catch (error) {
      if (error instanceof WorkbenchError) throw error
      throw new WorkbenchError(
        'URL_INVALID',
        `The request URL cannot be built from ${baseUrl} and "${input.path}": ${(error as Error).message}`,
        'path'
      )
    }
    const match = deps.certificates.matchUrl(built.url.toString())
    const result: ApiRequestResult = {
      request: { method: built.method, url: built.url.toString(), headers: maskedHeaders(built), body: built.body },
      signing: built.signing,
      certificate: { name: match.selected?.name ?? null, explanation: match.explanation },
      response: null,
      error: null,
      verifier: null,
      canonicalDiff: null
    }
    if (!input.send) return scrubResult(result, usable.secrets, usable.auth)
    const tlsMaterial =
      match.selected && built.url.protocol === 'https:' ? await deps.certificates.tlsMaterial(match.selected.id) : null
    try {
      const response = await send(built, tlsMaterial, [...deps.trustedServerCertificates(), ...trust])
      result.response = response.summary
      if (response.verifier) {
        result.verifier = response.verifier
        const ours =
          built.signing?.kind === 'aws4'
            ? built.signing.canonicalRequest
            : built.signing?.kind === 'hmac'
              ? built.signing.stringToSign
              : null
        const theirs =
          built.signing?.kind === 'aws4' ? response.verifier.canonicalRequest : response.verifier.stringToSign
        if (ours !== null && theirs) result.canonicalDiff = diffLines(ours, theirs)
      }
    } catch (error) {
      result.error = describeNetworkError(error as NodeJS.ErrnoException, built.url)
    }
    return scrubResult(result, usable.secrets, usable.auth)
  }
}

/** Every secret of the credential, and Basic's user:password, masked wherever it reached the result. */
function scrubResult(result: ApiRequestResult, secrets: AuthSecrets, auth: ApiAuth): ApiRequestResult {
  const values = Object.values(secrets).filter((v): v is string => typeof v === 'string')
  if (auth.type === 'basic' && secrets.password) values.push(`${auth.username}:${secrets.password}`)
  return scrubSecrets(result, values)
}

export type Runner = ReturnType<typeof createRunner>

interface Sent {
  summary: NonNullable<ApiRequestResult['response']>
  verifier: VerifyVerdict | null
}

function send(
  built: BuiltRequest,
  tlsMaterial: { cert: string; key: KeyObject; ca: string | null } | null,
  extraTrust: string[]
): Promise<Sent> {
  const started = performance.now()
  let connectMs: number | null = null
  let tlsMs: number | null = null
  const https = built.url.protocol === 'https:'
  // A header given twice goes out twice (an array value is one line per value).
  const headers: Record<string, string | string[]> = {}
  for (const [name, value] of built.headers) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name
    const had = headers[key]
    headers[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value]
  }
  return new Promise<Sent>((resolve, reject) => {
    const options = {
      method: built.method,
      // The target as signed: dots and repeated slashes are not resolved on the way out.
      path: built.target,
      headers,
      timeout: TIMEOUT_MS,
      agent: false as const,
      ...(https ? { secureContext: secureContextFor(tlsMaterial, extraTrust) } : {})
    }
    const req = (https ? httpsRequest : httpRequest)(built.url, options, (res: IncomingMessage) => {
      const firstByteMs = performance.now() - started
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_RESPONSE) chunks.push(chunk)
      })
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE)
        const socket = res.socket as TLSSocket
        const peer = https ? socket.getPeerCertificate?.() : null
        const summary: Sent['summary'] = {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
          body,
          bodyTruncated: size > MAX_RESPONSE,
          timing: { connectMs, tlsMs, firstByteMs: round(firstByteMs), totalMs: round(performance.now() - started) },
          tls: https
            ? {
                protocol: socket.getProtocol?.() ?? null,
                cipher: socket.getCipher?.()?.name ?? null,
                authorized: socket.authorized === true,
                authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
                serverCertificate:
                  peer && Object.keys(peer).length
                    ? {
                        subject: nameOf(peer.subject),
                        issuer: nameOf(peer.issuer),
                        validTo: new Date(peer.valid_to).toISOString(),
                        fingerprintSha256: peer.fingerprint256
                      }
                    : null,
                clientCertificateOffered: tlsMaterial !== null
              }
            : null
        }
        let verifier: VerifyVerdict | null = null
        if (res.headers[VERIFIER_HEADER] === '1') {
          try {
            verifier = JSON.parse(body) as VerifyVerdict
          } catch {
            verifier = null
          }
        }
        resolve({ summary, verifier })
      })
      res.on('error', reject)
    })
    req.on('socket', (socket) => {
      socket.once('connect', () => (connectMs = round(performance.now() - started)))
      socket.once('secureConnect', () => (tlsMs = round(performance.now() - started)))
    })
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`No answer within ${TIMEOUT_MS / 1000} s.`), { code: 'ETIMEDOUT' }))
    )
    req.on('error', reject)
    req.end(built.body || undefined)
  })
}

const contexts = new Map<string, SecureContext>()

/**
 * System roots plus the client certificate's CA and the verification server's certificate, with
 * the client certificate and key when one is presented. Parsing ~150 root certificates costs
 * ~20 ms, so a context is built once per combination and reused (the key is hashed, not kept).
 */
function secureContextFor(
  tlsMaterial: { cert: string; key: KeyObject; ca: string | null } | null,
  extraTrust: string[]
): SecureContext {
  const key = tlsMaterial ? (tlsMaterial.key.export({ format: 'pem', type: 'pkcs8' }) as string) : null
  const ca = [...(tlsMaterial?.ca ? [tlsMaterial.ca] : []), ...extraTrust]
  const id = createHash('sha256')
    .update(JSON.stringify([ca, tlsMaterial?.cert ?? null, key]))
    .digest('hex')
  let context = contexts.get(id)
  if (!context) {
    context = createSecureContext({
      ca: [...rootCertificates, ...ca],
      ...(tlsMaterial && key ? { cert: tlsMaterial.cert, key } : {})
    })
    if (contexts.size >= 20) contexts.delete(contexts.keys().next().value!)
    contexts.set(id, context)
  }
  return context
}

function nameOf(name: Record<string, string | string[] | undefined> | undefined): string {
  return name
    ? Object.entries(name)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
        .join(', ')
    : ''
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

/** Network and TLS failures, in words. */
export function describeNetworkError(error: NodeJS.ErrnoException, url: URL): { code: string; message: string } {
  const code = error.code ?? 'ERROR'
  const host = url.host
  const messages: Record<string, string> = {
    ECONNREFUSED: `Nothing is listening at ${host}: the connection was refused. Is the server (or the verification server) running on that port?`,
    ENOTFOUND: `The host name ${url.hostname} does not resolve (DNS). Check the base URL; this machine may be offline.`,
    ETIMEDOUT: `${host} did not answer within ${TIMEOUT_MS / 1000} s.`,
    ECONNRESET: `${host} closed the connection. A server that requires a client certificate does this when none (or an untrusted one) is presented.`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `${host} presented a self-signed certificate that is not trusted. Add its CA as the certificate's CA, or use the verification server's certificate.`,
    SELF_SIGNED_CERT_IN_CHAIN: `${host}'s certificate chain ends in a CA that is not trusted. Add that CA to the client certificate's CA field.`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `${host}'s certificate cannot be verified: its issuer is not trusted (missing intermediate, or a private CA).`,
    CERT_HAS_EXPIRED: `${host}'s server certificate has expired.`,
    ERR_TLS_CERT_ALTNAME_INVALID: `${host}'s certificate is not valid for this host name.`
  }
  const certificateRequired = /certificate required|alert number 116|handshake failure/i.test(error.message)
  return {
    code,
    message: certificateRequired
      ? `${host} refused the TLS handshake: it requires a client certificate and none was presented (or it did not accept it). (${error.message})`
      : (messages[code] ?? `The request failed: ${error.message}`)
  }
}
