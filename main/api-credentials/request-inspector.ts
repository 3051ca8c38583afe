/**
 * The request inspector: a signed API request a customer already sent (pasted raw, as cURL, or
 * picked from a HAR) is read, its scheme found, the stored credential it names chosen (by access
 * key, client id, username or header), and judged exactly as the local verification server judges
 * what reaches it, as of the request's own time. When the signature does not match, the usual
 * changes after signing are undone one at a time to name the part and canonical line; the client's
 * own canonical request, pasted from its log, is compared line by line. Every secret, stored or
 * pasted, is masked in what it returns; nothing is stored.
 */
import type { ApiAuth, ParsedInput, RequestInspection, RequestSchemeKind } from '../../preload/contract'
import { MASKED_SECRET } from '../../preload/contract/constants'
import type { Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import type { ApiCredentialsService } from './api-credentials-service'
import { diffLines } from './canonical-diff'
import { findChangeAfterSigning } from './request-forensics'
import { readPaste, type PastedRequest } from './request-paste'
import { maskedAuthorization, type AuthSecrets } from './request-signing'
import { namedLikeSecret } from './request-history'
import { scrubSecrets } from './secret-scrub'
import { parseAmzDate, queryPairs, signatureOf, SIGV4_ALGORITHM, stringToSignOf } from './sigv4'
import { judgeRequest, type Judgement, type ReceivedRequest } from './verify-request'

const MAX_BODY_SHOWN = 64 * 1024

interface Candidate {
  id: string
  name: string
  org: string | null
  auth: ApiAuth
}

function headerOf(request: PastedRequest, name: string): string | undefined {
  return request.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]
}

/** The scheme the request uses, as read from it; `hmacHeaders` are the signature headers stored HMAC credentials use. */
function schemeOf(request: PastedRequest, candidates: Candidate[]): { kind: RequestSchemeKind; label: string } {
  const authorization = headerOf(request, 'authorization')?.trim()
  const word = authorization?.split(/\s+/)[0] ?? ''
  if (/[?&]X-Amz-Signature=/i.test(request.target))
    return { kind: 'sigv4-query', label: 'AWS Signature V4 in the query (a presigned URL)' }
  if (word === SIGV4_ALGORITHM) return { kind: 'sigv4-header', label: 'AWS Signature V4 (Authorization header)' }
  if (/^basic$/i.test(word)) return { kind: 'basic', label: 'HTTP Basic' }
  for (const c of candidates)
    if (c.auth.type === 'hmac' && headerOf(request, c.auth.options.signatureHeader) !== undefined)
      return { kind: 'hmac', label: `HMAC-SHA256 (${c.auth.options.signatureHeader})` }
  for (const c of candidates)
    if (
      c.auth.type === 'bearer' &&
      c.auth.headerName.toLowerCase() !== 'authorization' &&
      headerOf(request, c.auth.headerName)
    )
      return { kind: 'bearer', label: `Token in ${c.auth.headerName}` }
  if (authorization) return { kind: 'bearer', label: `${word || 'Token'} in Authorization` }
  for (const c of candidates)
    if (c.auth.type === 'headers' && headerOf(request, c.auth.headerName) !== undefined)
      return { kind: 'header-key', label: `Key in ${c.auth.headerName}` }
  return { kind: 'none', label: 'No authentication found' }
}

const kindOfAuth: Record<ApiAuth['type'], RequestSchemeKind[]> = {
  none: ['none'],
  headers: ['header-key'],
  basic: ['basic'],
  bearer: ['bearer'],
  aws4: ['sigv4-header', 'sigv4-query'],
  hmac: ['hmac']
}

/** Why a candidate fits the request (it names it), or null when it only shares the scheme. */
function namedBy(request: PastedRequest, auth: ApiAuth): string | null {
  switch (auth.type) {
    case 'aws4': {
      const credential =
        /Credential=([^/,\s]+)\//.exec(headerOf(request, 'authorization') ?? '')?.[1] ??
        queryPairs(request.target.split('?')[1] ?? '')
          .find(([n]) => n === 'X-Amz-Credential')?.[1]
          ?.split('/')[0]
      return credential === auth.accessKeyId ? `its access key ${auth.accessKeyId}` : null
    }
    case 'hmac':
      return headerOf(request, auth.options.clientIdHeader)?.trim() === auth.clientId
        ? `its client id ${auth.clientId}`
        : null
    case 'basic': {
      const decoded = Buffer.from(
        (headerOf(request, 'authorization') ?? '').replace(/^\s*basic\s+/i, ''),
        'base64'
      ).toString('utf8')
      return decoded.split(':')[0] === auth.username ? `its username ${auth.username}` : null
    }
    case 'bearer':
      return headerOf(request, auth.headerName || 'Authorization') !== undefined
        ? `its ${auth.headerName || 'Authorization'} header`
        : null
    case 'headers':
      return headerOf(request, auth.headerName) !== undefined ? `its ${auth.headerName} header` : null
    case 'none':
      return null
  }
}

/** The values in the pasted request that are secrets of their own (a token, a password, a key): masked like stored ones. */
function pastedSecrets(request: PastedRequest, candidates: Candidate[]): string[] {
  const out: string[] = []
  const authorization = headerOf(request, 'authorization')?.trim() ?? ''
  if (/^basic\s/i.test(authorization)) {
    const encoded = authorization.replace(/^basic\s+/i, '')
    const decoded = Buffer.from(encoded, 'base64').toString('utf8')
    out.push(encoded, decoded, decoded.slice(decoded.indexOf(':') + 1))
  } else if (authorization && !authorization.startsWith(SIGV4_ALGORITHM))
    out.push(authorization.replace(/^\S+\s+/, ''), authorization)
  const token = queryPairs(request.target.split('?')[1] ?? '').find(([n]) => n === 'X-Amz-Security-Token')?.[1]
  if (token) out.push(token)
  for (const c of candidates) {
    const name = c.auth.type === 'headers' || c.auth.type === 'bearer' ? c.auth.headerName : null
    const value = name ? headerOf(request, name) : undefined
    if (value) out.push(value.replace(/^\S+\s+/, ''), value)
  }
  for (const [name, value] of request.headers)
    if (!/^authorization$/i.test(name) && namedLikeSecret(name) && value) out.push(value)
  return out.filter((v) => v.length >= 4)
}

function maskedHeaders(headers: [string, string][]): [string, string][] {
  return headers.map(([name, value]) => {
    // A SigV4 Authorization holds no secret (its signature is shown anyway); any other is masked.
    if (/^authorization$/i.test(name))
      return [name, value.trim().startsWith(SIGV4_ALGORITHM) ? value : maskedAuthorization(value)]
    return [name, namedLikeSecret(name) ? MASKED_SECRET : value]
  })
}

/** Whether the client's canonical request, hashed and signed with the credential, gives the request's signature. */
function clientCanonicalSigned(canonical: string, judgement: Judgement, secrets: AuthSecrets): boolean | null {
  const sig = judgement.sigv4
  if (!sig || !canonical.trim()) return null
  const stringToSign = canonical.startsWith(SIGV4_ALGORITHM)
    ? canonical.trim()
    : stringToSignOf(sig.signedAt, sig.scope, canonical.replace(/\r\n/g, '\n').replace(/\n$/, ''))
  return signatureOf(secrets.secretAccessKey ?? '', sig.scope, stringToSign) === sig.signature
}

export function createRequestInspector(deps: { apiCredentials: ApiCredentialsService; clock: Clock }) {
  return async function inspect(input: ParsedInput<'inspectApiRequest'>): Promise<RequestInspection> {
    const { environment, credentials } = deps.apiCredentials.list()
    const candidates: Candidate[] = credentials
      .filter((c) => c.environment === environment)
      .flatMap((c): Candidate[] =>
        c.orgSpecific
          ? c.orgs.map((o) => ({ id: c.id, name: c.name, org: o.org, auth: o.auth }))
          : [{ id: c.id, name: c.name, org: null, auth: c.auth }]
      )
    const authHeaders = candidates.flatMap((c) =>
      c.auth.type === 'hmac'
        ? [c.auth.options.signatureHeader]
        : c.auth.type === 'headers' || c.auth.type === 'bearer'
          ? [c.auth.headerName]
          : []
    )
    const paste = await readPaste(input.text, authHeaders)
    if (paste.kind === 'unreadable') throw new WorkbenchError('REQUEST_UNREADABLE', paste.problem, 'text')
    const notes = [...paste.notes]
    let request: PastedRequest
    let entry: number | null = null
    const harEntries = paste.kind === 'har' ? paste.candidates.map(({ request: _r, ...rest }) => rest) : []
    if (paste.kind === 'har') {
      const chosen =
        input.entry === undefined ? paste.candidates[0] : paste.candidates.find((c) => c.index === input.entry)
      if (!chosen) {
        const problem =
          input.entry === undefined
            ? `None of the HAR's ${paste.entries} entries carries authentication to judge.`
            : `Entry ${input.entry} of the HAR carries no authentication (or there is none): pick one of ${harEntries.map((e) => e.index).join(', ') || 'none'}.`
        throw new WorkbenchError('REQUEST_UNREADABLE', problem, 'entry')
      }
      request = chosen.request
      entry = chosen.index
    } else request = paste.request

    const scheme = schemeOf(request, candidates)
    const ofScheme = candidates.filter((c) => kindOfAuth[c.auth.type].includes(scheme.kind))
    const forced = input.credentialId
      ? candidates.filter((c) => c.id === input.credentialId && (input.org === undefined || c.org === input.org))
      : []
    if (input.credentialId && !forced.length)
      throw new WorkbenchError(
        'API_CREDENTIAL_NOT_FOUND',
        'That API credential (or organization) is not one of the selected environment’s.',
        'credentialId'
      )
    const named = ofScheme.filter((c) => namedBy(request, c.auth) !== null)
    const order = forced.length ? forced : [...named, ...ofScheme.filter((c) => !named.includes(c))]

    const received: ReceivedRequest = {
      method: request.method,
      target: request.target,
      headers: request.headers,
      body: request.body
    }
    const date = headerOf(request, 'date')
    const fixed =
      input.asOf !== undefined
        ? { at: new Date(input.asOf * 1000), from: 'given' as const, explanation: 'Judged as of the time given.' }
        : request.sentAt
          ? {
              at: new Date(request.sentAt),
              from: 'har' as const,
              explanation: 'Judged as of when the HAR says it was sent.'
            }
          : date && !Number.isNaN(Date.parse(date))
            ? {
                at: new Date(Date.parse(date)),
                from: 'date-header' as const,
                explanation: 'Judged as of its Date header.'
              }
            : null

    type Judged = {
      candidate: Candidate
      expected: { auth: ApiAuth; secrets: AuthSecrets }
      judgement: Judgement
      at: Date
      asOf: RequestInspection['asOf']
    }
    const judged: Judged[] = []
    const secretsSeen: string[] = []
    for (const candidate of order.slice(0, 20)) {
      const usable = await deps.apiCredentials.forRequest(candidate.id, candidate.org ?? undefined)
      secretsSeen.push(...Object.values(usable.secrets).filter((v): v is string => typeof v === 'string'))
      if (usable.auth.type === 'basic' && usable.secrets.password)
        secretsSeen.push(`${usable.auth.username}:${usable.secrets.password}`)
      const expected = { auth: usable.auth, secrets: usable.secrets }
      let at = fixed?.at ?? deps.clock.now()
      let judgement = judgeRequest(received, expected, { now: at, maxSkewSeconds: input.maxSkewSeconds })
      let asOf: RequestInspection['asOf'] = fixed
        ? { at: at.toISOString(), from: fixed.from, explanation: fixed.explanation }
        : { at: at.toISOString(), from: 'now', explanation: 'Judged as of now.' }
      if (!fixed && judgement.signedAt) {
        at = new Date(judgement.signedAt)
        judgement = judgeRequest(received, expected, { now: at, maxSkewSeconds: input.maxSkewSeconds })
        asOf = {
          at: at.toISOString(),
          from: 'signed-time',
          explanation:
            'The paste does not say when it was sent, so it is judged as of its own signing time: clock skew and expiry are not judged. Give the time it was sent ("as of") to judge them.'
        }
      }
      judged.push({ candidate, expected, judgement, at, asOf })
      if (judgement.ok) break
    }
    // The one that passes; else the first (the one the request names, when one does).
    const best = judged.find((j) => j.judgement.ok) ?? judged[0] ?? null
    const tried: RequestInspection['tried'] = judged
      .filter((j) => j !== best)
      .map((j) => ({ name: j.candidate.name, org: j.candidate.org, why: j.judgement.problems[0] ?? 'does not match' }))

    const shownRequest = {
      method: request.method,
      url: `${request.origin ?? ''}${request.target}`,
      headers: maskedHeaders(request.headers),
      body: request.body.length > MAX_BODY_SHOWN ? `${request.body.slice(0, MAX_BODY_SHOWN)}…` : request.body,
      bodyBytes: Buffer.byteLength(request.body),
      sentAt: request.sentAt
    }
    const base: RequestInspection = {
      source: paste.kind,
      harEntries,
      entry,
      request: shownRequest,
      scheme,
      credential: null,
      tried,
      asOf: {
        at: (fixed?.at ?? deps.clock.now()).toISOString(),
        from: fixed?.from ?? 'now',
        explanation: fixed?.explanation ?? 'Judged as of now.'
      },
      ok: false,
      problems: [],
      sigv4: null,
      canonicalRequest: null,
      stringToSign: null,
      change: null,
      changesTried: 0,
      clientDiff: null,
      clientCanonicalSigned: null,
      notes
    }
    const secrets = [...secretsSeen, ...pastedSecrets(request, candidates)]
    if (!best) {
      base.problems.push(
        scheme.kind === 'none'
          ? 'The request carries no authentication this workbench knows: no Authorization header, no presigned query, and no header a stored credential uses.'
          : `No stored API credential of the ${environment} environment uses ${scheme.label}: add one (API credentials) to judge this request${candidates.length ? `; the stored ones are ${[...new Set(candidates.map((c) => c.auth.type))].join(', ')}` : ''}.`
      )
      return scrubSecrets(base, secrets)
    }
    const { candidate, judgement, expected } = best
    const forensics = findChangeAfterSigning(
      received,
      expected,
      { now: best.at, maxSkewSeconds: input.maxSkewSeconds },
      judgement
    )
    const problems = [...judgement.problems]
    if (forensics.change) problems.unshift(forensics.change.sentence)
    else if (judgement.signatureMatches === false && !input.clientCanonical)
      notes.push(
        `None of ${forensics.tried} usual changes after signing (charset, re-encoding, ports, case, added parameters, re-formatted bodies) explains the mismatch: a value was changed some other way, or the client used another secret. Paste the client’s canonical request from its log to see the line.`
      )
    let clientDiff: RequestInspection['clientDiff'] = null
    let signedByClient: boolean | null = null
    if (input.clientCanonical?.trim()) {
      const client = input.clientCanonical.replace(/\r\n/g, '\n').replace(/\n$/, '')
      const isStringToSign = client.startsWith(SIGV4_ALGORITHM)
      const server = isStringToSign ? judgement.stringToSign : (judgement.canonicalRequest ?? judgement.stringToSign)
      if (server)
        clientDiff = diffLines(client, server).map(({ line, ours, server: s }) => ({ line, client: ours, server: s }))
      signedByClient = clientCanonicalSigned(client, judgement, expected.secrets)
    }
    if (judgement.sigv4 && Number.isNaN(parseAmzDate(judgement.sigv4.signedAt)))
      notes.push('Its X-Amz-Date cannot be read.')
    return scrubSecrets(
      {
        ...base,
        credential: {
          id: candidate.id,
          name: candidate.name,
          org: candidate.org,
          matchedBy:
            namedBy(request, candidate.auth) ??
            (input.credentialId ? 'your choice' : `the scheme (${scheme.label}); none names it`)
        },
        asOf: best.asOf,
        ok: judgement.ok,
        problems,
        sigv4: judgement.sigv4,
        canonicalRequest: judgement.canonicalRequest,
        stringToSign: judgement.stringToSign,
        change: forensics.change,
        changesTried: forensics.tried,
        clientDiff,
        clientCanonicalSigned: signedByClient,
        notes
      },
      secrets
    )
  }
}

export type RequestInspector = ReturnType<typeof createRequestInspector>
