/**
 * The inspector: every finding code it promises, produced from URLs built the way customers'
 * embed APIs build them (with this file's own HMAC and JWT code, not our signer), the vendor
 * samples' encodings, signature forensics, time travel, and bad input that must never crash.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inspectEmbed, type InspectContext } from '../../../main/inspector/inspector'
import { defaultLimits } from '../../../main/protocol/parameters'
import { signJwt, signUrl } from '../../../main/signing/signer'
import type { Inspection } from '../../../preload/contract'
import {
  CLIENT_ID,
  credentials,
  EMBED_PATH,
  NOW,
  options,
  OTHER_SECRET,
  salesManager,
  SECRET,
  WORKBOOK_URL
} from '../../fixtures/embed'

const ctx = (over: Partial<InspectContext> = {}): InspectContext => ({ credentials, now: NOW, ...over })
const codes = (r: Inspection) => r.findings.map((f) => f.code)
const errors = (r: Inspection) => r.findings.filter((f) => f.severity === 'error').map((f) => f.code)

/** A customer's embed API, QuickStart style: string concatenation and node:crypto. */
function customerUrl(
  parts: Record<string, string> | [string, string][],
  opts: { secret?: string; base?: string; transform?: (unsigned: string) => string } = {}
): string {
  const entries = Array.isArray(parts) ? parts : Object.entries(parts)
  const unsigned = `${opts.base ?? EMBED_PATH}?${entries.map(([k, v]) => `${k}=${v}`).join('&')}`
  const signature = createHmac('sha256', Buffer.from(opts.secret ?? SECRET, 'utf8'))
    .update(opts.transform ? opts.transform(unsigned) : unsigned)
    .digest('hex')
  return `${unsigned}&:signature=${signature}`
}
const required = (over: Record<string, string | undefined> = {}): [string, string][] => {
  const base: Record<string, string | undefined> = {
    ':nonce': randomUUID(),
    ':client_id': CLIENT_ID,
    ':email': 'sales.manager@example.com',
    ':external_user_id': 'sales-manager-1',
    ':external_user_team': 'Sales_Managers',
    ':account_type': 'Creator',
    ':mode': 'userbacked',
    ':session_length': '600',
    ':time': String(NOW),
    ...over
  }
  return Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined)
}

/** A customer's JWT code: header and payload by hand, HS256 with node:crypto. */
function customerJwt(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT', kid: CLIENT_ID },
  secret = SECRET
): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url')
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`
}
const claims = (over: Record<string, unknown> = {}) => ({
  sub: 'sales.manager@example.com',
  jti: randomUUID(),
  iat: NOW,
  exp: NOW + 600,
  ver: '1.1',
  aud: 'sigmacomputing',
  teams: ['Sales_Managers'],
  account_type: 'Creator',
  ...over
})

describe('a clean URL', () => {
  it('a customer-built URL verifies and has no error', () => {
    const r = inspectEmbed(customerUrl(required()), ctx())
    expect(r).toMatchObject({ method: 'url', signature: 'valid', verifiedWith: 'Staging' })
    expect(errors(r)).toEqual([])
    expect(r.params.map((p) => p.name)).toContain(':email')
    expect(r.params.find((p) => p.name === ':email')).toMatchObject({ value: 'sales.manager@example.com', check: 'ok' })
  })

  it('a customer-built JWT (bare and in its URL form) verifies', () => {
    const token = customerJwt(claims())
    expect(inspectEmbed(token, ctx())).toMatchObject({ method: 'jwt', signature: 'valid' })
    const r = inspectEmbed(`${WORKBOOK_URL}?:jwt=${token}&:embed=true&:theme=Dark`, ctx())
    expect(r).toMatchObject({ method: 'jwt', signature: 'valid' })
    expect(errors(r)).toEqual([])
    expect(r.params.find((p) => p.name === 'exp')!.value).toContain('2025-11-21T00:10:00Z')
  })
})

describe('URLs as the vendor samples in Node, Python and Go encode them all verify', () => {
  it('Node: URLSearchParams (":" as %3A, "," as %2C, "@" as %40)', () => {
    const query = new URLSearchParams(required({ ':external_user_team': 'Sales_Managers,Sales_People' })).toString()
    const unsigned = `${EMBED_PATH}?${query}`
    const url = `${unsigned}&:signature=${createHmac('sha256', SECRET).update(unsigned).digest('hex')}`
    expect(url).toContain('%3Aemail=sales.manager%40example.com')
    const r = inspectEmbed(url, ctx())
    expect(r.signature).toBe('valid')
    expect(errors(r)).toEqual([])
    expect(codes(r)).toContain('TEAM_LIST_ENCODED') // a warning: commas should stay raw
  })

  it('Python: ":" and "," raw, :time as a float', () => {
    const r = inspectEmbed(
      customerUrl(required({ ':time': `${NOW}.123456`, ':external_user_team': 'Sales_Managers,Sales_People' })),
      ctx()
    )
    expect(r.signature).toBe('valid')
    expect(errors(r)).toEqual([])
  })

  it('Go: the query built from a map, in random order', () => {
    const shuffled = required().sort(() => Math.random() - 0.5)
    const r = inspectEmbed(customerUrl(shuffled), ctx())
    expect(r.signature).toBe('valid')
    expect(errors(r)).toEqual([])
  })
})

describe('every promised finding code, from the mistake behind it', () => {
  const cases: [code: string, build: () => string, over?: Partial<InspectContext>][] = [
    ['SIGNATURE_MISSING', () => customerUrl(required()).split('&:signature=')[0]!],
    ['SIGNATURE_INVALID', () => customerUrl(required()).replace(/.{4}$/, '0000')],
    ['CLIENT_ID_UNKNOWN', () => customerUrl(required({ ':client_id': 'd'.repeat(64) }))],
    ['CLIENT_ID_TRUNCATED', () => customerUrl(required({ ':client_id': CLIENT_ID.slice(0, 63) }))],
    ['SIGNED_WITH_OTHER_CREDENTIAL', () => customerUrl(required(), { secret: OTHER_SECRET })],
    ['SECRET_WHITESPACE', () => customerUrl(required(), { secret: `${SECRET}\n` })],
    [
      'ENCODING_CHANGED_AFTER_SIGNING',
      () => customerUrl(required()).replace(/:email=sales\.manager@example\.com/, ':email=sales.manager%40example.com')
    ],
    [
      'PARAM_ADDED_AFTER_SIGNING',
      () => customerUrl(required()).replace('&:signature=', '&:hide_folder_navigation=true&:signature=')
    ],
    ['PARAM_ADDED_AFTER_SIGNING', () => `${customerUrl(required())}&:theme=Dark`],
    [
      'PARAM_VALUE_CHANGED',
      () => customerUrl(required()).replace(':email=sales.manager@example.com', ':email=SALES.MANAGER@EXAMPLE.COM')
    ],
    ['REQUIRED_PARAM_MISSING', () => customerUrl(required({ ':external_user_id': undefined }))],
    ['PARAM_MISSING_COLON', () => customerUrl([...required(), ['hide_menu', 'true']])],
    ['PARAM_UNKNOWN', () => customerUrl([...required(), [':hide_foldr_navigation', 'true']])],
    ['DEPENDENT_PARAM_MISSING', () => customerUrl([...required(), [':hide_menu', 'true']])],
    ['TIME_IN_MILLISECONDS', () => customerUrl(required({ ':time': String(NOW * 1000) }))],
    ['TIME_IN_FUTURE', () => customerUrl(required({ ':time': String(NOW + 3600) }))],
    ['EXPIRED', () => customerUrl(required({ ':time': String(NOW - 3600) }))],
    ['SESSION_LENGTH_EXCEEDS_MAX', () => customerUrl(required({ ':session_length': '2592001' }))],
    ['NONCE_TOO_LONG', () => customerUrl(required({ ':nonce': 'n'.repeat(256) }))],
    ['MODE_INVALID', () => customerUrl(required({ ':mode': 'secure' }))],
    ['EMAIL_INVALID', () => customerUrl(required({ ':email': 'sales manager' }))],
    ['TEAM_LIST_ENCODED', () => customerUrl(required({ ':external_user_team': 'Sales_Managers%2CSales_People' }))],
    ['THEME_CASE', () => customerUrl([...required(), [':theme', 'dark']])],
    ['JWT_MALFORMED', () => 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0'],
    ['JWT_MALFORMED', () => `${WORKBOOK_URL}?:jwt=not.a.jwt.at.all&:embed=true`],
    ['JWT_ALG_NOT_HS256', () => customerJwt(claims(), { alg: 'none', kid: CLIENT_ID }).replace(/[^.]+$/, '')],
    ['JWT_ALG_NOT_HS256', () => customerJwt(claims(), { alg: 'HS512', kid: CLIENT_ID })],
    ['JWT_KID_MISSING', () => customerJwt(claims(), { alg: 'HS256' })],
    ['JWT_KID_UNKNOWN', () => customerJwt(claims(), { alg: 'HS256', kid: 'd'.repeat(64) })],
    ['JWT_EXP_TOO_FAR', () => customerJwt(claims({ exp: NOW + 2_592_001 }))],
    ['JWT_SUB_INVALID', () => customerJwt(claims({ sub: 'sales manager@example.com' }))],
    ['JWT_SUB_UNDERSCORE', () => customerJwt(claims({ sub: 'sales_manager@example.com' }))],
    [
      'JWT_SUB_INVALID',
      () => customerJwt(claims({ sub: 'sales_manager@example.com' })),
      { limits: { ...defaultLimits, strictParameters: true } }
    ],
    ['JWT_AUD_MISSING', () => customerJwt(claims({ aud: undefined }))],
    ['EXPIRED', () => customerJwt(claims({ iat: NOW - 7200, exp: NOW - 3600 }))],
    ['SECRET_WHITESPACE', () => customerJwt(claims(), undefined, `${SECRET}\r\n`)],
    ['SIGNED_WITH_OTHER_CREDENTIAL', () => customerJwt(claims(), undefined, OTHER_SECRET)],
    ['CREDENTIAL_REVOKED', () => customerUrl(required()), { credentials: [{ ...credentials[0]!, status: 'revoked' }] }]
  ]

  it.each(cases)('%s', (code, build, over) => {
    const r = inspectEmbed(build(), ctx(over))
    const found = r.findings.find((f) => f.code === code)
    expect(found, `${code} not in ${codes(r).join(', ')}`).toBeDefined()
    expect(found!.message.length).toBeGreaterThan(10)
    expect(found!.fix.length).toBeGreaterThan(10)
  })

  it('PARAM_UNKNOWN says what you probably meant', () => {
    const r = inspectEmbed(customerUrl([...required(), [':hide_foldr_navigation', 'true']]), ctx())
    expect(r.findings.find((f) => f.code === 'PARAM_UNKNOWN')!.message).toContain(
      'Did you mean ":hide_folder_navigation"?'
    )
  })

  it('CLIENT_ID_TRUNCATED names the credential it was cut from, and the signature still verifies with it', () => {
    const r = inspectEmbed(customerUrl(required({ ':client_id': CLIENT_ID.slice(0, 63) })), ctx())
    expect(r.findings.find((f) => f.code === 'CLIENT_ID_TRUNCATED')!.message).toContain('"Staging"')
    expect(r.signature).toBe('valid')
  })

  it('SIGNED_WITH_OTHER_CREDENTIAL names the credential that did sign', () => {
    const r = inspectEmbed(customerUrl(required(), { secret: OTHER_SECRET }), ctx())
    expect(r.findings.find((f) => f.code === 'SIGNED_WITH_OTHER_CREDENTIAL')!.message).toContain('"Old prod"')
  })
})

describe('signature forensics', () => {
  it('finds a parameter moved after signing', () => {
    const url = customerUrl(required())
    const [head, signature] = url.split('&:signature=')
    const parts = head!.split('?')[1]!.split('&')
    const moved = [parts[0], parts[2], parts[1], ...parts.slice(3)]
    const r = inspectEmbed(`${EMBED_PATH}?${moved.join('&')}&:signature=${signature}`, ctx())
    expect(codes(r)).toContain('PARAM_REORDERED_AFTER_SIGNING')
  })

  it('finds a signature computed over the query only', () => {
    const r = inspectEmbed(customerUrl(required(), { transform: (u) => u.split('?')[1]! }), ctx())
    expect(codes(r)).toContain('SIGNED_PORTION_WRONG')
  })

  it('finds a key made from the hex-decoded secret', () => {
    const entries = required()
    const unsigned = `${EMBED_PATH}?${entries.map(([k, v]) => `${k}=${v}`).join('&')}`
    const url = `${unsigned}&:signature=${createHmac('sha256', Buffer.from(SECRET, 'hex')).update(unsigned).digest('hex')}`
    expect(codes(inspectEmbed(url, ctx()))).toContain('SECRET_HEX_DECODED')
  })

  it('when nothing matches, says what was ruled out', () => {
    const r = inspectEmbed(customerUrl(required(), { secret: 'an unrelated secret' }), ctx())
    expect(codes(r)).toContain('SIGNATURE_INVALID')
    expect(r.ruledOut.length).toBeGreaterThan(4)
    expect(r.findings.find((f) => f.code === 'SIGNATURE_INVALID')!.message).toMatch(
      /Ruled out: .*newline.*other stored secret.*encodings.*removed/
    )
  })

  it('with the URL this app signed, names the exact parameter removed, changed or added', () => {
    const signed = signUrl({
      persona: { ...salesManager, userAttributes: [{ name: 'Region', values: ['West'] }] },
      options: options(),
      key: { clientId: CLIENT_ID, secret: SECRET },
      now: NOW
    })
    const earlier = { signedEarlier: (id: string) => (id === signed.oneTimeId ? signed.url : undefined) }
    const removed = inspectEmbed(signed.url.replace('&:ua_Region=West', ''), ctx(earlier))
    expect(removed.findings.find((f) => f.code === 'PARAM_REMOVED_AFTER_SIGNING')).toMatchObject({
      param: ':ua_Region'
    })
    const changed = inspectEmbed(signed.url.replace(':ua_Region=West', ':ua_Region=East'), ctx(earlier))
    expect(changed.findings.find((f) => f.code === 'PARAM_VALUE_CHANGED')).toMatchObject({
      param: ':ua_Region',
      message: expect.stringContaining('"West" but arrives as "East"')
    })
  })

  it('is not fooled: a valid URL under a secret with different whitespace is not valid', () => {
    const r = inspectEmbed(customerUrl(required(), { secret: ` ${SECRET}` }), ctx())
    expect(r.signature).toBe('invalid')
  })
})

describe('property: what our signer makes inspects clean, and every single-parameter tamper is caught', () => {
  const randomPersona = (i: number) => ({
    ...salesManager,
    email: `user${i}.${randomBytes(2).toString('hex')}@example.com`,
    externalUserId: `ext-${randomBytes(4).toString('hex')}`,
    teams: Array.from({ length: 1 + (i % 3) }, (_, t) => `Team_${t}${i}`),
    accountType: ['Viewer', 'Creator', 'Analyst Plus'][i % 3]!,
    userAttributes: i % 2 ? [{ name: 'Region', values: ['West', 'North East'].slice(0, 1 + (i % 2)) }] : [],
    firstName: i % 4 === 0 ? 'Ada' : '',
    lastName: i % 4 === 0 ? 'Lovelace' : ''
  })

  it('30 random personas, both methods: valid and no error finding', async () => {
    for (let i = 0; i < 30; i++) {
      const persona = randomPersona(i)
      const opts = options({
        sessionLength: 60 + i * 100,
        theme: i % 2 ? 'Dark' : '',
        controls: i % 3 ? [{ name: 'Region-Control', value: `v ${i}` }] : []
      })
      const key = { clientId: CLIENT_ID, secret: SECRET }
      const url = signUrl({ persona, options: opts, key, now: NOW })
      const urlResult = inspectEmbed(url.url, ctx())
      expect(urlResult.signature, url.url).toBe('valid')
      expect(errors(urlResult), url.url).toEqual([])
      const jwt = await signJwt({ persona, options: options({ ...opts, embedPath: WORKBOOK_URL }), key, now: NOW })
      const jwtResult = inspectEmbed(jwt.url, ctx())
      expect(jwtResult.signature).toBe('valid')
      expect(errors(jwtResult)).toEqual([])
    }
  })

  it('each parameter removed, changed, re-encoded, or one added: caught with the right code', () => {
    const persona = {
      ...salesManager,
      userAttributes: [{ name: 'Region', values: ['West'] }],
      firstName: 'Ada',
      lastName: 'Lovelace'
    }
    const signed = signUrl({
      persona,
      options: options({ theme: 'Dark' }),
      key: { clientId: CLIENT_ID, secret: SECRET },
      now: NOW
    })
    const [unsigned, signature] = signed.url.split('&:signature=')
    const [base, query] = unsigned!.split('?')
    const segments = query!.split('&')
    const rebuild = (parts: string[]) => `${base}?${parts.join('&')}&:signature=${signature}`
    const withLedger = ctx({ signedEarlier: (id) => (id === signed.oneTimeId ? signed.url : undefined) })
    const withoutLedger = ctx()
    for (let i = 0; i < segments.length; i++) {
      const [name, value] = segments[i]!.split('=') as [string, string]
      // Removed.
      const removed = inspectEmbed(
        rebuild(segments.filter((_, j) => j !== i)),
        name === ':nonce' ? withoutLedger : withLedger
      )
      expect(removed.signature, `removed ${name}`).not.toBe('valid')
      if (name !== ':nonce')
        expect(
          removed.findings.find((f) => f.code === 'PARAM_REMOVED_AFTER_SIGNING' && f.param === name),
          `removed ${name}: ${codes(removed)}`
        ).toBeDefined()
      // Value changed (to something of the same shape).
      const changedValue = name === ':time' ? String(NOW - 1) : name === ':session_length' ? '601' : `${value}x`
      const changed = inspectEmbed(
        rebuild(segments.map((s, j) => (j === i ? `${name}=${changedValue}` : s))),
        name === ':nonce' ? withoutLedger : withLedger
      )
      expect(changed.signature, `changed ${name}`).toBe('invalid')
      if (name !== ':nonce')
        expect(
          changed.findings.find((f) => f.code === 'PARAM_VALUE_CHANGED' && f.param === name),
          `changed ${name}: ${codes(changed)}`
        ).toBeDefined()
      // Lowercase turned uppercase (a proxy normalizing case), without knowing the original.
      if (/[a-z]/.test(value) && value === value.toLowerCase()) {
        const upper = inspectEmbed(
          rebuild(segments.map((s, j) => (j === i ? `${name}=${value.toUpperCase()}` : s))),
          withoutLedger
        )
        expect(
          upper.findings.find((f) => f.code === 'PARAM_VALUE_CHANGED' && f.param === name),
          `upper ${name}: ${codes(upper)}`
        ).toBeDefined()
      }
      // Re-encoded (":" of the name as %3A).
      const encoded = inspectEmbed(
        rebuild(segments.map((s, j) => (j === i ? s.replace(/^:/, '%3A') : s))),
        withoutLedger
      )
      expect(codes(encoded), `encoded ${name}`).toContain('ENCODING_CHANGED_AFTER_SIGNING')
    }
    // One added, anywhere, without the ledger.
    for (let i = 0; i <= segments.length; i++) {
      const added = [...segments.slice(0, i), ':hide_tooltip=true', ...segments.slice(i)]
      const r = inspectEmbed(rebuild(added), withoutLedger)
      expect(
        r.findings.find((f) => f.code === 'PARAM_ADDED_AFTER_SIGNING' && f.param === ':hide_tooltip'),
        `added at ${i}: ${codes(r)}`
      ).toBeDefined()
    }
  })
})

describe('time travel', () => {
  it('the same URL is fine now and expired once "now" moves past its session', () => {
    const url = customerUrl(required())
    expect(codes(inspectEmbed(url, ctx({ now: NOW + 599 })))).not.toContain('EXPIRED')
    expect(codes(inspectEmbed(url, ctx({ now: NOW + 601 })))).toContain('EXPIRED')
    expect(inspectEmbed(url, ctx({ now: NOW + 601 })).now).toBe(NOW + 601)
  })
})

describe('bad input gets findings, never a crash or a hang', () => {
  const inputs: [string, string][] = [
    ['empty', '   '],
    ['garbage', 'hello world, this is not a URL'],
    ['a URL with no query', EMBED_PATH],
    ['duplicate parameters', customerUrl([...required(), [':email', 'other@example.com']])],
    ['invalid percent-encoding', `${EMBED_PATH}?:email=a%ZZb&:signature=00`],
    ['non-UTF-8 escapes', `${EMBED_PATH}?:email=%FF%FE&:signature=00`],
    ['lone surrogate', `${EMBED_PATH}?:email=\ud800&:signature=00`],
    ['a JWT with three dots', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig.extra'],
    ['a JWT with no dots', 'eyJhbGciOiJIUzI1NiJ9'],
    ['a JWT whose payload is not JSON', `eyJhbGciOiJIUzI1NiJ9.${Buffer.from('not json').toString('base64url')}.abc`],
    ['a wrapped URL', customerUrl(required()).replace(':mode', '\n:mode')],
    ['only a question mark', '?'],
    ['ampersands', `${EMBED_PATH}?&&&&=&=`]
  ]
  it.each(inputs)('%s', (_label, input) => {
    const r = inspectEmbed(input, ctx())
    expect(r.findings.length).toBeGreaterThan(0)
    for (const f of r.findings) expect(f.message).toBeTruthy()
  })

  it('a 10 MB paste', () => {
    const huge = customerUrl([...required(), ['Control', 'x'.repeat(10 * 1024 * 1024)]])
    const r = inspectEmbed(huge, ctx())
    expect(r.signature).toBe('valid')
    const tampered = inspectEmbed(huge.replace(':mode=userbacked', ':mode=userbackex'), ctx())
    expect(tampered.signature).toBe('invalid')
    // Ten whitespace variants of 10 MB each already exceed what one paste may hash.
    expect(tampered.ruledOut.join(' ')).toMatch(/forensics budget of 32 MB/)
    const many = inspectEmbed(`${EMBED_PATH}?${'a=b&'.repeat(2_500_000)}`, ctx())
    expect(codes(many)).toContain('TOO_MANY_PARAMS')
  })

  it('fuzzed: random mutations of a valid URL and JWT never throw', () => {
    const seeds = [
      customerUrl(required()),
      `${WORKBOOK_URL}?:jwt=${customerJwt(claims())}&:embed=true`,
      customerJwt(claims())
    ]
    const alphabet = '%:&=?#,.@+ \n\t\u00e9\ud83d\ude00\u0000abcXYZ019-_'
    for (let i = 0; i < 3000; i++) {
      const seed = seeds[i % seeds.length]!
      const bytes = randomBytes(4)
      const at = bytes.readUInt16LE(0) % seed.length
      const kind = bytes[2]! % 3
      const char = alphabet[bytes[3]! % alphabet.length]!
      const mutated =
        kind === 0
          ? seed.slice(0, at) + char + seed.slice(at)
          : kind === 1
            ? seed.slice(0, at) + seed.slice(at + 1)
            : seed.slice(0, at)
      const r = inspectEmbed(mutated, ctx())
      expect(['url', 'jwt', 'unknown']).toContain(r.method)
    }
  })
})

describe('signature forensics has a budget (issue 11, item 5)', () => {
  /** A valid signed URL with many user attributes, then one value changed in no recognisable way. */
  function bigTampered(count: number) {
    const attributes: [string, string][] = Array.from({ length: count }, (_, i) => [`:ua_attr${i}`, `value${i}`])
    const url = customerUrl([...required(), ...attributes])
    return url.replace(':ua_attr7=value7', ':ua_attr7=qz81')
  }

  it('stops when its budget runs out and says so in the finding, instead of trying every variant', () => {
    const result = inspectEmbed(
      bigTampered(1200),
      ctx({ forensicsBudget: { maxBytes: 2 * 1024 * 1024, maxMs: 10_000 } })
    )
    const invalid = result.findings.find((f) => f.code === 'SIGNATURE_INVALID')!
    expect(invalid.message).toMatch(/forensics budget/)
    expect(invalid.message).toMatch(/\d+ variants/)
    expect(result.signature).toBe('invalid')
  })

  it('a budget whose time is what is left of a window says it in whole milliseconds', () => {
    const result = inspectEmbed(bigTampered(1200), ctx({ forensicsBudget: { maxBytes: 64 * 1024, maxMs: 11.840731 } }))
    expect(result.findings.find((f) => f.code === 'SIGNATURE_INVALID')!.message).toMatch(
      /forensics budget of 0\.1 MB hashed or 12 ms ran out/
    )
  })

  it('without a budget given, the inspector still bounds the work a single paste can cause', () => {
    const result = inspectEmbed(bigTampered(1600), ctx())
    expect(result.findings.find((f) => f.code === 'SIGNATURE_INVALID')!.message).toMatch(/forensics budget/)
  })

  it('a value upper-cased on the way ("West" to "WEST") is named: the title-case restore is tried too (issue 18, item 4)', () => {
    const url = customerUrl([...required(), [':ua_Region', 'West']]).replace(':ua_Region=West', ':ua_Region=WEST')
    const result = inspectEmbed(url, ctx())
    const changed = result.findings.find((f) => f.code === 'PARAM_VALUE_CHANGED')
    expect(changed?.param).toBe(':ua_Region')
    expect(changed?.message).toMatch(/case/)
  })

  it('within its budget it still names the change (a small URL)', () => {
    const url = customerUrl(required()).replace('sales.manager@example.com&', 'SALES.MANAGER@EXAMPLE.COM&')
    const result = inspectEmbed(url, ctx({ forensicsBudget: { maxBytes: 2 * 1024 * 1024, maxMs: 10_000 } }))
    expect(codes(result)).toContain('PARAM_VALUE_CHANGED')
  })
})

describe('claims the reference lists (issue 12, claims)', () => {
  it('"tenant" is a documented claim, not an unknown one', () => {
    const r = inspectEmbed(customerJwt(claims({ tenant: 'acme' })), ctx())
    expect(r.params.find((p) => p.name === 'tenant')!.meaning).not.toMatch(/Not a documented claim/)
    expect(codes(r)).not.toContain('PARAM_UNKNOWN')
  })
})

describe('one verdict with the emulator (issue 12, contradictions)', () => {
  it('a JWT on a signed-URL embed path (/embed/…) is refused by the inspector too, as the host answers 404', () => {
    const token = customerJwt(claims())
    const r = inspectEmbed(
      `https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn?:jwt=${token}&:embed=true`,
      ctx()
    )
    expect(errors(r)).toContain('WRONG_URL_FORM')
  })

  it('a signed URL on a workbook path is refused too', () => {
    const url = customerUrl(required(), { base: WORKBOOK_URL })
    expect(errors(inspectEmbed(url, ctx()))).toContain('WRONG_URL_FORM')
  })
})

describe('forensics: scheme, host and whitespace variants (issue 12, item 5)', () => {
  it('a URL signed for https://app.sigmacomputing.com that arrives at the emulator is named as signed for another host', () => {
    const signed = customerUrl(required(), { base: 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn' })
    const arrived = signed.replace('https://app.sigmacomputing.com', 'http://127.0.0.1:4781')
    const r = inspectEmbed(arrived, ctx())
    const f = r.findings.find((x) => x.code === 'SIGNED_FOR_OTHER_HOST')!
    expect(f.message).toContain('https://app.sigmacomputing.com')
    expect(f.message).toContain('http://127.0.0.1:4781')
  })

  it('http instead of https is named too', () => {
    const signed = customerUrl(required(), { base: 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn' })
    const r = inspectEmbed(signed.replace('https://', 'http://'), ctx())
    expect(codes(r)).toContain('SIGNED_FOR_OTHER_HOST')
  })

  it('a URL signed with a raw space that the browser sends as %20 is named', () => {
    const entries = required({ ':external_user_id': 'sales manager 1' })
    const raw = customerUrl(entries)
    const sent = raw.replace('sales manager 1', 'sales%20manager%201')
    expect(codes(inspectEmbed(sent, ctx()))).toContain('ENCODING_CHANGED_AFTER_SIGNING')
  })

  it('a secret read with whitespace on both sides is named', () => {
    const url = customerUrl(required(), { secret: ` ${SECRET}\n` })
    expect(codes(inspectEmbed(url, ctx()))).toContain('SECRET_WHITESPACE')
  })
})

describe('the encoding a URL uses is explained (issue 12, item 5)', () => {
  const style = (url: string) => inspectEmbed(url, ctx()).findings.find((f) => f.code === 'ENCODING_STYLE')
  it("names URLSearchParams (':' as %3A, space as +), and says the host accepts it", () => {
    const signed = customerUrl(
      required().map(([k, v]) => [encodeURIComponent(k), new URLSearchParams([['x', v]]).toString().slice(2)])
    )
    const f = style(signed)!
    expect(f.severity).toBe('info')
    expect(f.message).toMatch(/URLSearchParams/)
    expect(f.message).toMatch(/accepts/)
  })

  it('names a Python float :time', () => {
    const f = style(customerUrl(required({ ':time': `${NOW}.123456` })))!
    expect(f.message).toMatch(/float/)
  })

  it('names the QuickStart style (raw names, raw values)', () => {
    expect(style(customerUrl(required()))!.message).toMatch(/raw/)
  })
})

describe("the API use-case sample's token shape (issue 12, claims)", () => {
  it('aud "https://sigmacomputing.com/iam" with scope and embed claims is explained, naming the sample and the reference', () => {
    const token = customerJwt(
      claims({
        aud: 'https://sigmacomputing.com/iam',
        scope: 'embed',
        embed: { url: WORKBOOK_URL, permissions: ['view'] }
      })
    )
    const r = inspectEmbed(token, ctx())
    const aud = r.findings.find((f) => f.code === 'JWT_AUD_INVALID')!
    expect(aud.message).toMatch(/create-jwt\.js/)
    expect(aud.message).toMatch(/"scope"/)
    expect(aud.message).toMatch(/claims reference/)
    for (const name of ['scope', 'embed'])
      expect(r.params.find((p) => p.name === name)!.meaning).toMatch(/API use-case sample/)
  })
})

describe('forensics cuts its variants from the joined URL (issue 18, item 4)', () => {
  it('each variant equals the URL joined again with that one segment left out or replaced (fuzzed)', async () => {
    const { segmentEdits } = await import('../../../main/inspector/forensics')
    const { joinUrl } = await import('../../../main/protocol/embed-url')
    let seed = 3
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let round = 0; round < 300; round++) {
      const segments = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) =>
        random() < 0.1 ? '' : `:p${i}=${'v&='.charAt(Math.floor(random() * 3)).repeat(Math.floor(random() * 4))}x${i}`
      )
      const edits = segmentEdits('https://h/embed/1', segments)
      for (let i = 0; i < segments.length; i++) {
        expect(edits.without(i)).toBe(
          joinUrl(
            'https://h/embed/1',
            segments.filter((_, j) => j !== i)
          )
        )
        expect(edits.replaced(i, ':new=1')).toBe(
          joinUrl(
            'https://h/embed/1',
            segments.map((s, j) => (j === i ? ':new=1' : s))
          )
        )
      }
    }
  })
})
