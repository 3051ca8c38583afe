/**
 * The repro bundle: exported from a judged HAR with nothing secret inside, opened in a sandbox
 * with a credential of its own, and the same findings come back.
 */
import { describe, expect, it } from 'vitest'
import { createHarService } from '../../../main/har/har-service'
import { parseBundle } from '../../../main/har/bundle'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { entry, har, jwtUrl, refusal, signedUrl, T0 } from '../../fixtures/har'

const deps = {
  credentials: async () => [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' as const }]
}

async function judged(text: string) {
  const service = createHarService(deps, { now: () => new Date(T0 * 1000 + 86_400_000) })
  const { importId } = service.open({ fileName: 'customer.har', bytes: text.length })
  const result = await service.chunk({ importId, text, last: true })
  if (!result.done) throw new Error('not done')
  return { service, report: result.report }
}

async function customerHar() {
  const url = signedUrl(T0, 300)
  const api = signedUrl(T0 + 10)
  const changed = `${api.replace(/&:signature=.*/, '')}&:theme=Dark${api.slice(api.indexOf('&:signature='))}`
  const jwt = await jwtUrl(T0 + 20)
  return har([
    entry({
      at: T0,
      url: 'https://customer.example/api/embed?session_token=abc123&page=2',
      mimeType: 'application/json',
      body: JSON.stringify({ url, debug: `secret was ${SECRET}` }),
      headers: { 'Set-Cookie': 'sid=s3cr3t' }
    }),
    entry({ at: T0 + 1, url, serverClock: -200 }),
    entry({ at: T0 + 5, url, status: 403, body: refusal('NONCE_REUSED', 'This embed URL was already used.') }),
    entry({
      at: T0 + 10,
      url: 'https://customer.example/api/embed2',
      mimeType: 'application/json',
      body: JSON.stringify({ data: { src: api } })
    }),
    entry({ at: T0 + 11, url: changed, status: 403, body: refusal('INVALID_SIGNATURE', 'Invalid signature') }),
    entry({ at: T0 + 20, url: 'https://customer.example/go', status: 302, redirectURL: jwt }),
    entry({ at: T0 + 21, url: jwt }),
    entry({ at: T0 + 900, url: 'https://app.sigmacomputing.com/api/v2/query', method: 'POST', status: 401 })
  ])
}

describe('the repro bundle', () => {
  it('holds no secret, no signature, no client id, no cookie and no secret-like query value, and lists what it removed', async () => {
    const source = await customerHar()
    const { service, report } = await judged(source)
    expect(report.summary.errors).toBeGreaterThan(0)
    const exported = await service.exportBundle()
    // Every signature and JWT signature in the source HAR, searched for in the bundle's bytes.
    const signatures = [...source.matchAll(/:signature=([0-9a-f]{64})/g)].map((m) => m[1]!)
    const jwtSignatures = [...source.matchAll(/eyJ[\w-]+\.eyJ[\w-]+\.([\w-]+)/g)].map((m) => m[1]!)
    expect(signatures.length).toBeGreaterThanOrEqual(3)
    expect(jwtSignatures.length).toBeGreaterThanOrEqual(2)
    for (const secret of [...signatures, ...jwtSignatures]) expect(exported.text).not.toContain(secret)
    expect(exported.fileName).toBe('customer.repro.json')
    expect(exported.text).not.toContain(SECRET)
    expect(exported.text).not.toContain(CLIENT_ID)
    expect(exported.text).not.toContain('s3cr3t')
    expect(exported.text).not.toContain('abc123')
    expect(exported.text).not.toMatch(/:signature=[0-9a-f]{64}/)
    const bundle = parseBundle(exported.text)
    for (const e of bundle.entries)
      for (const embed of [e.url, ...e.found.map((f) => f.embed)]) {
        const token = /:jwt=([^&]+)/.exec(embed)?.[1]
        if (token) expect(token.split('.')[2]).toBe('REMOVED')
      }
    const what = exported.removed.map((r) => r.what)
    expect(what).toContain('signature (:signature)')
    expect(what).toContain('client id (:client_id)')
    expect(what).toContain('JWT signature; client id (kid)')
    expect(what).toContain('query value session_token')
    // The body's other text is not in the bundle at all (only the embed URL found in it).
    expect(exported.text).not.toContain('secret was')
    expect(bundle.personas[0]).toMatchObject({
      email: 'sales.manager@example.com',
      teams: ['Sales_Managers'],
      accountType: 'Creator'
    })
    expect(bundle.org.teams).toEqual(['Sales_Managers'])
  })

  it('opened in a sandbox, brings back the same findings with a credential of its own', async () => {
    const { service, report } = await judged(await customerHar())
    const exported = await service.exportBundle()
    const repro = await service.openBundle({ text: exported.text })
    expect(repro.credential.clientId).toMatch(/^[0-9a-f]{64}$/)
    expect(repro.credential.clientId).not.toBe(CLIENT_ID)
    expect(repro.comparison.filter((c) => c.missing.length || c.extra.length)).toEqual([])
    expect(repro.reproduced).toBe(true)
    const codes = new Set(repro.report.requests.flatMap((r) => r.findings.map((f) => f.code)))
    for (const code of [
      'NONCE_REUSED',
      'URL_CHANGED_IN_TRANSIT',
      'PARAM_ADDED_AFTER_SIGNING',
      'CLOCK_SKEW',
      'SESSION_EXPIRED_BEFORE_ACTION'
    ])
      expect(codes, code).toContain(code)
    expect(repro.report.requests.map((r) => [r.index, r.kind])).toEqual(report.requests.map((r) => [r.index, r.kind]))
    expect(repro.report.requests.find((r) => r.index === 2)?.hostCode).toBe('NONCE_REUSED')
  })

  it('refuses a file that is not a bundle, with the reason', async () => {
    const { service } = await judged(await customerHar())
    await expect(service.openBundle({ text: 'nope' })).rejects.toThrow(/not JSON/)
    await expect(service.openBundle({ text: '{"format":"other"}' })).rejects.toThrow(/not a repro bundle/)
    await expect(createHarService(deps).exportBundle()).rejects.toThrow(/Open a HAR first/)
  })
})
