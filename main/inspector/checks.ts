/** Checks the signed-URL and JWT paths of the inspector share: times, client ids, keys, wording. */
import { timingSafeEqual } from 'node:crypto'
import type { Finding, InspectedParam, Severity } from '../../preload/contract'
import type { ProtocolLimits } from '../protocol/parameters'
import { finding } from '../protocol/findings'
import type { ForensicKey, ForensicsBudget } from './forensics'

/** A credential the inspector may verify with. clientId null: a secret given without its id (CLI). */
export interface KnownCredential {
  name: string
  clientId: string | null
  secret: string
  status: 'active' | 'revoked'
}

export interface InspectContext {
  credentials: KnownCredential[]
  /** Unix seconds. */
  now: number
  limits?: ProtocolLimits
  /** The URL this app signed with this nonce or jti, if it remembers one (exact tamper diff). */
  signedEarlier?: (oneTimeId: string) => string | undefined
  /** What signature forensics may cost here (the emulator, answering anyone, gives little). */
  forensicsBudget?: ForensicsBudget
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const CLIENT_ID = /^[0-9a-f]{64}$/

export function checkTime(
  p: { name: string },
  value: string,
  limits: ProtocolLimits,
  context: InspectContext,
  findings: Finding[],
  sessionLength: number | null
): void {
  if (!/^\d+(\.\d+)?$/.test(value)) {
    findings.push(finding('TIME_INVALID', p.name, `"${p.name}" is "${clip(value)}"; it must be Unix seconds.`))
    return
  }
  checkUnixTimes(
    p.name,
    Number(value),
    sessionLength === null ? null : Number(value) + sessionLength,
    limits,
    context,
    findings
  )
}

/** Shared by :time (signed URL) and iat/exp (JWT). */
export function checkUnixTimes(
  name: string,
  issuedAt: number,
  expiresAt: number | null,
  limits: ProtocolLimits,
  context: InspectContext,
  findings: Finding[],
  expName = name
): void {
  const now = context.now
  if (issuedAt > 1e11) {
    findings.push(
      finding(
        'TIME_IN_MILLISECONDS',
        name,
        `"${name}" is ${issuedAt}, which is milliseconds (${new Date(issuedAt).toISOString()}); in seconds it would be the year ${new Date(issuedAt * 1000).getUTCFullYear()}. The host rejects the time.`
      )
    )
    return
  }
  if (issuedAt > now + limits.clockSkewSeconds) {
    findings.push(
      finding(
        'TIME_IN_FUTURE',
        name,
        `"${name}" is ${human(issuedAt - now)} in the future (${iso(issuedAt)}; now is ${iso(now)}), beyond the ${limits.clockSkewSeconds} s clock skew allowed.`
      )
    )
  }
  if (expiresAt !== null && expiresAt > 1e11) {
    findings.push(finding('TIME_IN_MILLISECONDS', expName, `"${expName}" is ${expiresAt}, which is milliseconds.`))
  } else if (expiresAt !== null && now > expiresAt) {
    findings.push(
      finding(
        'EXPIRED',
        expName,
        `The embed expired ${human(now - expiresAt)} ago (at ${iso(expiresAt)}; now is ${iso(now)}). The host answers "Sigma embed is expired".`
      )
    )
  }
}

export function checkClientId(value: string, param: string, context: InspectContext, findings: Finding[]): void {
  const known = context.credentials.filter((c) => c.clientId !== null)
  const exact = known.find((c) => c.clientId === value)
  if (exact) {
    if (exact.status === 'revoked')
      findings.push(
        finding(
          'CREDENTIAL_REVOKED',
          param,
          `The client id belongs to "${exact.name}", which is revoked; the host refuses it.`
        )
      )
    return
  }
  const caseOnly = known.find((c) => c.clientId!.toLowerCase() === value.toLowerCase())
  if (caseOnly) {
    findings.push(
      finding(
        'CLIENT_ID_UNKNOWN',
        param,
        `The client id differs from "${caseOnly.name}"'s only in letter case; client ids are lowercase hex and compared exactly.`,
        'Send the client id exactly as Developer Access shows it (lowercase).'
      )
    )
    return
  }
  const prefixOf =
    value.length >= 8 ? known.find((c) => c.clientId!.startsWith(value) && c.clientId !== value) : undefined
  if (prefixOf) {
    findings.push(
      finding(
        'CLIENT_ID_TRUNCATED',
        param,
        `The client id is ${value.length} characters: the first ${value.length} of "${prefixOf.name}"'s ${prefixOf.clientId!.length}. It was cut when copied. The host answers "You don't have permission to access this page."`
      )
    )
  } else if (/^[0-9a-f]+$/i.test(value) && value.length < 64) {
    findings.push(
      finding(
        'CLIENT_ID_TRUNCATED',
        param,
        `The client id is ${value.length} hex characters; a client id has 64. It was probably cut when copied.`
      )
    )
  } else if (!CLIENT_ID.test(value)) {
    findings.push(
      finding('CLIENT_ID_UNKNOWN', param, `"${clip(value)}" is not a client id (64 lowercase hex characters).`)
    )
  } else if (known.length && !context.credentials.some((c) => c.clientId === null)) {
    // (A secret given for any client id, typed or from the command line, stands for this one.)
    findings.push(
      finding(
        'CLIENT_ID_UNKNOWN',
        param,
        `No stored credential has the client id ${value.slice(0, 8)}…${value.slice(-4)}. The host answers "You don't have permission to access this page."`
      )
    )
  }
}

export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

export function keysFor(clientId: string, context: InspectContext): { expected: ForensicKey[]; others: ForensicKey[] } {
  const expected: ForensicKey[] = []
  const others: ForensicKey[] = []
  for (const c of context.credentials) {
    const key = { label: c.name, secret: c.secret }
    const id = clientId.toLowerCase()
    const mine = c.clientId === null || c.clientId === id || (id.length >= 8 && c.clientId.startsWith(id))
    ;(mine ? expected : others).push(key)
  }
  return { expected, others }
}

export function worst(severities: Severity[]): InspectedParam['check'] {
  if (severities.includes('error')) return 'error'
  if (severities.includes('warning')) return 'warning'
  if (severities.includes('info')) return 'info'
  return 'ok'
}

export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

export function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function timeDisplay(value: unknown): string {
  return typeof value === 'number' && value < 1e11 ? `${value} (${iso(value)})` : display(value)
}

export function iso(seconds: number): string {
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace('.000Z', 'Z')
}

export function human(seconds: number): string {
  const s = Math.abs(Math.round(seconds))
  if (s < 120) return `${s} s`
  if (s < 7200) return `${Math.round(s / 60)} min`
  if (s < 172800) return `${Math.round(s / 3600)} h`
  return `${Math.round(s / 86400)} days`
}
