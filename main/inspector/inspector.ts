/**
 * The inspector: takes any pasted signed URL, JWT URL or bare JWT and says exactly what is wrong
 * with it and how to fix it. Pure and synchronous apart from nothing: the caller passes the known
 * credentials and "now" (so time travel and the emulator use the same path).
 */
import type { Finding, InspectedParam, Inspection } from '../../preload/contract'
import { getParam, looksLikeJwt, parseUrl, signedPortion, type ParsedUrl, type UrlParam } from '../protocol/embed-url'
import { defaultLimits, jwtUrlParams, MAX_NONCE_LENGTH, MODES, paramSpec, signedUrlParams, THEMES, USER_ATTRIBUTE_PREFIX, type ParamSpec, type ProtocolLimits } from '../protocol/parameters'
import { didYouMean } from './did-you-mean'
import { finding, sortFindings } from '../protocol/findings'
import { hmacSha256 } from '../core/hmac'
import { checkClientId, checkTime, clip, EMAIL, human, keysFor, safeEqual, worst, type InspectContext } from './checks'
import { describeTamper, signatureForensics } from './forensics'
import { inspectJwt } from './jwt'
export type { InspectContext, KnownCredential } from './checks'

export function inspectEmbed(input: string, context: InspectContext): Inspection {
  const limits = context.limits ?? defaultLimits
  const findings: Finding[] = []
  const params: InspectedParam[] = []
  const result: Inspection = { method: 'unknown', signature: 'unchecked', findings, params, ruledOut: [], now: context.now }
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
    findings.push(finding('WHITESPACE_IN_URL', null, `The URL contains ${count} whitespace character${count === 1 ? '' : 's'} (line breaks or spaces); the host would receive a broken URL. They were removed to inspect the rest.`))
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
    findings.push(finding('INPUT_UNRECOGNIZED', null, parsed.query ? `"${clip(parsed.base)}" is not an absolute https:// URL; the parameters were inspected anyway.` : 'This is neither an embed URL (https://…?…) nor a JWT (three base64url parts separated by dots).'))
    if (!parsed.query) return finish()
  } else if (parsed.origin.startsWith('http:') && !/^http:\/\/(127\.0\.0\.1|localhost)(:|$)/.test(parsed.origin)) {
    findings.push(finding('URL_NOT_HTTPS', null, 'The embed URL uses http://, not https://.'))
  }
  if (parsed.truncated) findings.push(finding('TOO_MANY_PARAMS', null, `The URL has more than ${parsed.params.length} parameters; only the first ${parsed.params.length} were inspected.`))
  if (!parsed.query) {
    findings.push(finding('REQUIRED_PARAM_MISSING', null, 'The URL has no query string: no embed parameters and no signature.', 'Build the embed URL with the embed API (parameters + signature), not the bare embed path.'))
    return finish()
  }

  const jwtParam = getParam(parsed, ':jwt') ?? getParam(parsed, 'jwt')
  result.method = jwtParam ? 'jwt' : 'url'
  const catalogue = jwtParam ? jwtUrlParams : signedUrlParams
  checkUrlParams(parsed, catalogue, result.method, limits, context, findings, params)
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

function checkUrlParams(
  parsed: ParsedUrl,
  catalogue: readonly ParamSpec[],
  method: 'url' | 'jwt',
  limits: ProtocolLimits,
  context: InspectContext,
  findings: Finding[],
  params: InspectedParam[]
): void {
  const names = catalogue.map((p) => p.name)
  const seen = new Set<string>()
  for (const p of parsed.params) {
    const spec = paramSpec(p.name)
    const inCatalogue = !!spec && (names.includes(p.name) || (method === 'url' && p.name.startsWith(USER_ATTRIBUTE_PREFIX)))
    params.push({ source: 'url', name: p.name, raw: p.raw, value: p.value, meaning: meaningOf(p, spec, inCatalogue, method), check: 'ok' })
    if (p.decodeError) findings.push(finding('PARAM_NOT_DECODABLE', p.name, `"${clip(p.raw)}" cannot be decoded: ${p.decodeError}.`))
    if (seen.has(p.name)) findings.push(finding('PARAM_DUPLICATED', p.name, `"${p.name}" appears more than once; the host reads only one of them.`))
    seen.add(p.name)

    if (p.name.startsWith(':')) {
      if (!inCatalogue) {
        if (spec) {
          findings.push(finding('PARAM_UNKNOWN', p.name, `"${p.name}" belongs to the ${method === 'jwt' ? 'signed-URL' : 'JWT'} method, not to a ${method === 'jwt' ? 'JWT' : 'signed'} URL.`, method === 'jwt' ? 'In the JWT method, put user details in the token\'s claims, not in the URL.' : undefined))
        } else {
          const guess = didYouMean(p.name, names)
          findings.push(finding('PARAM_UNKNOWN', p.name, `"${p.name}" is not a documented embed parameter.${guess ? ` Did you mean "${guess}"?` : ''}`, guess ? `Rename it to "${guess}" (before signing).` : undefined))
        }
        continue
      }
      checkValue(p, spec!, limits, context, findings)
    } else if (names.includes(`:${p.name}`) || p.name.startsWith('ua_')) {
      findings.push(finding('PARAM_MISSING_COLON', p.name, `"${p.name}" lacks its colon: the host reads it as a workbook control value, not as ":${p.name}".`, `Rename it to ":${p.name}" (before signing).`))
    } else {
      const guess = p.name.length > 3 ? didYouMean(`:${p.name}`, names) : null
      findings.push(finding('CONTROL_VALUE', p.name, `"${p.name}" has no colon, so it is a workbook control value ("${clip(p.value)}").${guess ? ` If you meant the embed parameter "${guess}", add its colon.` : ''}`))
    }
  }
  for (const spec of catalogue) {
    for (const dependency of spec.needs ?? []) {
      if (seen.has(spec.name) && !seen.has(dependency)) {
        findings.push(finding('DEPENDENT_PARAM_MISSING', spec.name, `"${spec.name}" needs "${dependency}", which is missing.`, `Add "${dependency}" (before signing).`))
      }
    }
  }
}

function meaningOf(p: UrlParam, spec: ParamSpec | undefined, inCatalogue: boolean, method: 'url' | 'jwt'): string {
  if (spec && inCatalogue) return spec.meaning
  if (spec) return `${spec.meaning} (belongs to the ${method === 'jwt' ? 'signed-URL' : 'JWT'} method)`
  if (!p.name.startsWith(':')) return 'Workbook control value (no colon).'
  return 'Not a documented embed parameter.'
}

function checkValue(p: UrlParam, spec: ParamSpec, limits: ProtocolLimits, context: InspectContext, findings: Finding[]): void {
  const value = p.value
  switch (p.name) {
    case ':nonce':
      if (value.length > MAX_NONCE_LENGTH) findings.push(finding('NONCE_TOO_LONG', p.name, `The nonce is ${value.length} characters; the host accepts at most ${MAX_NONCE_LENGTH}.`))
      return
    case ':mode':
      if (value === 'view') findings.push(finding('MODE_VIEW', p.name, '":mode" is "view", as in the vendor\'s signing sample.'))
      else if (!MODES.includes(value as (typeof MODES)[number])) {
        const guess = MODES.find((m) => m === value.toLowerCase().trim())
        findings.push(finding('MODE_INVALID', p.name, `":mode" is "${clip(value)}"; the host answers "Invalid embed request."${guess ? ` (values are case sensitive: "${guess}")` : ''}`))
      }
      return
    case ':email':
      if (!EMAIL.test(value)) findings.push(finding('EMAIL_INVALID', p.name, `"${clip(value)}" is not a valid email; the host answers 'Invalid embed request. ":email" is not valid.'`))
      return
    case ':external_user_team':
      if (/%2c/i.test(p.rawValue ?? '')) findings.push(finding('TEAM_LIST_ENCODED', p.name, `The team list has encoded commas (%2C): "${clip(p.rawValue ?? '')}". The host may read it as one team named "${clip(value)}".`))
      if (!value.split(',').some((t) => t.trim())) findings.push(finding('TEAM_LIST_EMPTY', p.name, 'No team is given; the host answers "You don\'t have permission to access this page."'))
      return
    case ':session_length': {
      if (!/^\d+$/.test(value)) {
        findings.push(finding('PARAM_VALUE_INVALID', p.name, `":session_length" is "${clip(value)}"; it must be a whole number of seconds.`))
        return
      }
      const seconds = Number(value)
      if (seconds > limits.maxSessionLengthSeconds) {
        findings.push(finding('SESSION_LENGTH_EXCEEDS_MAX', p.name, `":session_length" is ${seconds} s (${human(seconds)}); the maximum is ${limits.maxSessionLengthSeconds} s (${human(limits.maxSessionLengthSeconds)}). The host answers 'Invalid embed request. ":session_length" exceeds maximum'.`, `Use at most ${limits.maxSessionLengthSeconds} (some host versions document "less than 3600").`))
      }
      return
    }
    case ':time':
      return // needs :session_length too: checked in checkSignedUrl
    case ':theme':
      if (!(THEMES as readonly string[]).includes(value)) {
        const exact = THEMES.find((t) => t.toLowerCase() === value.toLowerCase())
        if (exact) findings.push(finding('THEME_CASE', p.name, `":theme" is "${value}"; theme names are case sensitive, so the host looks for a custom theme of that name instead of "${exact}".`, `Send ":theme=${exact}".`))
      }
      return
    case ':menu_position':
      if (!spec.values!.includes(value)) findings.push(finding('MENU_POSITION_INVALID', p.name, `":menu_position" is "${clip(value)}"; it must be top, bottom or none.`))
      return
    case ':client_id':
      checkClientId(value, p.name, context, findings)
      return
    default:
      if (spec.values && !spec.values.includes(value)) {
        findings.push(finding('PARAM_VALUE_INVALID', p.name, `"${p.name}" is "${clip(value)}"; it takes ${spec.values.map((v) => `"${v}"`).join(' or ')}.`))
      }
  }
}

// ---------------------------------------------------------------------------------------------
// Signed URL: required parameters, time, signature and forensics

function checkSignedUrl(parsed: ParsedUrl, context: InspectContext, limits: ProtocolLimits, result: Inspection): void {
  const { findings } = result
  for (const spec of signedUrlParams) {
    if (!spec.required || getParam(parsed, spec.name)) continue
    if (spec.name === ':signature') continue
    const bare = getParam(parsed, spec.name.slice(1))
    if (!bare) findings.push(finding('REQUIRED_PARAM_MISSING', spec.name, `The required parameter "${spec.name}" is missing. ${spec.meaning}`, `Add "${spec.name}" before signing.`))
  }
  if (!getParam(parsed, ':account_type')) findings.push(finding('ACCOUNT_TYPE_MISSING', ':account_type', 'No ":account_type" is sent; the host uses the user\'s existing type (older host versions require it).'))

  // :time needs :session_length to decide expiry: checked here with both in hand.
  const time = getParam(parsed, ':time')
  const length = getParam(parsed, ':session_length')
  if (time) checkTime(time, time.value, limits, context, findings, length && /^\d+$/.test(length.value) ? Number(length.value) : null)

  const signature = getParam(parsed, ':signature')
  if (!signature) {
    result.signature = 'invalid'
    findings.push(finding('SIGNATURE_MISSING', ':signature', 'The URL has no ":signature"; the host answers "Invalid embed signature".'))
    return
  }
  const after = parsed.params.filter((p) => p.index > signature.index)
  for (const p of after) {
    findings.push(finding('PARAM_ADDED_AFTER_SIGNING', p.name, `"${p.name}" comes after ":signature", so it was added after signing and is not covered by it.`, 'Add it before signing, so that ":signature" stays the last parameter.'))
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
    findings.push(finding('SIGNATURE_UNCHECKED', ':signature', 'No secret is known for this client id, so the signature was not checked.'))
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
      findings.push(finding('SIGNED_WITH_OTHER_CREDENTIAL', ':signature', `The signature was made with the secret of "${other.label}", but the client id in the URL is not that credential's.`, "Put that credential's client id in the URL (or sign with the secret of the client id you send)."))
    } else {
      findings.push(finding('SIGNATURE_UNCHECKED', ':signature', 'No stored secret belongs to this client id, and none of the stored secrets made this signature.'))
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
    param: ':signature'
  })
  result.ruledOut = forensics.ruledOut
  if (forensics.findings.length) findings.push(...forensics.findings)
  else {
    findings.push(
      finding(
        'SIGNATURE_INVALID',
        ':signature',
        `The signature does not match the URL under the secret of "${expected.map((k) => k.label).join('" or "')}". The host answers "You don't have permission to access this page. Invalid embed signature." Ruled out: ${forensics.ruledOut.join('; ') || 'nothing else to try'}.`,
        'Check that the embed API signs the exact string it sends, with this credential\'s secret, and that nothing changes the URL afterwards (compare it with a freshly signed one in Diff).'
      )
    )
  }
}

function parseHexSignature(value: string, findings: Finding[]): Buffer | null {
  if (/^[0-9a-f]{64}$/.test(value)) return Buffer.from(value, 'hex')
  if (/^[0-9A-Fa-f]{64}$/.test(value)) {
    findings.push(finding('SIGNATURE_FORMAT', ':signature', 'The signature is uppercase hex; the host compares the lowercase hex digest.', "Use digest('hex') as it comes (lowercase)."))
    return Buffer.from(value, 'hex')
  }
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    findings.push(finding('SIGNATURE_FORMAT', ':signature', 'The signature is base64, not hex.', "Use digest('hex'), not digest('base64')."))
    return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  }
  if (/^[0-9a-fA-F]+$/.test(value)) {
    findings.push(finding('SIGNATURE_FORMAT', ':signature', `The signature has ${value.length} hex characters; HMAC-SHA256 in hex has 64. It was cut off or padded.`))
    return null
  }
  findings.push(finding('SIGNATURE_FORMAT', ':signature', `The signature "${clip(value)}" is not a hex digest.`))
  return null
}


// ---------------------------------------------------------------------------------------------
