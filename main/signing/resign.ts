/**
 * "Edit and re-sign" (jwt.io style): an embed URL or JWT with some parameters or claims changed,
 * signed again with a stored credential or a secret typed for it. Everything not edited stays as
 * it was received, byte for byte: the signed URL keeps its order and raw segments; the JWT keeps
 * its header and the claims not touched. The signature is always computed last, over the result.
 */
import { SignJWT } from 'jose'
import { hmacHex } from '../core/hmac'
import { WorkbenchError } from '../core/errors'
import { getParam, joinUrl, looksLikeJwt, parseUrl } from '../protocol/embed-url'
import { encodeValue } from '../protocol/encoding'

export interface ResignEdit {
  /** A URL parameter, or a claim of the JWT. */
  source: 'url' | 'jwt-claim'
  name: string
  /** The new value; null removes it. For a claim, JSON when it parses as JSON, else a string. */
  value: string | null
}

export interface ResignKey {
  secret: string
  /** A stored credential's client id: it goes into the URL (:client_id) or the JWT (kid). */
  clientId: string | null
}

const segment = (name: string, value: string) => `${encodeValue(name)}=${encodeValue(value)}`

/** A URL's raw segments with the edits applied (replaced in place, removed, or appended). */
function editSegments(parsed: ReturnType<typeof parseUrl>, edits: ResignEdit[], skip: string[]): string[] {
  const segments = parsed.params.filter((p) => !skip.includes(p.name)).map((p) => ({ name: p.name, raw: p.raw }))
  for (const edit of edits) {
    const at = segments.findIndex((s) => s.name === edit.name)
    if (edit.value === null) {
      if (at >= 0) segments.splice(at, 1)
    } else if (at >= 0) segments[at] = { name: edit.name, raw: segment(edit.name, edit.value) }
    else segments.push({ name: edit.name, raw: segment(edit.name, edit.value) })
  }
  return segments.map((s) => s.raw)
}

function decodePart(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // Said below.
  }
  throw new WorkbenchError(
    'INVALID_INPUT',
    `The JWT's ${what} is not a JSON object, so it cannot be re-signed.`,
    'input'
  )
}

const claimValue = (value: string): unknown => {
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

async function resignToken(token: string, edits: ResignEdit[], key: ResignKey): Promise<string> {
  const [headerPart, payloadPart] = token.split('.')
  const header = decodePart(headerPart ?? '', 'header')
  const payload = decodePart(payloadPart ?? '', 'payload')
  for (const edit of edits.filter((e) => e.source === 'jwt-claim')) {
    if (edit.value === null) delete payload[edit.name]
    else payload[edit.name] = claimValue(edit.value)
  }
  const signedHeader = { ...header, alg: 'HS256', ...(key.clientId ? { kid: key.clientId } : {}) }
  return new SignJWT(payload).setProtectedHeader(signedHeader as { alg: string }).sign(Buffer.from(key.secret, 'utf8'))
}

/** The input with the edits applied, signed again with `key`. */
export async function resignEmbed(input: string, edits: ResignEdit[], key: ResignKey): Promise<string> {
  const text = input.trim()
  if (looksLikeJwt(text)) return resignToken(text, edits, key)
  const parsed = parseUrl(text)
  if (!parsed.origin) throw new WorkbenchError('INVALID_INPUT', 'Paste a full embed URL or a JWT to re-sign.', 'input')
  const urlEdits = edits.filter((e) => e.source === 'url')
  const jwt = getParam(parsed, ':jwt')
  if (jwt) {
    const token = await resignToken(jwt.value, edits, key)
    const segments = editSegments(parsed, [{ source: 'url', name: ':jwt', value: token }, ...urlEdits], [])
    return joinUrl(parsed.base, segments)
  }
  // Signing with a stored credential sends its client id, unless the user set one on purpose.
  const withClient =
    key.clientId && !urlEdits.some((e) => e.name === ':client_id')
      ? [...urlEdits, { source: 'url' as const, name: ':client_id', value: key.clientId }]
      : urlEdits
  const unsigned = joinUrl(parsed.base, editSegments(parsed, withClient, [':signature']))
  return `${unsigned}&:signature=${hmacHex(key.secret, unsigned)}`
}
