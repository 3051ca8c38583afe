/** The inspector's JWT path: header, claims, signature (jose-free, so every byte can be explained). */
import type { Finding, Inspection } from '../../preload/contract'
import type { ParsedUrl } from '../protocol/embed-url'
import {
  JWT_AUDIENCE,
  JWT_VERSIONS,
  jwtClaims,
  jwtHeaderFields,
  MAX_NONCE_LENGTH,
  type ProtocolLimits
} from '../protocol/parameters'
import { didYouMean } from './did-you-mean'
import { finding } from '../protocol/findings'
import { hmacSha256 } from '../core/hmac'
import {
  checkClientId,
  checkUnixTimes,
  clip,
  display,
  EMAIL,
  human,
  iso,
  keysFor,
  safeEqual,
  timeDisplay,
  type InspectContext
} from './checks'
import { signatureForensics } from './forensics'

/** The audience of the vendor's API use-case sample token (not the embed JWT of the claims reference). */
const API_USE_CASE_AUDIENCE = 'https://sigmacomputing.com/iam'

export function inspectJwt(
  token: string,
  parsed: ParsedUrl | null,
  context: InspectContext,
  limits: ProtocolLimits,
  result: Inspection
): void {
  const { findings, params } = result
  const param = parsed ? ':jwt' : null
  const parts = token.split('.')
  if (parts.length !== 3) {
    result.signature = 'invalid'
    findings.push(
      finding(
        'JWT_MALFORMED',
        param,
        `The token has ${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}; a JWT has exactly 3 (header.payload.signature).`
      )
    )
    return
  }
  const header = decodeJwtPart(parts[0]!, 'header', param, findings)
  const payload = decodeJwtPart(parts[1]!, 'payload', param, findings)
  if (!header || !payload) {
    result.signature = 'invalid'
    return
  }
  result.jwt = {
    segments: [parts[0]!, parts[1]!, parts[2]!],
    header: JSON.stringify(header, null, 2),
    payload: JSON.stringify(payload, null, 2)
  }
  for (const [name, value] of Object.entries(header)) {
    const spec = jwtHeaderFields.find((f) => f.name === name)
    params.push({
      source: 'jwt-header',
      name,
      raw: JSON.stringify(value),
      value: display(value),
      meaning: spec?.meaning ?? 'Not a documented header field.',
      reference: spec?.source ?? null,
      check: 'ok'
    })
  }
  for (const [name, value] of Object.entries(payload)) {
    const spec = jwtClaims.find((c) => c.name === name)
    params.push({
      source: 'jwt-claim',
      name,
      raw: JSON.stringify(value),
      value: name === 'iat' || name === 'exp' ? timeDisplay(value) : display(value),
      meaning: spec?.meaning ?? 'Not a documented claim.',
      reference: spec?.source ?? null,
      check: 'ok'
    })
    if (!spec) {
      const guess = didYouMean(
        name,
        jwtClaims.map((c) => c.name)
      )
      if (guess)
        findings.push(
          finding(
            'PARAM_UNKNOWN',
            name,
            `"${name}" is not a documented claim. Did you mean "${guess}"?`,
            `Rename the claim to "${guess}".`
          )
        )
    }
  }

  // Header
  if (header['alg'] !== 'HS256') {
    findings.push(
      finding(
        'JWT_ALG_NOT_HS256',
        'alg',
        `The token's "alg" is ${JSON.stringify(header['alg'] ?? null)}; the host accepts only HS256.${header['alg'] === 'none' ? ' An unsigned token is never accepted.' : ''}`
      )
    )
  }
  const kid = typeof header['kid'] === 'string' ? header['kid'] : null
  if (!kid)
    findings.push(
      finding(
        'JWT_KID_MISSING',
        'kid',
        'The token header has no "kid"; the host cannot tell which credential signed it.'
      )
    )
  else {
    const before = findings.length
    checkClientId(kid, 'kid', context, findings)
    for (const f of findings.slice(before))
      if (f.code === 'CLIENT_ID_UNKNOWN') Object.assign(f, finding('JWT_KID_UNKNOWN', 'kid', f.message))
  }

  // Claims
  for (const claim of jwtClaims) {
    if (claim.required && !(claim.name in payload)) {
      findings.push(
        finding(
          'REQUIRED_PARAM_MISSING',
          claim.name,
          `The required claim "${claim.name}" is missing. ${claim.meaning}`,
          `Add the "${claim.name}" claim.`
        )
      )
    }
  }
  const sub = payload['sub']
  if (sub !== undefined) {
    if (typeof sub !== 'string' || /\s/.test(sub) || (sub.includes('_') && limits.strictParameters)) {
      findings.push(
        finding(
          'JWT_SUB_INVALID',
          'sub',
          `"sub" is ${JSON.stringify(sub)}; it must be an email without whitespace or underscores (RFC 1035). The host answers "Invalid sub field in payload."`
        )
      )
    } else if (sub.includes('_')) {
      // The claims reference forbids underscores; the vendor's QuickStarts use sales_person@example.com.
      findings.push(
        finding(
          'JWT_SUB_UNDERSCORE',
          'sub',
          `"sub" is "${clip(sub)}", with an underscore: the JWT claims reference (help.sigmacomputing.com, create an embed API with JSON web tokens) says "sub" must not contain underscores, but the vendor's QuickStarts (sigmacomputing/quickstarts-public) embed as sales_person@example.com. Accepted here; strict parameters refuse it.`
        )
      )
    } else if (!EMAIL.test(sub)) {
      findings.push(finding('EMAIL_INVALID', 'sub', `"sub" is "${clip(sub)}", which is not an email address.`))
    }
  }
  const iat = payload['iat']
  const exp = payload['exp']
  for (const [name, value] of [
    ['iat', iat],
    ['exp', exp]
  ] as const) {
    if (value !== undefined && typeof value !== 'number')
      findings.push(
        finding(
          'JWT_CLAIM_INVALID',
          name,
          `"${name}" is ${JSON.stringify(value)}; it must be a number of Unix seconds.`
        )
      )
  }
  if (typeof iat === 'number') {
    checkUnixTimes('iat', iat, typeof exp === 'number' ? exp : null, limits, context, findings, 'exp')
    if (typeof exp === 'number' && exp < 1e11 && iat < 1e11 && exp - iat > limits.maxSessionLengthSeconds) {
      findings.push(
        finding(
          'JWT_EXP_TOO_FAR',
          'exp',
          `"exp" is ${human(exp - iat)} after "iat"; the maximum is ${human(limits.maxSessionLengthSeconds)} (${limits.maxSessionLengthSeconds} s).`
        )
      )
    }
  } else if (typeof exp === 'number' && exp <= 1e11 && context.now > exp) {
    findings.push(finding('EXPIRED', 'exp', `The token expired ${human(context.now - exp)} ago (at ${iso(exp)}).`))
  }
  const ver = payload['ver'] ?? '1.0'
  if (!(JWT_VERSIONS as readonly unknown[]).includes(ver))
    findings.push(finding('JWT_VERSION_INVALID', 'ver', `"ver" is ${JSON.stringify(ver)}; it must be "1.0" or "1.1".`))
  const aud = payload['aud']
  if (aud === undefined) {
    if (ver === '1.1') findings.push(finding('JWT_AUD_MISSING', 'aud', 'The token is version 1.1 but has no "aud".'))
  } else if (!(aud === JWT_AUDIENCE || (Array.isArray(aud) && aud.includes(JWT_AUDIENCE)))) {
    findings.push(
      finding(
        'JWT_AUD_INVALID',
        'aud',
        aud === API_USE_CASE_AUDIENCE
          ? `"aud" is "${API_USE_CASE_AUDIENCE}"${payload['scope'] !== undefined ? `, with "scope": ${clip(JSON.stringify(payload['scope']))}` : ''}${payload['embed'] !== undefined ? ' and an "embed" object (url, permissions)' : ''}: the shape of the vendor's API use-case sample (sigmacomputing/quickstarts-public, embedding_qs_series_2_api_use_cases/helpers/create-jwt.js). The JWT claims reference documents "aud": "${JWT_AUDIENCE}" and neither "scope" nor "embed", and the emulator follows the reference. To embed a workbook, sign with the documented claims (aud "${JWT_AUDIENCE}", account_type, teams).`
          : `"aud" is ${JSON.stringify(aud)}; it must be "${JWT_AUDIENCE}".`
      )
    )
  }
  const teams = payload['teams']
  if (teams !== undefined) {
    if (!Array.isArray(teams) || teams.some((t) => typeof t !== 'string')) {
      findings.push(
        finding(
          'JWT_CLAIM_INVALID',
          'teams',
          `"teams" is ${clip(JSON.stringify(teams))}; it must be an array of team names.${typeof teams === 'string' ? ` Send ${JSON.stringify(teams.split(','))}.` : ''}`
        )
      )
    } else if (!teams.length) {
      findings.push(
        finding(
          'TEAM_LIST_EMPTY',
          'teams',
          '"teams" is empty; the host answers "You don\'t have permission to access this page."'
        )
      )
    }
  }
  const attributes = payload['user_attributes']
  if (
    attributes !== undefined &&
    (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
  ) {
    findings.push(
      finding('JWT_CLAIM_INVALID', 'user_attributes', '"user_attributes" must be an object of attribute name to value.')
    )
  }
  const accountType = payload['account_type']
  if (accountType !== undefined && typeof accountType !== 'string') {
    findings.push(finding('JWT_CLAIM_INVALID', 'account_type', '"account_type" must be a string.'))
  }
  const jti = payload['jti']
  if (jti !== undefined && (typeof jti !== 'string' || jti === '')) {
    // A number or an object would be keyed by its string form in a replay ledger: objects collide.
    findings.push(
      finding(
        'JWT_CLAIM_INVALID',
        'jti',
        `"jti" is ${clip(JSON.stringify(jti))}; it must be a non-empty string, fresh for every load (a UUID).`
      )
    )
  }
  if (typeof payload['jti'] === 'string' && payload['jti'].length > MAX_NONCE_LENGTH) {
    findings.push(
      finding(
        'NONCE_TOO_LONG',
        'jti',
        `"jti" is ${payload['jti'].length} characters; keep it to ${MAX_NONCE_LENGTH} at most.`
      )
    )
  }

  // Signature
  const { expected, others } = keysFor(kid ?? '', context)
  if (header['alg'] !== 'HS256') {
    result.signature = 'invalid'
    return
  }
  if (!expected.length && !others.length) {
    findings.push(
      finding(
        'SIGNATURE_UNCHECKED',
        param,
        "No secret is known for this kid, so the token's signature was not checked."
      )
    )
    return
  }
  const message = `${parts[0]}.${parts[1]}`
  const claimed = Buffer.from(parts[2]!, 'base64url')
  const verified = expected.find((k) => safeEqual(hmacSha256(k.secret, message), claimed))
  if (verified) {
    result.signature = 'valid'
    result.verifiedWith = verified.label
    return
  }
  result.signature = 'invalid'
  const forensics = signatureForensics({
    message,
    claimed,
    digest: hmacSha256,
    expectedKeys: expected,
    otherKeys: others,
    param: param ?? 'signature',
    budget: context.forensicsBudget
  })
  result.ruledOut = forensics.ruledOut
  if (forensics.findings.length) findings.push(...forensics.findings)
  else if (!expected.length) {
    result.signature = 'unchecked'
    findings.push(
      finding(
        'SIGNATURE_UNCHECKED',
        param,
        'No stored secret belongs to this kid, and none of the stored secrets signed this token.'
      )
    )
  } else {
    findings.push(
      finding(
        'SIGNATURE_INVALID',
        param,
        `The token's signature does not verify under the secret of "${expected.map((k) => k.label).join('" or "')}". Ruled out: ${forensics.ruledOut.join('; ')}.`,
        "Sign the token with this credential's secret (UTF-8 bytes as the HS256 key) and send it unchanged."
      )
    )
  }
}

function decodeJwtPart(
  part: string,
  which: 'header' | 'payload',
  param: string | null,
  findings: Finding[]
): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) {
    findings.push(
      finding(
        'JWT_MALFORMED',
        param,
        `The token's ${which} is not base64url (it contains "${part.match(/[^A-Za-z0-9_-]/)![0]}"); was the token URL-encoded or wrapped?`
      )
    )
    return null
  }
  const json = Buffer.from(part, 'base64url').toString('utf8')
  try {
    const value: unknown = JSON.parse(json)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
    findings.push(finding('JWT_MALFORMED', param, `The token's ${which} is JSON but not an object.`))
  } catch {
    findings.push(finding('JWT_MALFORMED', param, `The token's ${which} does not decode to JSON.`))
  }
  return null
}
