/**
 * When a signed API request's signature does not match, what changed after signing: the request
 * is judged again with one usual change on the way undone at a time (a proxy adding "; charset=…"
 * to Content-Type, a gateway re-encoding the path or adding a query parameter, a body
 * re-serialized, a default port added to Host, a value lower-cased, the S3 path rule). The one
 * that makes the signature match names the part and the canonical line. The same judgement as the
 * verification server decides, so a match here is a match there.
 */
import type { RequestChange } from '../../preload/contract'
import { diffLines } from './canonical-diff'
import type { QueryOrder } from './sigv4'
import { judgeRequest, type Expected, type JudgeOptions, type Judgement, type ReceivedRequest } from './verify-request'

interface Variant {
  part: string
  /** What was signed (the undone value), and what arrived. */
  signed: string
  arrived: string
  sentence: string
  request: ReceivedRequest
  expected?: Expected
  queryOrder?: QueryOrder
}

/** At most this many variants are judged (each one canonical request and five HMACs). */
const MAX_VARIANTS = 600

const shown = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text)

function headerVariants(request: ReceivedRequest, names: readonly string[]): Variant[] {
  const out: Variant[] = []
  for (const name of names) {
    const at = request.headers.map(([n], i) => (n.toLowerCase() === name ? i : -1)).filter((i) => i >= 0)
    if (!at.length) continue
    const arrived = at.map((i) => request.headers[i]![1])
    const values = new Set<string>()
    const joined = arrived.join(', ')
    const add = (value: string | null) => {
      if (value !== null && value !== joined && value !== arrived[0]) values.add(value)
    }
    const one = arrived[0]!
    if (name === 'content-type') {
      add(one.replace(/\s*;\s*charset=[^;]*/i, ''))
      for (const charset of ['; charset=utf-8', '; charset=UTF-8', ';charset=utf-8', ';charset=UTF-8'])
        add(`${one.replace(/\s*;\s*charset=[^;]*/i, '')}${charset}`)
    }
    if (name === 'host') {
      add(one.replace(/:(443|80)$/, ''))
      if (!/:\d+$/.test(one)) for (const port of [':443', ':80']) add(`${one}${port}`)
    }
    add(one.toLowerCase())
    add(one.toUpperCase())
    add(one.trim().replace(/^"(.*)"$/, '$1'))
    if (one.includes(',')) {
      add(one.split(',')[0]!.trim())
      add(one.slice(0, one.lastIndexOf(',')).trim())
    }
    if (arrived.length > 1) for (const value of arrived) add(value)
    for (const value of values) {
      const headers = request.headers.filter(([n]) => n.toLowerCase() !== name)
      headers.splice(at[0]!, 0, [request.headers[at[0]!]![0], value])
      out.push({
        part: `header ${name}`,
        signed: value,
        arrived: joined,
        sentence: `The ${name} header was changed after signing: the signature matches it as "${shown(value)}", and it arrived as "${shown(joined)}".`,
        request: { ...request, headers }
      })
    }
  }
  return out
}

function targetVariants(request: ReceivedRequest, expected: Expected): Variant[] {
  const out: Variant[] = []
  const [path, query = ''] = request.target.split(/\?(.*)/s, 2) as [string, string?]
  const withTarget = (p: string, q: string) => ({ ...request, target: q ? `${p}?${q}` : p })
  const paths = new Set<string>()
  try {
    paths.add(decodeURI(path))
  } catch {
    // a malformed escape: that variant is not tried
  }
  paths.add(path.replace(/%/g, '%25'))
  paths.add(path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : `${path}/`)
  paths.add(path.replace(/%[0-9a-f]{2}/gi, (e) => e.toLowerCase()))
  paths.add(path.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase()))
  for (const p of paths)
    if (p !== path)
      out.push({
        part: 'path',
        signed: p,
        arrived: path,
        sentence: `The path was changed after signing: the signature matches "${shown(p)}", and it arrived as "${shown(path)}" (a proxy or gateway re-encoding it).`,
        request: withTarget(p, query)
      })
  if (expected.auth.type === 'aws4') {
    const style = expected.auth.options?.path ?? 'normalized'
    const other = style === 'normalized' ? 'as-sent' : 'normalized'
    out.push({
      part: 'path rule',
      signed: other === 'as-sent' ? 'the path as sent, encoded once (S3)' : 'the path normalized and encoded twice',
      arrived: style === 'as-sent' ? 'as sent (S3)' : 'normalized',
      sentence:
        other === 'as-sent'
          ? 'The client signed the path S3-style (as sent, encoded once); this credential normalizes it. Set the credential’s path option to "as sent (S3)" if the service is S3.'
          : 'The client normalized the path (every AWS service but S3 does); this credential signs it as sent. Set the credential’s path option to "normalized".',
      request,
      expected: {
        ...expected,
        auth: {
          ...expected.auth,
          options: { payload: 'hash', sessionToken: 'signed', ...expected.auth.options, path: other }
        }
      }
    })
  }
  const pieces = query.split('&').filter(Boolean)
  const queries = new Map<string, string>()
  if (query.includes('+')) queries.set(query.replace(/\+/g, '%20'), 'with %20 for "+"')
  if (query.includes('%20')) queries.set(query.replace(/%20/g, '+'), 'with "+" for %20')
  for (const [i, piece] of pieces.slice(0, 40).entries()) {
    if (/^X-Amz-/i.test(piece)) continue
    queries.set(pieces.filter((_, j) => j !== i).join('&'), `without ${shown(piece)}, which was added after signing`)
  }
  if (expected.auth.type === 'aws4' && pieces.length > 1) {
    out.push({
      part: 'query order',
      signed: 'in the order sent',
      arrived: query,
      sentence: `The client signed the query in the order it was sent ("${shown(query)}") instead of sorted by name, as SigV4 says: a signer bug (curl’s --aws-sigv4 had it, curl issue #9717). Sort the query parameters in the client, or upgrade it.`,
      request,
      queryOrder: 'as-sent'
    })
    out.push({
      part: 'query order',
      signed: 'sorted as whole name=value strings',
      arrived: query,
      sentence:
        'The client sorted the query as whole "name=value" strings instead of by name then value, as SigV4 says (so "a-b=1" comes before "a=2"): a signer bug. Sort by name first in the client, or upgrade it.',
      request,
      queryOrder: 'by-pair'
    })
  }
  for (const [q, how] of queries)
    out.push({
      part: 'query',
      signed: q,
      arrived: query,
      sentence: `The query was changed after signing: the signature matches it ${how}.`,
      request: withTarget(path, q)
    })
  return out
}

function bodyVariants(request: ReceivedRequest, signedNames: readonly string[]): Variant[] {
  const body = request.body
  const bodies = new Map<string, string>()
  bodies.set(body.replace(/\r?\n+$/, ''), 'without the line break at its end')
  bodies.set(`${body}\n`, 'with a line break at its end')
  bodies.set(body.replace(/\r\n/g, '\n'), 'with LF line ends where CRLF arrived')
  bodies.set(body.replace(/(?<!\r)\n/g, '\r\n'), 'with CRLF line ends where LF arrived')
  bodies.set('', 'empty (the client signed no body)')
  try {
    const json: unknown = JSON.parse(body)
    bodies.set(JSON.stringify(json), 'as compact JSON (it arrived re-formatted)')
    bodies.set(JSON.stringify(json, null, 2), 'as JSON indented by 2 (it arrived re-formatted)')
    bodies.set(JSON.stringify(json, null, 4), 'as JSON indented by 4 (it arrived re-formatted)')
  } catch {
    // not JSON
  }
  bodies.delete(body)
  const out: Variant[] = []
  for (const [signed, how] of bodies) {
    let headers = request.headers
    if (signedNames.includes('content-length'))
      headers = headers.map(([n, v]) =>
        n.toLowerCase() === 'content-length' ? [n, String(Buffer.byteLength(signed))] : [n, v]
      )
    if (signedNames.includes('x-amz-content-sha256')) continue // the header names the hash: a body change shows there already
    out.push({
      part: 'body',
      signed: shown(signed),
      arrived: shown(body),
      sentence: `The body was changed after signing: the signature matches it ${how}.`,
      request: { ...request, headers, body: signed }
    })
  }
  return out
}

/**
 * The one change after signing that explains a signature mismatch, with the canonical line it is
 * on, or null when none of the usual ones does (then `tried` says how many were).
 */
export function findChangeAfterSigning(
  request: ReceivedRequest,
  expected: Expected,
  options: JudgeOptions,
  judgement: Judgement
): { change: RequestChange | null; tried: number } {
  if (judgement.signatureMatches !== false) return { change: null, tried: 0 }
  const signedNames = judgement.sigv4?.signedHeaders ?? []
  const variants = [
    ...headerVariants(request, signedNames),
    ...targetVariants(request, expected),
    ...bodyVariants(request, signedNames)
  ].slice(0, MAX_VARIANTS)
  for (const variant of variants) {
    const again = judgeRequest(variant.request, variant.expected ?? expected, {
      ...options,
      queryOrder: variant.queryOrder
    })
    if (again.signatureMatches !== true) continue
    const signedText = again.canonicalRequest ?? again.stringToSign ?? ''
    const arrivedText = judgement.canonicalRequest ?? judgement.stringToSign ?? ''
    const first = diffLines(signedText, arrivedText)[0]
    return {
      change: {
        part: variant.part,
        signed: variant.signed,
        arrived: variant.arrived,
        sentence: variant.sentence,
        line: first ? { line: first.line, signed: first.ours, arrived: first.server } : null,
        of: judgement.canonicalRequest !== null ? 'canonical request' : 'string to sign'
      },
      tried: variants.indexOf(variant) + 1
    }
  }
  return { change: null, tried: variants.length }
}
