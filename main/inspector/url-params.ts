/** The signed URL's parameters one by one: known or not, required, well formed, and what each means. */
import type { Finding, InspectedParam } from '../../preload/contract'
import type { ParsedUrl, UrlParam } from '../protocol/embed-url'
import {
  MAX_NONCE_LENGTH,
  MODES,
  paramSpec,
  sourceOf,
  SOURCES,
  THEMES,
  USER_ATTRIBUTE_PREFIX,
  type ParamSpec,
  type ProtocolLimits
} from '../protocol/parameters'
import { didYouMean } from './did-you-mean'
import { finding } from '../protocol/findings'
import { checkClientId, clip, EMAIL, human, type InspectContext } from './checks'

export function checkUrlParams(
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
    const inCatalogue =
      !!spec && (names.includes(p.name) || (method === 'url' && p.name.startsWith(USER_ATTRIBUTE_PREFIX)))
    params.push({
      source: 'url',
      name: p.name,
      raw: p.raw,
      value: p.value,
      meaning: meaningOf(p, spec, inCatalogue, method),
      reference: spec ? sourceOf(spec, method) : p.name.startsWith(':') ? null : SOURCES.controls,
      check: 'ok'
    })
    if (p.decodeError)
      findings.push(finding('PARAM_NOT_DECODABLE', p.name, `"${clip(p.raw)}" cannot be decoded: ${p.decodeError}.`))
    if (seen.has(p.name))
      findings.push(
        finding('PARAM_DUPLICATED', p.name, `"${p.name}" appears more than once; the host reads only one of them.`)
      )
    seen.add(p.name)

    if (p.name.startsWith(':')) {
      if (inCatalogue && method === 'jwt' && spec?.jwtUrlDisputed) {
        findings.push(
          limits.strictParameters
            ? finding(
                'PARAM_UNKNOWN',
                p.name,
                `"${p.name}" is refused because strict parameters are on: ${spec.jwtUrlDisputed}.`,
                'Leave it out of JWT URLs, or turn strict parameters off to follow the sample.'
              )
            : finding('PARAM_SOURCES_DISAGREE', p.name, `"${p.name}": ${spec.jwtUrlDisputed}. Accepted here.`)
        )
      }
      if (!inCatalogue) {
        if (spec) {
          findings.push(
            finding(
              'PARAM_UNKNOWN',
              p.name,
              `"${p.name}" belongs to the ${method === 'jwt' ? 'signed-URL' : 'JWT'} method, not to a ${method === 'jwt' ? 'JWT' : 'signed'} URL.`,
              method === 'jwt'
                ? "In the JWT method, put user details in the token's claims, not in the URL."
                : undefined
            )
          )
        } else {
          const guess = didYouMean(p.name, names)
          findings.push(
            finding(
              'PARAM_UNKNOWN',
              p.name,
              `"${p.name}" is not a documented embed parameter.${guess ? ` Did you mean "${guess}"?` : ''}`,
              guess ? `Rename it to "${guess}" (before signing).` : undefined
            )
          )
        }
        continue
      }
      checkValue(p, spec!, limits, context, findings)
    } else if (names.includes(`:${p.name}`) || p.name.startsWith('ua_')) {
      findings.push(
        finding(
          'PARAM_MISSING_COLON',
          p.name,
          `"${p.name}" lacks its colon: the host reads it as a workbook control value, not as ":${p.name}".`,
          `Rename it to ":${p.name}" (before signing).`
        )
      )
    } else {
      const guess = p.name.length > 3 ? didYouMean(`:${p.name}`, names) : null
      findings.push(
        finding(
          'CONTROL_VALUE',
          p.name,
          `"${p.name}" has no colon, so it is a workbook control value ("${clip(p.value)}").${guess ? ` If you meant the embed parameter "${guess}", add its colon.` : ''}`
        )
      )
    }
  }
  for (const spec of catalogue) {
    for (const dependency of spec.needs ?? []) {
      if (seen.has(spec.name) && !seen.has(dependency)) {
        findings.push(
          finding(
            'DEPENDENT_PARAM_MISSING',
            spec.name,
            `"${spec.name}" needs "${dependency}", which is missing.`,
            `Add "${dependency}" (before signing).`
          )
        )
      }
    }
  }
}

export function meaningOf(
  p: UrlParam,
  spec: ParamSpec | undefined,
  inCatalogue: boolean,
  method: 'url' | 'jwt'
): string {
  if (spec && inCatalogue) return spec.meaning
  if (spec) return `${spec.meaning} (belongs to the ${method === 'jwt' ? 'signed-URL' : 'JWT'} method)`
  if (!p.name.startsWith(':')) return 'Workbook control value (no colon).'
  return 'Not a documented embed parameter.'
}

export function checkValue(
  p: UrlParam,
  spec: ParamSpec,
  limits: ProtocolLimits,
  context: InspectContext,
  findings: Finding[]
): void {
  const value = p.value
  switch (p.name) {
    case ':nonce':
      if (value === '')
        findings.push(
          finding(
            'PARAM_VALUE_INVALID',
            p.name,
            'The nonce is empty; send a fresh random value (a UUID) for every load: the host uses it once.'
          )
        )
      if (value.length > MAX_NONCE_LENGTH)
        findings.push(
          finding(
            'NONCE_TOO_LONG',
            p.name,
            `The nonce is ${value.length} characters; the host accepts at most ${MAX_NONCE_LENGTH}.`
          )
        )
      return
    case ':mode':
      if (value === 'view')
        findings.push(finding('MODE_VIEW', p.name, '":mode" is "view", as in the vendor\'s signing sample.'))
      else if (!MODES.includes(value as (typeof MODES)[number])) {
        const guess = MODES.find((m) => m === value.toLowerCase().trim())
        findings.push(
          finding(
            'MODE_INVALID',
            p.name,
            `":mode" is "${clip(value)}"; the host answers "Invalid embed request."${guess ? ` (values are case sensitive: "${guess}")` : ''}`
          )
        )
      }
      return
    case ':email':
      if (!EMAIL.test(value))
        findings.push(
          finding(
            'EMAIL_INVALID',
            p.name,
            `"${clip(value)}" is not a valid email; the host answers 'Invalid embed request. ":email" is not valid.'`
          )
        )
      return
    case ':external_user_team':
      if (/%2c/i.test(p.rawValue ?? ''))
        findings.push(
          finding(
            'TEAM_LIST_ENCODED',
            p.name,
            `The team list has encoded commas (%2C): "${clip(p.rawValue ?? '')}". The host may read it as one team named "${clip(value)}".`
          )
        )
      if (!value.split(',').some((t) => t.trim()))
        findings.push(
          finding(
            'TEAM_LIST_EMPTY',
            p.name,
            'No team is given; the host answers "You don\'t have permission to access this page."'
          )
        )
      return
    case ':session_length': {
      if (!/^\d+$/.test(value)) {
        findings.push(
          finding(
            'PARAM_VALUE_INVALID',
            p.name,
            `":session_length" is "${clip(value)}"; it must be a whole number of seconds.`
          )
        )
        return
      }
      const seconds = Number(value)
      if (seconds > limits.maxSessionLengthSeconds) {
        findings.push(
          finding(
            'SESSION_LENGTH_EXCEEDS_MAX',
            p.name,
            `":session_length" is ${seconds} s (${human(seconds)}); the maximum is ${limits.maxSessionLengthSeconds} s (${human(limits.maxSessionLengthSeconds)}). The host answers 'Invalid embed request. ":session_length" exceeds maximum'.`,
            `Use at most ${limits.maxSessionLengthSeconds} (some host versions document "less than 3600").`
          )
        )
      }
      return
    }
    case ':time':
      return // needs :session_length too: checked in checkSignedUrl
    case ':theme':
      if (!(THEMES as readonly string[]).includes(value)) {
        const exact = THEMES.find((t) => t.toLowerCase() === value.toLowerCase())
        if (exact)
          findings.push(
            finding(
              'THEME_CASE',
              p.name,
              `":theme" is "${value}"; theme names are case sensitive, so the host looks for a custom theme of that name instead of "${exact}".`,
              `Send ":theme=${exact}".`
            )
          )
      }
      return
    case ':menu_position':
      if (!spec.values!.includes(value))
        findings.push(
          finding(
            'MENU_POSITION_INVALID',
            p.name,
            `":menu_position" is "${clip(value)}"; it must be top, bottom or none.`
          )
        )
      return
    case ':client_id':
      checkClientId(value, p.name, context, findings)
      return
    default:
      if (spec.values && !spec.values.includes(value)) {
        findings.push(
          finding(
            'PARAM_VALUE_INVALID',
            p.name,
            `"${p.name}" is "${clip(value)}"; it takes ${spec.values.map((v) => `"${v}"`).join(' or ')}.`
          )
        )
      }
  }
}
