/**
 * Authorized-domain matching is anchored and label-based, as TLS name matching is. These are the
 * cases an unanchored regex (the mistake to avoid) gets wrong.
 */
import { describe, expect, it } from 'vitest'
import { matchAuthorizedDomains, parseAuthorizedDomains } from '../../../main/certificates/domains'

const matches = (rules: string, host: string, port = 443) =>
  matchAuthorizedDomains(parseAuthorizedDomains(rules), host, port).match !== null

describe('authorized domains', () => {
  it('an exact host matches only itself, never a longer name that starts or ends with it', () => {
    expect(matches('api.example.com', 'api.example.com')).toBe(true)
    expect(matches('api.example.com', 'API.Example.COM.')).toBe(true)
    expect(matches('api.example.com', 'api.example.com.evil.net')).toBe(false)
    expect(matches('api.example.com', 'evilapi.example.com')).toBe(false)
    expect(matches('api.example.com', 'x.api.example.com')).toBe(false)
    expect(matches('api.example.com', 'apiXexample.com')).toBe(false) // "." is not a regex wildcard here
  })

  it('*.example.com covers exactly one label, not the domain itself and not two labels', () => {
    expect(matches('*.example.com', 'api.example.com')).toBe(true)
    expect(matches('*.example.com', 'example.com')).toBe(false)
    expect(matches('*.example.com', 'a.b.example.com')).toBe(false)
    expect(matches('*.example.com', 'api.example.com.evil.net')).toBe(false)
    expect(matches('*.example.com', 'badexample.com')).toBe(false)
    const verdict = matchAuthorizedDomains(parseAuthorizedDomains('*.example.com'), 'a.b.example.com', 443)
    expect(verdict.reason).toContain('covers one label only, and "a.b" is 2 labels')
  })

  it('an optional port limits the rule; without one any port matches', () => {
    expect(matches('api.example.com:8443', 'api.example.com', 8443)).toBe(true)
    expect(matches('api.example.com:8443', 'api.example.com', 443)).toBe(false)
    expect(matches('api.example.com', 'api.example.com', 8443)).toBe(true)
    expect(matches('*.example.com:8443', 'api.example.com', 8443)).toBe(true)
    expect(
      matchAuthorizedDomains(parseAuthorizedDomains('api.example.com:8443'), 'api.example.com', 443).reason
    ).toContain('limited to port 8443')
  })

  it('the most specific rule wins and is named', () => {
    const rules = parseAuthorizedDomains('*\n*.example.com\napi.example.com\napi.example.com:8443')
    expect(matchAuthorizedDomains(rules, 'api.example.com', 8443).match!.rule.input).toBe('api.example.com:8443')
    expect(matchAuthorizedDomains(rules, 'api.example.com', 443).match!.rule.input).toBe('api.example.com')
    expect(matchAuthorizedDomains(rules, 'web.example.com', 443).match!.rule.input).toBe('*.example.com')
    expect(matchAuthorizedDomains(rules, 'other.net', 443).match!.rule.input).toBe('*')
  })

  it('IP addresses, IPv6 in brackets, international names in punycode', () => {
    expect(matches('127.0.0.1:8443', '127.0.0.1', 8443)).toBe(true)
    expect(matches('127.0.0.1', '127.0.0.10')).toBe(false)
    expect(matches('[::1]:8443', '::1', 8443)).toBe(true)
    expect(matches('[::1]:8443', '[::1]', 8443)).toBe(true)
    expect(parseAuthorizedDomains('*.bücher.example')[0]!.pattern).toBe('*.xn--bcher-kva.example')
    expect(matches('*.bücher.example', 'shop.xn--bcher-kva.example')).toBe(true)
    expect(matches('*.example.com', '10.0.0.1')).toBe(false)
  })

  it('a URL pasted as a rule gives its host; a path or a misplaced wildcard is refused with the reason', () => {
    expect(parseAuthorizedDomains('https://api.example.com:8443/')[0]).toMatchObject({
      pattern: 'api.example.com',
      port: 8443,
      problem: null
    })
    expect(parseAuthorizedDomains('https://api.example.com/v1')[0]!.problem).toContain(
      '"/v1" would not restrict anything'
    )
    expect(parseAuthorizedDomains('api.*.com')[0]!.problem).toContain('whole first label')
    expect(parseAuthorizedDomains('api*.example.com')[0]!.problem).toContain('whole first label')
    expect(parseAuthorizedDomains('*.com')[0]!.problem).toContain('whole top-level domain')
    expect(parseAuthorizedDomains('api.example.com:99999')[0]!.problem).toContain('1 to 65535')
    expect(parseAuthorizedDomains('api example.com')[0]!.problem).toContain('space')
    expect(parseAuthorizedDomains('-bad-.example.com')[0]!.problem).toContain('not a valid label')
    expect(parseAuthorizedDomains('a..example.com')[0]!.problem).toBeTruthy()
  })

  it('blank lines are skipped, line numbers kept, and an invalid rule never matches', () => {
    const rules = parseAuthorizedDomains('\n\napi.example.com\n\n*.*.example.com\n')
    expect(rules.map((r) => r.line)).toEqual([3, 5])
    expect(matches('\n*.*.example.com', 'a.b.example.com')).toBe(false)
  })

  it('fuzz: random rules and hosts never throw, and a match always satisfies the anchored definition', () => {
    let seed = 7
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    const labels = ['api', 'example', 'com', 'evil', 'net', '*', 'a-b', 'x', '']
    const word = () => Array.from({ length: 1 + rand(4) }, () => labels[rand(labels.length)]).join('.')
    for (let i = 0; i < 3000; i++) {
      const rule = word() + (rand(4) === 0 ? `:${rand(70000)}` : '')
      const host = word().replace(/\*/g, 'w')
      const port = 1 + rand(65535)
      const rules = parseAuthorizedDomains(rule)
      const verdict = matchAuthorizedDomains(rules, host, port)
      if (verdict.match) {
        const pattern = verdict.match.rule.pattern!
        const h = host.toLowerCase().replace(/\.$/, '')
        if (pattern === '*') continue
        if (pattern.startsWith('*.')) {
          expect(h.endsWith(pattern.slice(1))).toBe(true)
          expect(h.slice(0, -pattern.length + 1)).not.toContain('.')
        } else expect(h).toBe(pattern)
        if (verdict.match.rule.port !== null) expect(verdict.match.rule.port).toBe(port)
      }
    }
  })
})
