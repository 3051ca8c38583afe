/**
 * Issue 12, item 3: errors as each doc page shows them. The signed-URL page
 * (help.sigmacomputing.com/docs/secure-embed-error-code-reference) lists its parameter-based
 * messages as "displayed to the user without a code"; the JWT page
 * (help.sigmacomputing.com/docs/common-embed-error-codes-and-messages) gives codes, and lists only
 * session expiry among the messages without one. EEXIST: "User or team already exists".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hostMessages } from '../../../main/emulator/verify'
import type { OrgStore } from '../../../main/emulator/org'
import type { Emulator } from '../../../main/emulator/server'
import { fetchPage, startSampleEmulator, type SampleEmulator } from '../../fixtures/emulator-page'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { sampleJwtUrl, sampleSignedUrl, type SampleUser } from '../../fixtures/vendor-samples'

let sample: SampleEmulator
let emulator: Emulator
let org: OrgStore

beforeAll(async () => {
  sample = await startSampleEmulator('ewb-errors-')
  ;({ emulator, org } = sample)
})
afterAll(() => sample.close())
beforeEach(() => org.reset())

async function load(url: string) {
  const page = await fetchPage(url)
  return { ...page, logged: emulator.requests().at(-1)! }
}
const user = (over: Partial<SampleUser> = {}): SampleUser => ({
  email: 'sam@example.com',
  teams: ['Sales_Managers'],
  accountType: 'Creator',
  ...over
})
const signed = (over: Partial<SampleUser> = {}, mode?: string) =>
  sampleSignedUrl('quickstart', {
    embedPath: `${emulator.baseUrl}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`,
    clientId: CLIENT_ID,
    secret: SECRET,
    user: user(over),
    mode
  })
const jwt = (claims: Record<string, unknown>) =>
  sampleJwtUrl({
    workbookUrl: `${emulator.baseUrl}/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn`,
    clientId: CLIENT_ID,
    secret: SECRET,
    claims: { sub: 'sam@example.com', account_type: 'Build', teams: ['Sales_Managers'], ...claims }
  })

describe('signed URLs: the parameter-based messages carry no code, as the signed-URL page shows them', () => {
  const cases: [string, () => string, string][] = [
    ['a tampered URL', () => signed().replace('Sales_Managers', 'Sales_People'), hostMessages.badSignature],
    ['an unknown team', () => signed({ teams: ['Nope'] }), hostMessages.teamsUnknown],
    ['an invalid email', () => signed({ email: 'not-an-email' }), hostMessages.emailInvalid],
    ['a bad mode', () => signed({}, 'secure'), hostMessages.invalidRequest],
    ['an unknown embed path', () => signed().replace('/embed/1-', '/embed/9-'), hostMessages.notFound]
  ]
  for (const [label, url, message] of cases) {
    it(`${label}: "${message}", no code on the page, in the event data or in the log`, async () => {
      const page = await load(url())
      expect(page.status).toBeGreaterThanOrEqual(400)
      expect(page.bootstrap.error).toEqual({ code: null, message })
      expect(page.logged.hostCode).toBeNull()
      expect(page.logged.message).toBe(message)
    })
  }

  it('the causes only the code table lists keep their code: a reused nonce is EINVAL, a deactivated user ENOENT', async () => {
    const once = signed()
    expect((await load(once)).status).toBe(200)
    const again = await load(once)
    expect(again.bootstrap.error!.code).toBe('EINVAL')
    expect(again.logged.hostCode).toBe('EINVAL')
    org.update((o) => {
      o.people.find((p) => p.email === 'sam@example.com')!.deactivated = true
      return o
    })
    expect((await load(signed())).bootstrap.error!.code).toBe('ENOENT')
  })
})

describe('JWTs: the JWT page gives these a code', () => {
  it('a bad signature is EACCES and an unknown team EINVAL, each with the documented message', async () => {
    const url = jwt({})
    const token = /:jwt=([^&]+)/.exec(url)![1]!
    const bad = url.replace(token, `${token.slice(0, -4)}AAAA`)
    const page = await load(bad)
    expect(page.bootstrap.error).toEqual({ code: 'EACCES', message: hostMessages.badSignature })
    const team = await load(jwt({ teams: ['Nope'] }))
    expect(team.bootstrap.error).toEqual({ code: 'EINVAL', message: hostMessages.teamsUnknown })
  })
})

describe('EEXIST: a user that already exists', () => {
  it('an email that belongs to an embed user with another :external_user_id is refused with EEXIST, naming both ids', async () => {
    expect((await load(signed({ externalUserId: 'crm-1001' }))).status).toBe(200)
    const twice = await load(signed({ externalUserId: 'crm-2002' }))
    expect(twice.status).toBe(403)
    expect(twice.bootstrap.error!.code).toBe('EEXIST')
    const f = twice.logged.findings.find((x) => x.code === 'USER_EXISTS')!
    expect(f.param).toBe(':external_user_id')
    expect(f.message).toMatch(/crm-1001/)
    expect(f.message).toMatch(/crm-2002/)
    expect(org.get().people.filter((p) => p.email === 'sam@example.com')).toHaveLength(1)
    // The same user again (its own external id) still loads.
    expect((await load(signed({ externalUserId: 'crm-1001' }))).status).toBe(200)
  })
})

describe('a request-log row opens in the Inspector with the findings the emulator answered with (issue 12, item 6)', () => {
  it('a tampered URL: the same findings, the inspection behind them, the signature redacted', async () => {
    const page = await load(signed().replace('Sales_Managers', 'Sales_People'))
    const opened = emulator.openRequest(page.logged.id)!
    expect(opened.request).toEqual(page.logged)
    expect(opened.inspection.findings).toEqual(page.logged.findings)
    expect(opened.inspection.signature).toBe('invalid')
    expect(opened.inspection.ruledOut.length).toBeGreaterThan(0)
    const signature = opened.inspection.params.find((p) => p.name === ':signature')!
    expect(signature.value).toMatch(/^[0-9a-f]{6}…$/)
    expect(signature.raw).toMatch(/^:signature=[0-9a-f]{6}…$/)
    expect(JSON.stringify(opened)).not.toMatch(/signature=[0-9a-f]{7,}/)
  })

  it('a used nonce opens as "already used", not as the clean URL it would inspect as now', async () => {
    const url = signed()
    await load(url)
    const again = await load(url)
    const opened = emulator.openRequest(again.logged.id)!
    expect(opened.inspection.findings.map((f) => f.code)).toContain('NONCE_REUSED')
    // When it was used, in the emulator's clock.
    expect(opened.inspection.findings.find((f) => f.code === 'NONCE_REUSED')!.message).toMatch(
      /already used at the emulator at \d{4}-\d{2}-\d{2}T/
    )
    expect(opened.inspection.findings).toEqual(again.logged.findings)
  })

  it('a JWT keeps its header and claims but not its signature; a path that names nothing still shows its parameters', async () => {
    const page = await load(jwt({ teams: ['Nope'] }))
    const opened = emulator.openRequest(page.logged.id)!
    const token = opened.inspection.params.find((p) => p.name === ':jwt')!
    expect(token.value).toMatch(/^[\w-]+\.[\w-]+\.…$/)
    expect(opened.inspection.params.some((p) => p.source === 'jwt-claim' && p.name === 'teams')).toBe(true)
    const missing = await load(signed().replace('/embed/1-', '/embed/9-'))
    const lost = emulator.openRequest(missing.logged.id)!
    expect(lost.inspection.findings.map((f) => f.code)).toEqual(['EMBED_NOT_FOUND'])
    expect(lost.inspection.params.find((p) => p.name === ':email')!.value).toBe('sam@example.com')
    expect(emulator.openRequest(999_999)).toBeNull()
  })
})
