/**
 * Authorized domains: which hosts a client certificate may be presented to. Matching is anchored
 * and label-based, as TLS matches names: `*.example.com` covers exactly one label, and
 * `api.example.com` never matches `api.example.com.evil.net` (the unanchored-regex mistake).
 */
import { isIP } from 'node:net'
import { domainToASCII } from 'node:url'
import type { DomainRule } from '../../preload/contract'

const MAX_RULES = 200

/** Parses the authorized-domains field: one rule per line; blank lines are skipped. */
export function parseAuthorizedDomains(text: string): DomainRule[] {
  const rules: DomainRule[] = []
  const lines = text.split(/\r\n|\r|\n/)
  for (let i = 0; i < lines.length; i++) {
    const input = lines[i]!.trim()
    if (!input) continue
    if (rules.length === MAX_RULES) {
      rules.push({
        line: i + 1,
        input: input.slice(0, 200),
        pattern: null,
        port: null,
        problem: `At most ${MAX_RULES} authorized domains; this line and the rest were not read.`
      })
      break
    }
    rules.push({ line: i + 1, input: input.slice(0, 500), ...parseRule(input) })
  }
  return rules
}

function parseRule(input: string): Pick<DomainRule, 'pattern' | 'port' | 'problem'> {
  const invalid = (problem: string) => ({ pattern: null, port: null, problem })
  let rest = input
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest)
  if (scheme) rest = rest.slice(scheme[0].length)
  const pathAt = rest.search(/[/?#]/)
  if (pathAt >= 0) {
    const path = rest.slice(pathAt)
    if (path !== '/')
      return invalid(
        `Authorized domains are hosts, not URLs: "${path}" would not restrict anything. Write only the host, e.g. ${rest.slice(0, pathAt) || 'api.example.com'}.`
      )
    rest = rest.slice(0, pathAt)
  }
  if (/\s/.test(rest)) return invalid('One host per line: this line has a space in it.')
  if (rest.includes('@')) return invalid('A host has no "user@" part: write only the host name.')
  let host = rest
  let port: number | null = null
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(rest)
  if (bracketed) {
    host = bracketed[1]!
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2])
    if (isIP(host) !== 6) return invalid(`"${host}" is not an IPv6 address.`)
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    const at = rest.lastIndexOf(':')
    host = rest.slice(0, at)
    port = parsePort(rest.slice(at + 1))
  } else if (rest.includes(':')) {
    if (isIP(rest) !== 6)
      return invalid(
        `"${rest}" is not a host name or an IP address (an IPv6 address with a port goes in brackets: [::1]:8443).`
      )
  }
  if (port === -1) return invalid('The port after ":" must be a number from 1 to 65535.')
  if (isIP(host)) return { pattern: host.toLowerCase(), port, problem: null }
  if (host === '*') return { pattern: '*', port, problem: null }
  let wildcard = false
  if (host.startsWith('*.')) {
    wildcard = true
    host = host.slice(2)
  }
  if (host.includes('*'))
    return invalid(
      'A wildcard must be the whole first label, as in *.example.com; "*" inside a label or further right is not matched by TLS clients.'
    )
  const normalized = normalizeHost(host)
  if (typeof normalized !== 'string') return invalid(normalized.problem)
  if (wildcard && !normalized.includes('.'))
    return invalid(
      `*.${normalized} would cover a whole top-level domain; name the domain, e.g. *.example.${normalized}.`
    )
  return { pattern: wildcard ? `*.${normalized}` : normalized, port, problem: null }
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text)) return -1
  const port = Number(text)
  return port >= 1 && port <= 65535 ? port : -1
}

/** Lower case, no trailing dot, international names in punycode; or why the name is not a host. */
export function normalizeHost(host: string): string | { problem: string } {
  const trimmed = host.endsWith('.') ? host.slice(0, -1) : host
  if (!trimmed) return { problem: 'The host name is empty.' }
  if (isIP(trimmed)) return trimmed.toLowerCase()
  const ascii = domainToASCII(trimmed)
  if (!ascii) return { problem: `"${host}" is not a valid host name.` }
  if (ascii.length > 253) return { problem: 'A host name has at most 253 characters.' }
  for (const label of ascii.split('.')) {
    if (!label) return { problem: `"${host}" has an empty label (two dots in a row).` }
    if (label.length > 63) return { problem: `The label "${label.slice(0, 20)}…" is longer than 63 characters.` }
    if (!/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/.test(label))
      return {
        problem: `"${label}" is not a valid label: letters, digits and hyphens, not starting or ending with a hyphen.`
      }
  }
  return ascii
}

export interface RuleMatch {
  rule: DomainRule
  /** Higher is more specific: exact host and port 4, exact host 3, wildcard and port 2, wildcard 1, "*" 0. */
  specificity: number
}

export interface HostVerdict {
  match: RuleMatch | null
  reason: string
}

/** Whether a request to host:port may present a certificate with these rules, and why. */
export function matchAuthorizedDomains(rules: readonly DomainRule[], host: string, port: number): HostVerdict {
  const normalized = normalizeHost(host.replace(/^\[|\]$/g, ''))
  if (typeof normalized !== 'string') return { match: null, reason: normalized.problem }
  const where = `${normalized}${port ? `:${port}` : ''}`
  const valid = rules.filter((r) => r.pattern !== null)
  if (!valid.length) return { match: null, reason: 'it has no authorized domains, so it is never presented' }
  let best: RuleMatch | null = null
  const nearMisses: string[] = []
  for (const rule of valid) {
    const pattern = rule.pattern!
    const shown = `${pattern}${rule.port ? `:${rule.port}` : ''}`
    let hostMatches = false
    let specificity = 0
    if (pattern === '*') {
      hostMatches = true
      specificity = 0
    } else if (pattern.startsWith('*.')) {
      const base = pattern.slice(1) // ".example.com"
      if (normalized.endsWith(base)) {
        const label = normalized.slice(0, -base.length)
        if (label && !label.includes('.') && !isIP(normalized)) {
          hostMatches = true
          specificity = 1
        } else if (label.includes('.')) {
          nearMisses.push(`${shown} covers one label only, and "${label}" is ${label.split('.').length} labels`)
        }
      } else if (normalized === base.slice(1)) {
        nearMisses.push(`${shown} covers names under ${base.slice(1)}, not ${base.slice(1)} itself`)
      }
    } else if (pattern === normalized) {
      hostMatches = true
      specificity = 3
    } else if (normalized.startsWith(`${pattern}.`)) {
      nearMisses.push(`the rule ${shown} names exactly the host ${pattern}, and ${normalized} only starts with it`)
    }
    if (!hostMatches) continue
    if (rule.port !== null && rule.port !== port) {
      nearMisses.push(`${shown} is limited to port ${rule.port}, and this request goes to port ${port}`)
      continue
    }
    if (rule.port !== null) specificity += 1
    if (!best || specificity > best.specificity) best = { rule, specificity }
  }
  if (best) {
    const shown = `${best.rule.pattern}${best.rule.port ? `:${best.rule.port}` : ''}`
    const how =
      best.rule.pattern === '*'
        ? 'which matches every host'
        : best.rule.pattern!.startsWith('*.')
          ? `(one label: ${normalized.split('.')[0]})`
          : '(exact host)'
    return { match: best, reason: `${where} matches the authorized domain ${shown} ${how}` }
  }
  const list = valid.map((r) => `${r.pattern}${r.port ? `:${r.port}` : ''}`)
  const shownList = list.length > 4 ? `${list.slice(0, 4).join(', ')} and ${list.length - 4} more` : list.join(', ')
  return {
    match: null,
    reason: `${where} matches none of its authorized domains (${shownList})${nearMisses.length ? `: ${nearMisses.join('; ')}` : ''}`
  }
}
