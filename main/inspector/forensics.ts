/**
 * Signature forensics: when a signature does not verify, recompute it under the variants behind
 * real failures and name the one that matches. When none does, say what was ruled out.
 */
import type { Finding } from '../../preload/contract'
import { decodeComponent, joinUrl, parseUrl, type ParsedUrl, type UrlParam } from '../protocol/embed-url'
import { encodeValue, wellFormed } from '../protocol/encoding'
import { finding } from '../protocol/findings'

export interface ForensicKey {
  /** The credential's name as the user knows it, or a label such as "secret from $EMBED_SECRET". */
  label: string
  secret: string
}

export interface ForensicsInput {
  /** The message whose MAC is claimed (the signed URL portion, or a JWT's "header.payload"). */
  message: string
  /** The claimed MAC as bytes. */
  claimed: Buffer
  /** How the MAC is written: hex (signed URL) or base64url (JWT). */
  digest: (key: string | Buffer, message: string) => Buffer
  /** Keys that should have produced it (the credential named by client id / kid). */
  expectedKeys: ForensicKey[]
  /** Every other known key. */
  otherKeys: ForensicKey[]
  /** For signed URLs: the parsed URL, to try structural variants. */
  url?: { parsed: ParsedUrl; signedParams: UrlParam[] }
  /** The original URL this app signed with the same nonce, when it remembers one. */
  original?: string
  /** Name of the parameter or claim the findings are about (":signature" or ":jwt"). */
  param: string
  /** How much recomputing this request may cost; defaults to what one paste may cost. */
  budget?: ForensicsBudget
}

/**
 * Forensics recomputes the MAC over variants of the message: bytes hashed grow with the number of
 * parameters times the URL's length. A request from anyone on the machine (the emulator) gets a
 * small budget; a paste into the inspector a larger one. When it runs out, the finding says so.
 */
export interface ForensicsBudget {
  /** Bytes of message hashed, over all variants. */
  maxBytes: number
  /** Wall-clock milliseconds. */
  maxMs: number
}

/**
 * What one paste may cost: 32 MB or 70 ms of hashing, whichever comes first, so that with the
 * rest of the inspection (a 250 KB URL parsed and checked: 10 to 20 ms on a loaded machine) no
 * tampered URL up to 256 KB keeps the inspector past 100 ms (issue 18).
 */
export const inspectorForensicsBudget: ForensicsBudget = { maxBytes: 32 * 1024 * 1024, maxMs: 70 }

class BudgetExhausted extends Error {}

export interface ForensicsResult {
  findings: Finding[]
  ruledOut: string[]
  /** What it cost: MACs computed and bytes of message hashed (the bench divides by one MAC each). */
  work: { macs: number; bytes: number }
}

/** Past this many signed bytes, only the cheap families run (a 10 MB paste must not hang). */
const MAX_BYTES_FOR_STRUCTURE = 256 * 1024
const MAX_PARAMS_FOR_REORDER = 40

const WHITESPACE = [
  ['\n', 'a trailing newline'],
  ['\r\n', 'a trailing CR LF'],
  [' ', 'a trailing space'],
  ['\t', 'a trailing tab']
] as const

export function signatureForensics(input: ForensicsInput): ForensicsResult {
  const ruledOut: string[] = []
  const budget = input.budget ?? inspectorForensicsBudget
  const started = performance.now()
  let hashed = 0
  let variants = 0
  const matches = (key: string | Buffer, message: string) => {
    // The clock is read before every MAC (a few ns, against microseconds of hashing): checked only
    // every 32nd, a run of 250 KB variants overshot the time budget by a dozen milliseconds.
    if (hashed + message.length > budget.maxBytes || performance.now() - started > budget.maxMs)
      throw new BudgetExhausted()
    hashed += message.length
    variants++
    const mac = input.digest(key, message)
    return mac.length === input.claimed.length && mac.equals(input.claimed)
  }
  const work = () => ({ macs: variants, bytes: hashed })
  try {
    return { ...runForensics(input, matches, ruledOut), work: work() }
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error
    const mb = (budget.maxBytes / 1024 / 1024).toFixed(budget.maxBytes < 1024 * 1024 ? 1 : 0)
    ruledOut.push(
      `(the forensics budget of ${mb} MB hashed or ${Math.max(1, Math.round(budget.maxMs))} ms ran out after ${variants} variants: the rest were not tried)`
    )
    return { findings: [], ruledOut, work: work() }
  }
}

function runForensics(
  input: ForensicsInput,
  matches: (key: string | Buffer, message: string) => boolean,
  ruledOut: string[]
): Omit<ForensicsResult, 'work'> {
  const found = (f: Finding) => ({ findings: [f], ruledOut })

  // 1. The secret as read with whitespace around it: the classic trailing newline.
  for (const key of input.expectedKeys) {
    // Whitespace on both sides (a value read from a file and pasted with a leading space, say).
    for (const [before, first] of WHITESPACE)
      for (const [after, second] of WHITESPACE)
        if (matches(before + key.secret + after, input.message))
          return found(
            finding(
              'SECRET_WHITESPACE',
              input.param,
              `The signature matches the secret of "${key.label}" with ${first.replace('trailing', 'leading')} before it and ${second} after it: the embed API read its secret with whitespace around it.`
            )
          )
    for (const [ws, description] of WHITESPACE) {
      for (const [variant, where] of [
        [key.secret + ws, description],
        [ws + key.secret, description.replace('trailing', 'leading')]
      ] as const) {
        if (matches(variant, input.message)) {
          return found(
            finding(
              'SECRET_WHITESPACE',
              input.param,
              `The signature matches the secret of "${key.label}" with ${where} added: the embed API read its secret with whitespace around it (a file or environment variable ending in a newline).`
            )
          )
        }
      }
    }
    if (
      /^[0-9a-fA-F]+$/.test(key.secret) &&
      key.secret.length % 2 === 0 &&
      matches(Buffer.from(key.secret, 'hex'), input.message)
    ) {
      return found(
        finding(
          'SECRET_HEX_DECODED',
          input.param,
          `The signature was made with the hex-decoded bytes of the secret of "${key.label}" as the key, not the secret's text.`
        )
      )
    }
  }
  if (input.expectedKeys.length)
    ruledOut.push('the secret with a leading or trailing newline, CR LF, space or tab, and the secret hex-decoded')

  // 2. Another stored credential's secret.
  for (const key of input.otherKeys) {
    if (matches(key.secret, input.message)) {
      return found(
        finding(
          'SIGNED_WITH_OTHER_CREDENTIAL',
          input.param,
          `The signature was made with the secret of "${key.label}", not with the secret that belongs to the client id in the URL.`
        )
      )
    }
  }
  if (input.otherKeys.length)
    ruledOut.push(`the ${input.otherKeys.length} other stored secret${input.otherKeys.length === 1 ? '' : 's'}`)

  if (!input.url) return { findings: [], ruledOut }
  const keys = input.expectedKeys.map((k) => k.secret)
  if (!keys.length) return { findings: [], ruledOut }
  const anyKey = (message: string) => keys.some((k) => matches(k, message))

  // 3. The URL this app signed with the same nonce: the exact difference.
  if (input.original) {
    const diff = describeTamper(input.original, input.url.parsed)
    if (diff) return { findings: diff, ruledOut }
  }

  const { parsed, signedParams } = input.url

  // 4a. Signed for another host or scheme: the host verifies the URL as it arrives.
  if (parsed.origin && input.message.startsWith(parsed.origin)) {
    const rest = input.message.slice(parsed.origin.length)
    for (const origin of otherOrigins(parsed.origin)) {
      if (anyKey(origin + rest))
        return found(
          finding(
            'SIGNED_FOR_OTHER_HOST',
            input.param,
            `The signature matches this URL as signed for ${origin}, but it arrived at ${parsed.origin}. The host verifies the URL exactly as it receives it, so a URL signed for one host or scheme fails on another.`
          )
        )
    }
    ruledOut.push('the URL signed for another scheme, for the vendor host, or for the other loopback name')
  }

  if (input.message.length > MAX_BYTES_FOR_STRUCTURE) {
    ruledOut.push(`(structural variants skipped: the URL is ${Math.round(input.message.length / 1024)} KB)`)
    return { findings: [], ruledOut }
  }

  // 4. The wrong part of the URL signed.
  const query = signedParams.map((p) => p.raw).join('&')
  const path = parsed.origin ? parsed.base.slice(parsed.origin.length) : parsed.base
  for (const [message, what] of [
    [query, 'only the query string (without the base URL and "?")'],
    [`?${query}`, 'only "?" and the query string'],
    [`${path}?${query}`, 'the path and query, without https:// and the host'],
    [`${input.message}&:signature=`, 'the URL including "&:signature="'],
    [`${input.message}&`, 'the URL with a trailing "&"']
  ] as const) {
    if (anyKey(message))
      return found(finding('SIGNED_PORTION_WRONG', input.param, `The signature was computed over ${what}.`))
  }
  ruledOut.push('signing only the query, only the path and query, or including "&:signature="')

  // 5. The URL re-encoded after signing (it was signed in another encoding than it arrives in).
  for (const [style, render] of encodingStyles) {
    const variant = joinUrl(parsed.base, signedParams.map(render))
    if (variant !== input.message && anyKey(variant)) {
      return found(
        finding(
          'ENCODING_CHANGED_AFTER_SIGNING',
          input.param,
          `The URL was signed ${style}, but arrives encoded differently: something re-encoded it after signing (a URL object, a template engine or a proxy).`
        )
      )
    }
  }
  ruledOut.push(
    `the URL as signed in ${encodingStyles.length} other encodings (raw, URLSearchParams, encodeURIComponent, fully decoded)`
  )

  const segments = signedParams.map((p) => p.raw)
  const edit = segmentEdits(parsed.base, segments)
  // 6. One parameter added after signing.
  for (let i = 0; i < segments.length; i++) {
    if (anyKey(edit.without(i))) {
      const p = signedParams[i]!
      return found(
        finding(
          'PARAM_ADDED_AFTER_SIGNING',
          p.name,
          `"${p.name}" was added after the URL was signed: without it, the signature verifies.`
        )
      )
    }
  }
  // Several added together (e.g. display parameters appended by the page that shows the embed).
  if (segments.length <= MAX_PARAMS_FOR_REORDER) {
    for (let length = 2; length < segments.length; length++) {
      for (let from = 0; from + length <= segments.length; from++) {
        if (anyKey(joinUrl(parsed.base, [...segments.slice(0, from), ...segments.slice(from + length)]))) {
          const added = signedParams.slice(from, from + length)
          const names = added.map((p) => `"${p.name}"`).join(', ')
          return {
            findings: added.map((p) =>
              finding(
                'PARAM_ADDED_AFTER_SIGNING',
                p.name,
                `${names} were added after the URL was signed: without them, the signature verifies.`
              )
            ),
            ruledOut
          }
        }
      }
    }
  }
  ruledOut.push(`each of the ${segments.length} parameters, and each run of adjacent parameters, removed`)

  // 7. One value changed in a recognisable way.
  for (let i = 0; i < signedParams.length; i++) {
    const p = signedParams[i]!
    if (p.rawValue === null) continue
    for (const [original, how] of valueVariants(p)) {
      if (anyKey(edit.replaced(i, `${p.rawName}=${original}`))) {
        return found(
          finding(
            'PARAM_VALUE_CHANGED',
            p.name,
            `"${p.name}" was signed as "${decodeComponent(original).value}" but arrives as "${p.value}" (${how}).`
          )
        )
      }
    }
  }
  ruledOut.push('case, whitespace and "+"/"%20" changes to each value')

  // 8. One parameter moved (a query built from a map or an object can reorder it).
  if (segments.length <= MAX_PARAMS_FOR_REORDER) {
    for (let from = 0; from < segments.length; from++) {
      for (let to = 0; to < segments.length; to++) {
        if (from === to || to === from + 1) continue
        const moved = [...segments]
        const [segment] = moved.splice(from, 1)
        moved.splice(to > from ? to - 1 : to, 0, segment!)
        if (anyKey(joinUrl(parsed.base, moved))) {
          const p = signedParams[from]!
          return found(
            finding(
              'PARAM_REORDERED_AFTER_SIGNING',
              p.name,
              `"${p.name}" was moved after signing: the signature verifies with it at position ${(to > from ? to - 1 : to) + 1} instead of ${from + 1}.`
            )
          )
        }
      }
    }
    ruledOut.push('each parameter moved to every other position')
  }
  return { findings: [], ruledOut }
}

/**
 * The URL with one segment left out or replaced, cut from the joined query instead of joining every
 * segment again: one variant costs a copy of the URL, not a pass over all its parameters.
 * Each equals joinUrl(base, segments with that one change).
 */
export function segmentEdits(base: string, segments: readonly string[]) {
  const joined = segments.join('&')
  const starts: number[] = []
  let at = 0
  for (const segment of segments) {
    starts.push(at)
    at += segment.length + 1
  }
  const end = (i: number) => starts[i]! + segments[i]!.length
  return {
    without(i: number): string {
      if (segments.length === 1) return base
      const rest = i === 0 ? joined.slice(end(0) + 1) : `${joined.slice(0, starts[i]! - 1)}${joined.slice(end(i))}`
      return `${base}?${rest}`
    },
    replaced(i: number, segment: string): string {
      return `${base}?${joined.slice(0, starts[i])}${segment}${joined.slice(end(i))}`
    }
  }
}

/** Where a URL that arrived at `origin` may have been signed for instead. */
function otherOrigins(origin: string): string[] {
  const url = new URL(origin)
  const out = new Set<string>()
  out.add(`${url.protocol === 'https:' ? 'http:' : 'https:'}//${url.host}`)
  for (const vendor of ['https://app.sigmacomputing.com', 'https://app.sigmacomputing.io']) out.add(vendor)
  const port = url.port ? `:${url.port}` : ''
  for (const loopback of ['127.0.0.1', 'localhost', '[::1]'])
    for (const scheme of ['http:', 'https:']) out.add(`${scheme}//${loopback}${port}`)
  out.delete(origin)
  return [...out]
}

const encodingStyles: [string, (p: UrlParam) => string][] = [
  ['raw, as the QuickStart builds it', (p) => `${encodeValue(p.name)}=${encodeValue(p.value)}`],
  [
    'with Node\'s URLSearchParams (":" as %3A, "," as %2C, space as +)',
    (p) => new URLSearchParams([[p.name, p.value]]).toString()
  ],
  [
    'with encodeURIComponent on every name and value',
    (p) => `${encodeURIComponent(wellFormed(p.name))}=${encodeURIComponent(wellFormed(p.value))}`
  ],
  ['fully decoded', (p) => `${p.name}=${p.value}`]
]

function valueVariants(p: UrlParam): [string, string][] {
  const raw = p.rawValue ?? ''
  const variants: [string, string][] = [
    [raw.toLowerCase(), 'its case was changed'],
    [raw.toUpperCase(), 'its case was changed'],
    // "West" upper-cased to "WEST" (or lower-cased) on the way: each word's first letter restored.
    [
      raw.toLowerCase().replace(/(^|[\s_+-]|%20)([a-z])/g, (_m, gap: string, c: string) => gap + c.toUpperCase()),
      'its case was changed'
    ],
    [raw.replace(/\+/g, '%20'), '"%20" became "+"'],
    [raw.replace(/%20/g, '+'), '"+" became "%20"'],
    [`${raw}%20`, 'trailing whitespace was trimmed'],
    [`${raw}%0A`, 'a trailing newline was trimmed'],
    [raw.trim(), 'whitespace was added']
  ]
  return variants.filter(([value], i, all) => value !== raw && all.findIndex(([v]) => v === value) === i)
}

/** Exact differences between the URL this app signed and the one received. */
export function describeTamper(original: string, received: ParsedUrl): Finding[] | null {
  const signed = parseUrl(original)
  const findings: Finding[] = []
  const withoutSignature = (ps: UrlParam[]) => ps.filter((p) => p.name !== ':signature')
  const before = withoutSignature(signed.params)
  const after = withoutSignature(received.params)
  for (const p of before) {
    const now = after.find((q) => q.name === p.name)
    if (!now)
      findings.push(
        finding(
          'PARAM_REMOVED_AFTER_SIGNING',
          p.name,
          `"${p.name}" (signed as "${p.value}") was removed after signing.`
        )
      )
    else if (now.value !== p.value)
      findings.push(
        finding('PARAM_VALUE_CHANGED', p.name, `"${p.name}" was signed as "${p.value}" but arrives as "${now.value}".`)
      )
    else if (now.raw !== p.raw)
      findings.push(
        finding(
          'ENCODING_CHANGED_AFTER_SIGNING',
          p.name,
          `"${p.name}" was signed as "${p.raw}" but arrives encoded as "${now.raw}".`
        )
      )
  }
  for (const q of after) {
    if (!before.some((p) => p.name === q.name))
      findings.push(
        finding(
          'PARAM_ADDED_AFTER_SIGNING',
          q.name,
          `"${q.name}" was not in the URL this app signed; it was added afterwards.`
        )
      )
  }
  if (signed.base !== received.base)
    findings.push(
      finding(
        'PARAM_VALUE_CHANGED',
        null,
        `The embed path was signed as "${signed.base}" but arrives as "${received.base}".`
      )
    )
  return findings.length ? findings : null
}
