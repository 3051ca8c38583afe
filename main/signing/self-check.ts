/**
 * The signer's self-check: every URL it signs is inspected the way the host would read it, so a
 * persona that will fail says so at once. The verdict depends on the URL's fixed part, not on the
 * fresh nonce, the time or the signature (the signer chose those itself: a new one-time id, now,
 * and an HMAC of the rest with the same key), so it is worked out once per fixed part and reused:
 * the full inspection, HMAC check included, runs on the first sign of each persona, options,
 * credential and limits, and the signs after it cost no second parse or HMAC.
 */
import type { Finding, SignedEmbed } from '../../preload/contract'
import { inspectEmbed } from '../inspector/inspector'
import type { ProtocolLimits } from '../protocol/parameters'

/** Verdicts kept; a data folder holds far fewer persona and options pairs than this in use at once. */
const MAX_VERDICTS = 256

const verdicts = new Map<string, Finding[]>()

export interface SelfCheckKey {
  name: string
  clientId: string
  secret: string
}

/** The findings of inspecting `signed` as the host would (without the signer's own choices). */
export function selfCheck(signed: SignedEmbed, key: SelfCheckKey, now: number, limits: ProtocolLimits): Finding[] {
  const fixed = fixedPart(signed, key, limits)
  const known = fixed === null ? undefined : verdicts.get(fixed)
  if (known) return known
  const check = inspectEmbed(signed.url, {
    credentials: [{ name: key.name, clientId: key.clientId, secret: key.secret, status: 'active' }],
    now,
    limits
  })
  // What the signer itself chose (control values, its own encoding) is not news to the user.
  const findings = Object.freeze(
    check.findings.filter((f) => f.code !== 'CONTROL_VALUE' && f.code !== 'ENCODING_STYLE').map((f) => Object.freeze(f))
  ) as Finding[]
  if (fixed !== null) {
    if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value!)
    verdicts.set(fixed, findings)
  }
  return findings
}

/**
 * Everything the verdict can depend on except the fresh values: the URL with its nonce, time and
 * signature taken out (a JWT's header and claims without jti and iat, exp as a length), the
 * credential's name and client id, and the limits. Null when the fresh values cannot be found
 * where the signer puts them, so the URL is inspected in full.
 */
function fixedPart(signed: SignedEmbed, key: SelfCheckKey, limits: ProtocolLimits): string | null {
  const context = `${key.name}\n${key.clientId}\n${limits.maxSessionLengthSeconds}|${limits.clockSkewSeconds}|${limits.strictParameters === true}`
  if (signed.method === 'url') {
    const nonce = `:nonce=${signed.oneTimeId}&`
    const time = `&:time=${signed.issuedAt}`
    const end = signed.url.lastIndexOf('&:signature=')
    const at = signed.url.indexOf(nonce)
    const timeAt = signed.url.indexOf(time, at)
    if (end < 0 || at < 0 || timeAt < 0 || timeAt > end) return null
    const url =
      signed.url.slice(0, at) +
      signed.url.slice(at + nonce.length, timeAt) +
      signed.url.slice(timeAt + time.length, end)
    return `url\n${context}\n${url}`
  }
  if (!signed.jwt) return null
  const { jti, iat, exp, ...claims } = signed.jwt.payload
  if (jti !== signed.oneTimeId || iat !== signed.issuedAt || typeof exp !== 'number') return null
  const token = signed.url.indexOf(':jwt=')
  const after = signed.url.indexOf('&', token)
  if (token < 0 || after < 0) return null
  const rest = signed.url.slice(0, token) + signed.url.slice(after)
  return `jwt\n${context}\n${JSON.stringify(signed.jwt.header)}\n${JSON.stringify(claims)}\n${exp - iat}\n${rest}`
}
