/**
 * The inspector: takes any pasted signed URL, JWT URL or bare JWT and says exactly what is wrong
 * with it and how to fix it. Pure and synchronous apart from nothing: the caller passes the known
 * credentials and "now" (so time travel and the emulator use the same path).
 */
import type { Finding, InspectedParam, Inspection } from '../../preload/contract'
import { getParam, looksLikeJwt, parseUrl, signedPortion, type ParsedUrl } from '../protocol/embed-url'
import { defaultLimits, jwtUrlParams, signedUrlParams, type ProtocolLimits } from '../protocol/parameters'
import { finding, sortFindings } from '../protocol/findings'
import { hmacSha256 } from '../core/hmac'
import { checkTime, clip, keysFor, safeEqual, worst, type InspectContext } from './checks'
import { encodingStyleFinding } from './encoding-style'
import { describeTamper, signatureForensics } from './forensics'
import { inspectJwt } from './jwt'
import { checkUrlParams } from './url-params'
export type { InspectContext, KnownCredential } from './checks'

export function inspectEmbed(input: string, context: InspectContext): Inspection {
  const limits = context.limits ?? defaultLimits
  const findings: Finding[] = []
  const params: InspectedParam[] = []
  const result: Inspection = {
    method: 'unknown',
    signature: 'unchecked',
    findings,
    params,
    ruledOut: [],
    now: context.now
  }
  const finish = (): Inspection => {
    for (const p of params) p.check = worst(findings.filter((f) => f.param === p.name).map((f) => f.severity))
    result.findings = sortFindings(findings)
    return result
  }

  let text = input.trim()
  if (!text) {
    findings.push(finding('INPUT_EMPTY', null, 'Nothing to inspect.'))
    return finish()
  }
  if (text !== input && /[\r\n]/.test(input.replace(/^\s+|\s+$/g, (m) => (m.includes('\n') ? '\n' : '')))) {
    findings.push(finding('INPUT_TRIMMED', null, 'The paste had line breaks around it; they were ignored.'))
  }
  if (/\s/.test(text)) {
    const count = (text.match(/\s/g) ?? []).length
    findings.push(
      finding(
        'WHITESPACE_IN_URL',
        null,
        `The URL contains ${count} whitespace character${count === 1 ? '' : 's'} (line breaks or spaces); the host would receive a broken URL. They were removed to inspect the rest.`
      )
    )
    text = text.replace(/\s+/g, '')
  }

  if (looksLikeJwt(text)) {
    result.method = 'jwt'
    inspectJwt(text, null, context, limits, result)
    return finish()
  }

  const parsed = parseUrl(text)
  if (!parsed.origin) {
    if (/^eyJ/.test(text) && !text.includes('?')) {
      result.method = 'jwt'
      inspectJwt(text, null, context, limits, result)
      return finish()
    }
    findings.push(
      finding(
        'INPUT_UNRECOGNIZED',
        null,
        parsed.query
          ? `"${clip(parsed.base)}" is not an absolute https:// URL; the parameters were inspected anyway.`
          : 'This is neither an embed URL (https://…?…) nor a JWT (three base64url parts separated by dots).'
      )
    )
    if (!parsed.query) return finish()
  } else if (parsed.origin.startsWith('http:') && !/^http:\/\/(127\.0\.0\.1|localhost)(:|$)/.test(parsed.origin)) {
    findings.push(finding('URL_NOT_HTTPS', null, 'The embed URL uses http://, not https://.'))
  }
  if (parsed.truncated)
    findings.push(
      finding(
        'TOO_MANY_PARAMS',
        null,
        `The URL has more than ${parsed.params.length} parameters; only the first ${parsed.params.length} were inspected.`
      )
    )
  if (!parsed.query) {
    findings.push(
      finding(
        'REQUIRED_PARAM_MISSING',
        null,
        'The URL has no query string: no embed parameters and no signature.',
        'Build the embed URL with the embed API (parameters + signature), not the bare embed path.'
      )
    )
    return finish()
  }

  const jwtParam = getParam(parsed, ':jwt') ?? getParam(parsed, 'jwt')
  result.method = jwtParam ? 'jwt' : 'url'
  const catalogue = jwtParam ? jwtUrlParams : signedUrlParams
  checkUrlParams(parsed, catalogue, result.method, limits, context, findings, params)
  checkPathForm(parsed.pathname, result.method, findings)
  if (jwtParam) {
    if (!getParam(parsed, ':embed') && !getParam(parsed, 'embed')) {
      findings.push(finding('JWT_EMBED_PARAM_MISSING', ':embed', 'The JWT URL has no ":embed=true".'))
    }
    inspectJwt(jwtParam.value, parsed, context, limits, result)
  } else {
    checkSignedUrl(parsed, context, limits, result)
  }
  return finish()
}

// ---------------------------------------------------------------------------------------------
// URL parameters (both forms)

/**
 * The path names the form: /embed/{id} takes a signed URL, /{org}/workbook/… a JWT. The host
 * answers the other form with "Embed not found" (404), so the inspector says so as the emulator does.
 */
function checkPathForm(pathname: string | null, method: 'url' | 'jwt', findings: Finding[]): void {
  if (!pathname) return
  const embedPath = /^\/embed\/[^/]+\/?$/.test(pathname)
  const workbookPath = /^\/[^/]+\/workbook\//.test(pathname)
  if (method === 'jwt' && embedPath)
    findings.push(
      finding(
        'WRONG_URL_FORM',
        null,
        'A JWT was sent to a signed-URL embed path (/embed/…); JWTs go to the workbook URL (/{org}/workbook/{name}-{id}).'
      )
    )
  else if (method === 'url' && workbookPath)
    findings.push(
      finding(
        'WRONG_URL_FORM',
        null,
        'A signed URL was sent to a workbook URL, which takes a JWT; signed URLs go to /embed/{embed id}.'
      )
    )
}

// ---------------------------------------------------------------------------------------------
// Signed URL: required parameters, time, signature and forensics

function checkSignedUrl(parsed: ParsedUrl, context: InspectContext, limits: ProtocolLimits, result: Inspection): void {
  const { findings } = result
  const style = encodingStyleFinding(parsed)
  if (style) findings.push(style)
  for (const spec of signedUrlParams) {
    if (!spec.required || getParam(parsed, spec.name)) continue
    if (spec.name === ':signature') continue
    const bare = getParam(parsed, spec.name.slice(1))
    if (!bare)
      findings.push(
        finding(
          'REQUIRED_PARAM_MISSING',
          spec.name,
          `The required parameter "${spec.name}" is missing. ${spec.meaning}`,
          `Add "${spec.name}" before signing.`
        )
      )
  }
  if (!getParam(parsed, ':account_type'))
    findings.push(
      finding(
        'ACCOUNT_TYPE_MISSING',
        ':account_type',
        'No ":account_type" is sent; the host uses the user\'s existing type (older host versions require it).'
      )
    )

  // :time needs :session_length to decide expiry: checked here with both in hand.
  const time = getParam(parsed, ':time')
  const length = getParam(parsed, ':session_length')
  if (time)
    checkTime(
      time,
      time.value,
      limits,
      context,
      findings,
      length && /^\d+$/.test(length.value) ? Number(length.value) : null
    )

  const signature = getParam(parsed, ':signature')
  if (!signature) {
    result.signature = 'invalid'
    findings.push(
      finding(
        'SIGNATURE_MISSING',
        ':signature',
        'The URL has no ":signature"; the host answers "Invalid embed signature".'
      )
    )
    return
  }
  const after = parsed.params.filter((p) => p.index > signature.index)
  for (const p of after) {
    findings.push(
      finding(
        'PARAM_ADDED_AFTER_SIGNING',
        p.name,
        `"${p.name}" comes after ":signature", so it was added after signing and is not covered by it.`,
        'Add it before signing, so that ":signature" stays the last parameter.'
      )
    )
  }
  const message = signedPortion(parsed)!
  const claimed = parseHexSignature(signature.value, findings)
  const clientId = getParam(parsed, ':client_id')?.value ?? ''
  const { expected, others } = keysFor(clientId, context)
  const nonce = getParam(parsed, ':nonce')?.value
  const original = nonce ? context.signedEarlier?.(nonce) : undefined
  if (!expected.length && original && original !== parsed.text) {
    // This app signed a URL with this nonce: the difference is known exactly, keys or not.
    result.signature = 'invalid'
    findings.push(...(describeTamper(original, parsed) ?? []))
    return
  }
  if (!expected.length && !others.length) {
    findings.push(
      finding(
        'SIGNATURE_UNCHECKED',
        ':signature',
        'No secret is known for this client id, so the signature was not checked.'
      )
    )
    return
  }
  if (claimed) {
    const verified = [...expected].find((k) => safeEqual(hmacSha256(k.secret, message), claimed))
    if (verified) {
      result.signature = 'valid'
      result.verifiedWith = verified.label
      return
    }
  }
  result.signature = 'invalid'
  if (!claimed) return
  if (!expected.length) {
    // The client id names no known credential: the only question is whether another one signed it.
    const other = others.find((k) => safeEqual(hmacSha256(k.secret, message), claimed))
    if (other) {
      findings.push(
        finding(
          'SIGNED_WITH_OTHER_CREDENTIAL',
          ':signature',
          `The signature was made with the secret of "${other.label}", but the client id in the URL is not that credential's.`,
          "Put that credential's client id in the URL (or sign with the secret of the client id you send)."
        )
      )
    } else {
      findings.push(
        finding(
          'SIGNATURE_UNCHECKED',
          ':signature',
          'No stored secret belongs to this client id, and none of the stored secrets made this signature.'
        )
      )
      result.signature = 'unchecked'
    }
    return
  }
  const forensics = signatureForensics({
    message,
    claimed,
    digest: (key, m) => hmacSha256(key, m),
    expectedKeys: expected,
    otherKeys: others,
    url: { parsed, signedParams: parsed.params.filter((p) => p.index < signature.index) },
    original,
    param: ':signature',
    budget: context.forensicsBudget
  })
  result.ruledOut = forensics.ruledOut
  if (forensics.findings.length) findings.push(...forensics.findings)
  else {
    findings.push(
      finding(
        'SIGNATURE_INVALID',
        ':signature',
        `The signature does not match the URL under the secret of "${expected.map((k) => k.label).join('" or "')}". The host answers "You don't have permission to access this page. Invalid embed signature." Ruled out: ${forensics.ruledOut.join('; ') || 'nothing else to try'}.`,
        "Check that the embed API signs the exact string it sends, with this credential's secret, and that nothing changes the URL afterwards (compare it with a freshly signed one in Diff)."
      )
    )
  }
}

function parseHexSignature(value: string, findings: Finding[]): Buffer | null {
  if (/^[0-9a-f]{64}$/.test(value)) return Buffer.from(value, 'hex')
  if (/^[0-9A-Fa-f]{64}$/.test(value)) {
    findings.push(
      finding(
        'SIGNATURE_FORMAT',
        ':signature',
        'The signature is uppercase hex; the host compares the lowercase hex digest.',
        "Use digest('hex') as it comes (lowercase)."
      )
    )
    return Buffer.from(value, 'hex')
  }
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    findings.push(
      finding(
        'SIGNATURE_FORMAT',
        ':signature',
        'The signature is base64, not hex.',
        "Use digest('hex'), not digest('base64')."
      )
    )
    return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  }
  if (/^[0-9a-fA-F]+$/.test(value)) {
    findings.push(
      finding(
        'SIGNATURE_FORMAT',
        ':signature',
        `The signature has ${value.length} hex characters; HMAC-SHA256 in hex has 64. It was cut off or padded.`
      )
    )
    return null
  }
  findings.push(finding('SIGNATURE_FORMAT', ':signature', `The signature "${clip(value)}" is not a hex digest.`))
  return null
}

// ---------------------------------------------------------------------------------------------
