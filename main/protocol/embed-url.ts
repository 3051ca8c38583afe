/**
 * The one embed URL parser. It keeps every parameter exactly as received (raw bytes, order,
 * duplicates, offsets), because the host verifies the signature over the URL as received, not a
 * re-encoded canonical form. Decoding is done beside the raw text and never replaces it.
 */

export interface UrlParam {
  /** Position among the parameters, from 0. */
  index: number
  /** The `name=value` segment exactly as received. */
  raw: string
  rawName: string
  /** null when the segment has no `=`. */
  rawValue: string | null
  /** Percent-decoded name ('+' as space), or the raw name when it cannot be decoded. */
  name: string
  value: string
  /** Why the name or value could not be percent-decoded (bad escape, not UTF-8). */
  decodeError?: string
  /** Offset of the segment in the parsed text. */
  start: number
}

export interface ParsedUrl {
  /** The text that was parsed (the input without surrounding whitespace). */
  text: string
  /** Everything before '?'. */
  base: string
  /** The WHATWG-parsed base, when it is an absolute http(s) URL. */
  origin: string | null
  pathname: string | null
  query: string
  fragment: string | null
  params: UrlParam[]
  /** True when there were more parameters than MAX_PARAMS; the rest were not parsed. */
  truncated: boolean
}

export const MAX_PARAMS = 2000

/** Decodes a query component as a server would: '+' is a space, then percent-escapes as UTF-8. */
export function decodeComponent(raw: string): { value: string; error?: string } {
  const spaced = raw.replace(/\+/g, ' ')
  try {
    return { value: decodeURIComponent(spaced) }
  } catch {
    const bad = /%(?![0-9a-fA-F]{2})/.exec(spaced)
    return {
      value: spaced,
      error: bad
        ? `"${spaced.slice(bad.index, bad.index + 3)}" at character ${bad.index + 1} is not a valid percent-escape`
        : 'the percent-escapes do not form valid UTF-8'
    }
  }
}

export function parseUrl(input: string): ParsedUrl {
  const text = input.trim()
  const hash = text.indexOf('#')
  const beforeHash = hash >= 0 ? text.slice(0, hash) : text
  const fragment = hash >= 0 ? text.slice(hash + 1) : null
  const question = beforeHash.indexOf('?')
  const base = question >= 0 ? beforeHash.slice(0, question) : beforeHash
  const query = question >= 0 ? beforeHash.slice(question + 1) : ''
  let origin: string | null = null
  let pathname: string | null = null
  try {
    const url = new URL(base)
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      origin = url.origin
      pathname = url.pathname
    }
  } catch {
    // Not an absolute URL: the caller reports it.
  }
  const params: UrlParam[] = []
  let truncated = false
  if (question >= 0) {
    let offset = question + 1
    for (const segment of query.split('&')) {
      const start = offset
      offset += segment.length + 1
      if (segment === '') continue
      if (params.length >= MAX_PARAMS) {
        truncated = true
        break
      }
      const eq = segment.indexOf('=')
      const rawName = eq >= 0 ? segment.slice(0, eq) : segment
      const rawValue = eq >= 0 ? segment.slice(eq + 1) : null
      const name = decodeComponent(rawName)
      const value = rawValue === null ? { value: '' } : decodeComponent(rawValue)
      const param: UrlParam = {
        index: params.length,
        raw: segment,
        rawName,
        rawValue,
        name: name.value,
        value: value.value,
        start
      }
      const error = name.error ?? value.error
      if (error) param.decodeError = error
      params.push(param)
    }
  }
  return { text, base, origin, pathname, query, fragment, params, truncated }
}

/** The first parameter with this decoded name. */
export function getParam(parsed: ParsedUrl, name: string): UrlParam | undefined {
  return parsed.params.find((p) => p.name === name)
}

/**
 * The signed portion of a signed URL: everything before the separator of the `:signature`
 * parameter, byte for byte as received. Null when there is no signature parameter.
 */
export function signedPortion(parsed: ParsedUrl): string | null {
  const signature = getParam(parsed, ':signature')
  if (!signature) return null
  return parsed.text.slice(0, signature.start - 1)
}

/** Rebuilds a URL from a base and raw segments (used by forensics to try variants). */
export function joinUrl(base: string, rawSegments: string[]): string {
  return rawSegments.length ? `${base}?${rawSegments.join('&')}` : base
}

/** A JWT: three base64url segments separated by dots (the signature may be empty for alg none). */
export function looksLikeJwt(text: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)
}

/** One base64url segment of a JWT (header or payload) as the JSON object it holds, or null. */
export function decodeJwtPart(part: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}
