/**
 * A HAR judged as a solutions engineer reads one: every embed request found (iframe, redirect,
 * embed API body), judged as of its own time, and what only the sequence shows.
 */
import { describe, expect, it } from 'vitest'
import { harAnalysis } from '../../../main/har/har-import'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { entry, har, jwtUrl, refusal, signedUrl, T0 } from '../../fixtures/har'

const stored = [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' as const }]

async function judge(text: string, credentials = stored, chunk = 997) {
  const analysis = harAnalysis(
    { credentials: async () => credentials },
    { fileName: 'customer.har', bytes: text.length }
  )
  for (let i = 0; i < text.length; i += chunk) await analysis.write(text.slice(i, i + chunk))
  return analysis.finish()
}

const codes = (findings: { code: string }[]) => findings.map((f) => f.code)

describe('finding the embed requests', () => {
  it('finds the embed API’s URL in its JSON, the redirect to it and the iframe’s load, and checks each signature', async () => {
    const url = signedUrl()
    const report = await judge(
      har([
        entry({ at: T0, url: 'https://customer.example/app.js', mimeType: 'application/javascript', body: 'var x=1' }),
        entry({
          at: T0,
          url: 'https://customer.example/api/embed-url',
          mimeType: 'application/json',
          body: JSON.stringify({ data: { embedUrl: url } })
        }),
        entry({ at: T0 + 1, url: 'https://customer.example/go', status: 302, redirectURL: url, body: '' }),
        entry({ at: T0 + 1, url, body: '<html>workbook</html>' })
      ])
    )
    expect(report.entries).toBe(4)
    expect(report.creator).toBe('WebInspector 537.36')
    expect(report.pages).toBe(1)
    expect(report.requests.map((r) => [r.index, r.kind, r.foundAt])).toEqual([
      [1, 'api-response', '$.data.embedUrl'],
      [2, 'redirect', 'Location'],
      [3, 'embed-url', null]
    ])
    for (const r of report.requests) {
      expect(r.signature).toBe('valid')
      expect(r.verifiedWith).toBe('Staging')
      expect(r.verdict).toBe('ok')
    }
    expect(report.requests[2]!.status).toBe(200)
    expect(report.requests[0]!.status).toBeNull()
    expect(report.summary).toEqual({ requests: 3, errors: 0, warnings: 0, ok: 3 })
  })

  it('without a credential, checks the structure only and says the signature is unchecked', async () => {
    const report = await judge(har([entry({ at: T0, url: signedUrl() })]), [])
    expect(report.credentialsTried).toBe(0)
    expect(report.requests[0]!.signature).toBe('unchecked')
    expect(codes(report.requests[0]!.findings)).toContain('SIGNATURE_UNCHECKED')
  })

  it('reads a base64 body (Firefox), a JWT URL written into an HTML page, and a body left out (Safari)', async () => {
    const url = await jwtUrl()
    const report = await judge(
      har([
        entry({
          at: T0,
          url: 'https://customer.example/api/token',
          mimeType: 'application/json',
          encoding: 'base64',
          body: JSON.stringify({ url })
        }),
        entry({
          at: T0,
          url: 'https://customer.example/dashboard',
          body: `<iframe src="${url.replace(/&/g, '&amp;')}"></iframe>`
        }),
        entry({ at: T0, url: 'https://customer.example/other', mimeType: 'application/json', omitText: true })
      ])
    )
    expect(report.requests.map((r) => [r.kind, r.embedMethod, r.signature])).toEqual([
      ['api-response', 'jwt', 'valid'],
      ['api-response', 'jwt', 'valid']
    ])
    expect(report.requests[1]!.embed).toBe(url)
  })

  it('judges each request as of its own time, not today', async () => {
    const report = await judge(har([entry({ at: T0 + 30, url: signedUrl(T0) })]))
    expect(report.requests[0]!.verdict).toBe('ok')
    const late = await judge(har([entry({ at: T0 + 3600, url: signedUrl(T0) })]))
    expect(codes(late.requests[0]!.findings)).toContain('EXPIRED')
  })
})

describe('what only the sequence shows', () => {
  it('the same nonce loaded twice: the reload is named, with the host’s refusal', async () => {
    const url = signedUrl()
    const report = await judge(
      har([
        entry({ at: T0, url }),
        entry({ at: T0 + 20, url, status: 403, body: refusal('NONCE_REUSED', 'This embed URL was already used.') })
      ])
    )
    const reload = report.requests[1]!
    expect(reload.hostCode).toBe('NONCE_REUSED')
    expect(reload.hostMessage).toBe('This embed URL was already used.')
    const reused = reload.findings.find((f) => f.code === 'NONCE_REUSED')!
    expect(reused.message).toContain('first entry #0')
    expect(reused.message).toContain('refused #1')
    expect(report.sequence.map((f) => [f.code, f.entries])).toEqual([['NONCE_REUSED', [0, 1]]])
    expect(codes(report.requests[0]!.findings)).not.toContain('NONCE_REUSED')
  })

  it('a URL changed between the embed API and the iframe: the parameter that changed', async () => {
    const url = signedUrl()
    const loaded = url.replace('Sales_Managers', 'Sales%5FManagers')
    const added = `${url.replace(/&:signature=.*/, '')}&:theme=Dark${url.slice(url.indexOf('&:signature='))}`
    const report = await judge(
      har([
        entry({
          at: T0,
          url: 'https://customer.example/api/embed',
          mimeType: 'application/json',
          body: JSON.stringify({ url })
        }),
        entry({ at: T0 + 1, url: loaded }),
        entry({ at: T0 + 2, url: added })
      ])
    )
    const reencoded = report.requests[1]!.findings.find((f) => f.code === 'URL_CHANGED_IN_TRANSIT')!
    expect(reencoded.message).toContain(':external_user_team re-encoded')
    expect(report.requests[1]!.signature).toBe('invalid')
    const theme = report.requests[2]!.findings.find((f) => f.code === 'URL_CHANGED_IN_TRANSIT')!
    expect(theme.message).toContain(':theme added')
  })

  it('a URL moved to another host: the signature covers the host', async () => {
    const url = signedUrl()
    const report = await judge(
      har([
        entry({
          at: T0,
          url: 'https://customer.example/api/embed',
          mimeType: 'application/json',
          body: JSON.stringify({ url })
        }),
        entry({ at: T0 + 1, url: url.replace('https://app.sigmacomputing.com', 'https://app.eu.sigmacomputing.com') })
      ])
    )
    const moved = report.requests[1]!.findings.find((f) => f.code === 'SIGNED_FOR_OTHER_HOST')!
    expect(moved.message).toContain('https://app.eu.sigmacomputing.com')
    expect(report.sequence[0]!.entries).toEqual([1, 0])
  })

  it('clock skew: the signing time against the host’s Date header', async () => {
    const report = await judge(har([entry({ at: T0 + 5, url: signedUrl(T0 + 5), serverClock: -240 })]))
    const skew = report.requests[0]!.findings.find((f) => f.code === 'CLOCK_SKEW')!
    expect(skew.param).toBe(':time')
    expect(skew.message).toContain('4 min ahead')
    const fine = await judge(har([entry({ at: T0, url: signedUrl(T0), serverClock: 20 })]))
    expect(codes(fine.requests[0]!.findings)).not.toContain('CLOCK_SKEW')
  })

  it('a session that ended before the user acted: the later refusal from the same host', async () => {
    const url = signedUrl(T0, 300)
    const report = await judge(
      har([
        entry({ at: T0, url }),
        entry({ at: T0 + 100, url: 'https://app.sigmacomputing.com/api/v2/query', method: 'POST', status: 200 }),
        entry({ at: T0 + 900, url: 'https://app.sigmacomputing.com/api/v2/query', method: 'POST', status: 401 })
      ])
    )
    const expired = report.requests[0]!.findings.find((f) => f.code === 'SESSION_EXPIRED_BEFORE_ACTION')!
    expect(expired.message).toContain('entry #2')
    expect(expired.message).toContain('10 min later')
    expect(report.requests[0]!.verdict).toBe('error')
  })
})

describe('files that are not what they should be', () => {
  it('a file cut short: every entry before the cut is judged, and the report says it was cut', async () => {
    const url = signedUrl()
    const whole = har([entry({ at: T0, url }), entry({ at: T0 + 1, url: 'https://customer.example/x' })])
    const report = await judge(whole.slice(0, whole.length - 200))
    expect(report.truncated).toBe(true)
    expect(codes(report.problems)).toContain('HAR_TRUNCATED')
    expect(report.requests).toHaveLength(1)
  })

  it('not JSON, JSON but not a HAR, empty, and an entry that is not one', async () => {
    expect(codes((await judge('hello, this is a screenshot')).problems)).toEqual(['HAR_NOT_A_HAR'])
    expect((await judge('{"items":[1,2]}')).problems[0]!.message).toContain('not a HAR')
    expect((await judge('')).problems[0]!.message).toBe('The file is empty.')
    const odd = await judge(har([{ request: { url: 5 } }, entry({ at: T0, url: signedUrl() })]))
    expect(codes(odd.problems)).toEqual(['HAR_ENTRY_UNREADABLE'])
    expect(odd.requests[0]!.index).toBe(1)
  })

  it('random bytes and random cuts never throw, and always say something', async () => {
    const whole = har([entry({ at: T0, url: signedUrl() }), entry({ at: T0 + 1, url: signedUrl() })])
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < 150; i++) {
      const cut = whole.slice(0, Math.floor(random() * whole.length))
      const chars = [...cut]
      for (let k = 0; k < 3; k++)
        chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 128))
      const report = await judge(chars.join(''), stored, 1 + Math.floor(random() * 500))
      expect(report.problems.length + report.requests.length).toBeGreaterThan(0)
    }
  })
})

describe('each browser’s export', () => {
  // What each one writes differently: Chrome and Edge (WebInspector, _initiator, _resourceType),
  // Firefox (log.browser, base64 bodies), Safari (WebKit, bodies it did not keep have no text).
  const shapes = [
    {
      browser: 'Chrome',
      creator: { name: 'WebInspector', version: '537.36' },
      encoding: undefined,
      keepsApiBody: true
    },
    { browser: 'Edge', creator: { name: 'WebInspector', version: '537.36' }, encoding: undefined, keepsApiBody: true },
    {
      browser: 'Firefox',
      creator: { name: 'Firefox', version: '146.0' },
      encoding: 'base64' as const,
      keepsApiBody: true
    },
    {
      browser: 'Safari',
      creator: { name: 'WebKit Web Inspector', version: '18.2' },
      encoding: undefined,
      keepsApiBody: false
    }
  ]
  it.each(shapes)('$browser: the reload of a one-time URL is named, with the time of each load', async (shape) => {
    const url = signedUrl()
    const entries = [
      {
        ...entry({
          at: T0,
          url: 'https://customer.example/api/embed',
          mimeType: 'application/json',
          body: JSON.stringify({ url }),
          ...(shape.encoding ? { encoding: shape.encoding } : {}),
          omitText: !shape.keepsApiBody
        }),
        _resourceType: 'fetch',
        _fetchType: 'Network Load'
      },
      { ...entry({ at: T0 + 1, url }), _resourceType: 'document', _priority: 'VeryHigh', serverIPAddress: '127.0.0.1' },
      entry({ at: T0 + 9, url, status: 403, body: refusal('NONCE_REUSED', 'Already used.') })
    ]
    const text = JSON.stringify({
      log: {
        version: '1.2',
        creator: shape.creator,
        ...(shape.browser === 'Firefox' ? { browser: shape.creator } : {}),
        pages: [
          {
            startedDateTime: new Date(T0 * 1000).toISOString(),
            id: 'page_1',
            title: 'app',
            pageTimings: { onLoad: 120 }
          }
        ],
        entries
      }
    })
    const report = await judge(text)
    expect(report.creator).toBe(`${shape.creator.name} ${shape.creator.version}`)
    const loads = report.requests.filter((r) => r.kind === 'embed-url')
    expect(loads.map((r) => r.status)).toEqual([200, 403])
    const reuse = loads[1]!.findings.find((f) => f.code === 'NONCE_REUSED')!
    expect(reuse.message).toContain(new Date((T0 + 1) * 1000).toISOString())
    expect(reuse.message).toContain(new Date((T0 + 9) * 1000).toISOString())
    expect(report.requests.some((r) => r.kind === 'api-response')).toBe(shape.keepsApiBody)
  })
})
