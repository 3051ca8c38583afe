/**
 * The emulator on a real 127.0.0.1 socket, driven by a small parent app written the way the
 * vendor's QuickStart writes its server: its own HMAC and JWT code, not ours.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KnownCredential } from '../../../main/inspector/inspector'
import { openOrg, type OrgStore } from '../../../main/emulator/org'
import { hostMessages } from '../../../main/emulator/verify'
import { startEmulator, type Emulator, type WorkbookBootstrap } from '../../../main/emulator/server'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'

let dir: string
let emulator: Emulator
let org: OrgStore
let credentials: KnownCredential[] = [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' }]

/** The parent app's embed API, QuickStart style. */
function quickstartUrl(
  user: { email: string; team: string; accountType?: string; ua?: Record<string, string>; extra?: string },
  path = `/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`
): string {
  let searchParams = `?:nonce=${randomUUID()}`
  searchParams += `&:client_id=${CLIENT_ID}`
  searchParams += `&:email=${user.email}`
  searchParams += `&:external_user_id=${user.email}`
  searchParams += `&:external_user_team=${user.team}`
  if (user.accountType) searchParams += `&:account_type=${user.accountType}`
  searchParams += '&:mode=userbacked'
  searchParams += '&:session_length=600'
  searchParams += `&:time=${Math.floor(Date.now() / 1000)}`
  for (const [name, value] of Object.entries(user.ua ?? {})) searchParams += `&:ua_${name}=${value}`
  searchParams += user.extra ?? ''
  const urlWithSearchParams = emulator.baseUrl + path + searchParams
  const signature = createHmac('sha256', Buffer.from(SECRET, 'utf8'))
    .update(Buffer.from(urlWithSearchParams, 'utf8'))
    .digest('hex')
  return `${urlWithSearchParams}&:signature=${signature}`
}

/** The parent app's JWT code: header and claims by hand, HS256 with node:crypto. */
function quickstartJwtUrl(claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const body = `${enc({ alg: 'HS256', typ: 'JWT', kid: CLIENT_ID })}.${enc({ jti: randomUUID(), iat: now, exp: now + 600, ver: '1.1', aud: 'sigmacomputing', ...claims })}`
  const token = `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`
  return `${emulator.baseUrl}/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn?:jwt=${token}&:embed=true`
}

async function load(url: string) {
  const response = await fetch(url)
  const html = await response.text()
  const json = /<script type="application\/json" id="ewb-bootstrap">(.*?)<\/script>/s.exec(html)?.[1]
  return { status: response.status, html, headers: response.headers, bootstrap: JSON.parse(json!) as WorkbookBootstrap }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ewb-emulator-'))
  org = openOrg({ dataDir: dir })
  emulator = await startEmulator({ org, credentials: async () => credentials, port: 0, pageDir: join(dir, 'no-build') })
})
afterAll(async () => {
  await emulator.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the emulator, as a customer parent app sees it', () => {
  it('the first load renders the workbook, and creates the embed user', async () => {
    const page = await load(
      quickstartUrl({ email: 'sales.manager@example.com', team: 'Sales_Managers', accountType: 'Creator' })
    )
    expect(page.status).toBe(200)
    expect(page.bootstrap.error).toBeNull()
    expect(page.bootstrap.session).toMatchObject({
      workbookName: 'Plugs Sales',
      permissions: ['view', 'explore', 'edit', 'download']
    })
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors')
    const person = org.get().people.find((p) => p.email === 'sales.manager@example.com')
    expect(person).toMatchObject({
      kind: 'embed',
      name: 'Embed User',
      accountType: 'Creator',
      teams: ['Sales_Managers']
    })
  })

  it('the same URL again fails with the documented message', async () => {
    const url = quickstartUrl({ email: 'sales.person@example.com', team: 'Sales_People', accountType: 'Viewer' })
    expect((await load(url)).status).toBe(200)
    const again = await load(url)
    expect(again.status).toBe(400)
    expect(again.bootstrap.error).toEqual({ code: 'EINVAL', message: hostMessages.invalidRequest })
    const entry = emulator.requests().at(-1)!
    expect(entry.findings.map((f) => f.code)).toContain('NONCE_REUSED')
  })

  it('a tampered URL fails with "Invalid embed signature", and the log names what changed', async () => {
    const url = quickstartUrl({
      email: 'sales.person@example.com',
      team: 'Sales_People',
      accountType: 'Viewer'
    }).replace('Viewer', 'Creator')
    const page = await load(url)
    expect(page.status).toBe(403)
    // The signed-URL error page lists this message among those shown without a code.
    expect(page.bootstrap.error).toEqual({ code: null, message: hostMessages.badSignature })
    const entry = emulator.requests().at(-1)!
    expect(entry).toMatchObject({ verdict: 'refused', hostCode: null })
    expect(entry.findings.map((f) => f.code)).toContain('SIGNATURE_INVALID')
    expect(entry.url).toMatch(/&:signature=[0-9a-f]{6}…$/)
  })

  it('a Viewer gets view only; a Sales_People Creator is narrowed by the View share', async () => {
    const viewer = await load(quickstartUrl({ email: 'v@example.com', team: 'Sales_People', accountType: 'Viewer' }))
    expect(viewer.bootstrap.session!.permissions).toEqual(['view'])
    const creatorOnViewShare = await load(
      quickstartUrl({ email: 'c@example.com', team: 'Sales_People', accountType: 'Creator' })
    )
    expect(creatorOnViewShare.bootstrap.session!.permissions).toEqual(['view', 'download'])
  })

  it('a user with Region=West sees only West rows (row-level security)', async () => {
    const all = await load(quickstartUrl({ email: 'all@example.com', team: 'Sales_Managers', accountType: 'Creator' }))
    const west = await load(
      quickstartUrl({
        email: 'west@example.com',
        team: 'Sales_Managers',
        accountType: 'Creator',
        ua: { Region: 'West' }
      })
    )
    expect(all.bootstrap.rows.length).toBe(3000)
    expect(new Set(all.bootstrap.rows.map((r) => r.region)).size).toBe(4)
    expect(west.bootstrap.rows.length).toBeGreaterThan(100)
    expect(new Set(west.bootstrap.rows.map((r) => r.region))).toEqual(new Set(['West']))
    expect(west.bootstrap.rowFilter).toEqual({ region: ['West'] })
  })

  it('controls are set from the URL', async () => {
    const page = await load(
      quickstartUrl({
        email: 'x@example.com',
        team: 'Sales_Managers',
        accountType: 'Creator',
        extra: '&Region-Control=East&:theme=Dark'
      })
    )
    expect(page.bootstrap.session!.controls).toEqual({ 'Region-Control': 'East' })
    expect(page.bootstrap.session!.display.theme).toBe('Dark')
  })

  it('a revoked credential is refused', async () => {
    credentials = [{ ...credentials[0]!, status: 'revoked' }]
    try {
      const page = await load(quickstartUrl({ email: 'x@example.com', team: 'Sales_Managers', accountType: 'Creator' }))
      expect(page.status).toBe(403)
      expect(page.bootstrap.error).toEqual({ code: null, message: hostMessages.noPermission })
      expect(
        emulator
          .requests()
          .at(-1)!
          .findings.map((f) => f.code)
      ).toContain('CREDENTIAL_REVOKED')
    } finally {
      credentials = [{ ...credentials[0]!, status: 'active' }]
    }
  })

  it.each([
    [
      'an unknown team',
      { email: 'x@example.com', team: 'Sales_Manager', accountType: 'Creator' },
      hostMessages.teamsUnknown,
      'TEAM_UNKNOWN'
    ],
    [
      'an unknown account type',
      { email: 'x@example.com', team: 'Sales_Managers', accountType: 'Wizard' },
      hostMessages.invalidRequest,
      'ACCOUNT_TYPE_UNKNOWN'
    ],
    [
      'an invalid email',
      { email: 'not-an-email', team: 'Sales_Managers', accountType: 'Creator' },
      hostMessages.emailInvalid,
      'EMAIL_INVALID'
    ],
    [
      'an internal user with an account type',
      { email: 'admin@plugs.example', team: 'Sales_Managers', accountType: 'Creator' },
      hostMessages.internalAccountType,
      'INTERNAL_USER_ACCOUNT_TYPE'
    ]
  ])('refuses %s with the documented message', async (_label, user, message, code) => {
    const page = await load(quickstartUrl(user))
    expect(page.bootstrap.error!.message).toBe(message)
    expect(
      emulator
        .requests()
        .at(-1)!
        .findings.map((f) => f.code)
    ).toContain(code)
  })

  it("refuses a workbook not shared with the user's team, and a deactivated user", async () => {
    org.update((o) => ({ ...o, teams: [...o.teams, { name: 'Finance' }] }))
    expect(
      (await load(quickstartUrl({ email: 'f@example.com', team: 'Finance', accountType: 'Viewer' }))).bootstrap.error!
        .message
    ).toBe(hostMessages.noPermission)
    expect(
      emulator
        .requests()
        .at(-1)!
        .findings.map((f) => f.code)
    ).toContain('WORKBOOK_NOT_SHARED')
    org.update((o) => ({
      ...o,
      people: o.people.map((p) => (p.email === 'v@example.com' ? { ...p, deactivated: true } : p))
    }))
    const page = await load(quickstartUrl({ email: 'v@example.com', team: 'Sales_People', accountType: 'Viewer' }))
    expect(page.bootstrap.error).toEqual({ code: 'ENOENT', message: hostMessages.noPermission })
  })

  it('an unknown embed path answers "Embed not found" (404)', async () => {
    const page = await load(quickstartUrl({ email: 'x@example.com', team: 'Sales_Managers' }, '/embed/1-doesNotExist'))
    expect(page.status).toBe(404)
    expect(page.bootstrap.error).toEqual({ code: null, message: hostMessages.notFound })
  })

  it('accepts the JWT form at the workbook URL, and refuses an expired token with the documented message', async () => {
    const ok = await load(
      quickstartJwtUrl({
        sub: 'jwt.user@example.com',
        teams: ['Sales_People'],
        account_type: 'Viewer',
        user_attributes: { Region: 'East' }
      })
    )
    expect(ok.status).toBe(200)
    expect(new Set(ok.bootstrap.rows.map((r) => r.region))).toEqual(new Set(['East']))
    const expired = await load(
      quickstartJwtUrl({ sub: 'jwt.user@example.com', teams: ['Sales_People'], iat: 1_700_000_000, exp: 1_700_000_600 })
    )
    expect(expired.bootstrap.error).toEqual({ code: 'EINVAL', message: hostMessages.expired })
    // Whitespace in "sub" is refused; an underscore only warns (see the QuickStarts' default user below).
    const bad = await load(quickstartJwtUrl({ sub: 'jwt user@example.com', teams: ['Sales_People'] }))
    expect(bad.bootstrap.error!.message).toBe(hostMessages.badSub)
  })

  it('logs every request with its verdict; the log never holds a usable URL', async () => {
    const entries = emulator.requests()
    expect(entries.length).toBeGreaterThan(10)
    for (const e of entries) expect(e.url).not.toMatch(/signature=[0-9a-f]{64}/)
    expect(entries.filter((e) => e.verdict === 'allowed').length).toBeGreaterThan(3)
  })
})

describe('the emulator answers only to its own host names', () => {
  async function withHost(host: string, path = '/') {
    const { request } = await import('node:http')
    const port = Number(new URL(emulator.baseUrl).port)
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
        let body = ''
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      req.end()
    })
  }

  it('a foreign or malformed Host gets a refusal, not org data or a stack trace', async () => {
    const port = new URL(emulator.baseUrl).port
    for (const host of ['evil.example', `evil.example:${port}`, 'bad host', '[zz', `127.0.0.2:${port}`]) {
      const reply = await withHost(host)
      expect(reply.status, host).toBe(421)
      expect(reply.body, host).not.toContain(org.get().slug)
      expect(reply.body, host).not.toMatch(/\bat .*\.(ts|js):\d+/)
    }
    const embed = await withHost('evil.example', '/embed/1-3kxOdcUS4xsaEFdy1Wkwgn?:nonce=x')
    expect(embed.status).toBe(421)
  })

  it('its loopback names still work', async () => {
    const port = new URL(emulator.baseUrl).port
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const reply = await withHost(host)
      expect(reply.status, host).toBe(200)
      expect(reply.body).toContain(org.get().slug)
    }
  })
})

describe('one-time ids (issue 11, item 8)', () => {
  it('a replay after a restart of the emulator is still refused; the ledger file holds no raw nonce', async () => {
    const ledgerDir = mkdtempSync(join(tmpdir(), 'ewb-ledger-'))
    const ledgerFile = join(ledgerDir, 'emulator-ledger.txt')
    const options = { org, credentials: async () => credentials, port: 0, pageDir: join(dir, 'no-build'), ledgerFile }
    const first = await startEmulator(options)
    const signed = quickstartUrl({ email: 'sales.person@example.com', team: 'Sales_People', accountType: 'Viewer' })
    const url = signed.replace(emulator.baseUrl, first.baseUrl)
    // Re-sign for this emulator's origin: the signature covers the URL as received.
    const unsigned = url.split('&:signature=')[0]!
    const resigned = `${unsigned}&:signature=${createHmac('sha256', SECRET).update(unsigned).digest('hex')}`
    expect((await fetch(resigned)).status).toBe(200)
    const jwtUrl = quickstartJwtUrl({ sub: 'sales.person@example.com', teams: ['Sales_People'] }).replace(
      emulator.baseUrl,
      first.baseUrl
    )
    expect((await fetch(jwtUrl)).status).toBe(200)
    await first.close()
    const nonce = /:nonce=([^&]+)/.exec(resigned)![1]!
    expect(readFileSync(ledgerFile, 'utf8')).not.toContain(nonce)
    const second = await startEmulator({ ...options, port: first.port })
    try {
      expect((await fetch(resigned)).status).toBe(400)
      expect((await fetch(jwtUrl)).status).toBe(400)
      expect(second.requests().map((r) => r.findings.map((f) => f.code).includes('NONCE_REUSED'))).toEqual([true, true])
    } finally {
      await second.close()
      rmSync(ledgerDir, { recursive: true, force: true })
    }
  })

  it('a numeric, an object or an empty jti, and an empty :nonce, are refused', async () => {
    for (const jti of [5, { a: 1 }, '']) {
      const page = await load(quickstartJwtUrl({ sub: 'sales.person@example.com', teams: ['Sales_People'], jti }))
      expect(page.status, JSON.stringify(jti)).toBe(400)
      expect(
        emulator
          .requests()
          .at(-1)!
          .findings.map((f) => f.code)
      ).toContain('JWT_CLAIM_INVALID')
    }
    const unsigned = quickstartUrl({ email: 'sales.person@example.com', team: 'Sales_People', accountType: 'Viewer' })
      .split('&:signature=')[0]!
      .replace(/:nonce=[^&]+/, ':nonce=')
    const page = await load(`${unsigned}&:signature=${createHmac('sha256', SECRET).update(unsigned).digest('hex')}`)
    expect(page.status).toBe(400)
    expect(
      emulator
        .requests()
        .at(-1)!
        .findings.find((f) => f.param === ':nonce')?.code
    ).toBe('PARAM_VALUE_INVALID')
  })
})

describe('unauthenticated requests cannot stall the process (issue 11, item 5)', () => {
  it('a tampered 13 KB URL (600 parameters) gets a bounded forensics run, and the log says the budget ran out', async () => {
    const ua = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`attr${i}`, `value${i}`]))
    const url = quickstartUrl({ email: 'sales.person@example.com', team: 'Sales_People', accountType: 'Viewer', ua })
    // The tests before spent some of this second's shared forensics time (more on a loaded machine):
    // start a fresh window, so this request gets the whole per-request budget.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const page = await load(url.replace(':ua_attr7=value7', ':ua_attr7=qz81'))
    expect(page.status).toBe(403)
    const invalid = emulator
      .requests()
      .at(-1)!
      .findings.find((f) => f.code === 'SIGNATURE_INVALID')!
    expect(invalid.message).toMatch(/forensics budget of 4 MB hashed or 20 ms ran out/)
  })
})

describe('account types by license model (issue 12, item 1)', () => {
  const jwtFor = (accountType: string) =>
    quickstartJwtUrl({ sub: 'sales.person@example.com', teams: ['Sales_Managers'], account_type: accountType })

  it('the seeded org accepts the default names of all three license models, and the log names the model', async () => {
    const cases: [string, string[], RegExp][] = [
      ['Viewer', ['view'], /Viewer \/ Creator \/ Admin/],
      ['Creator', ['view', 'explore', 'edit', 'download'], /Viewer \/ Creator \/ Admin/],
      ['Lite', ['view'], /Lite \/ Essential \/ Pro \/ Admin/],
      ['Essential', ['view', 'explore', 'download'], /Lite \/ Essential \/ Pro \/ Admin/],
      ['Pro', ['view', 'explore', 'edit', 'download'], /Lite \/ Essential \/ Pro \/ Admin/],
      ['View', ['view'], /View \/ Act \/ Analyze \/ Build \/ Admin/],
      ['Act', ['view'], /View \/ Act \/ Analyze \/ Build \/ Admin/],
      ['Analyze', ['view', 'explore', 'download'], /View \/ Act \/ Analyze \/ Build \/ Admin/],
      ['Build', ['view', 'explore', 'edit', 'download'], /View \/ Act \/ Analyze \/ Build \/ Admin/]
    ]
    for (const [name, permissions, model] of cases) {
      const page = await load(jwtFor(name))
      expect(page.status, name).toBe(200)
      expect(page.bootstrap.session!.permissions, name).toEqual(permissions)
      const note = emulator
        .requests()
        .at(-1)!
        .findings.find((f) => f.code === 'ACCOUNT_TYPE_MODEL')
      expect(note?.message, name).toMatch(model)
    }
    const unknown = await load(jwtFor('Explorer'))
    expect(unknown.status).toBe(400)
    expect(
      emulator
        .requests()
        .at(-1)!
        .findings.find((f) => f.code === 'ACCOUNT_TYPE_UNKNOWN')!.message
    ).toMatch(/View, Act, Analyze, Build/)
  })

  it('an org switched to one license model refuses the other models’ names, and says which model they belong to', async () => {
    const before = org.get().settings.licenseModel
    org.update((o) => ({ ...o, settings: { ...o.settings, licenseModel: 'legacy' } }))
    try {
      expect((await load(jwtFor('Creator'))).status).toBe(200)
      const page = await load(jwtFor('View'))
      expect(page.status).toBe(400)
      expect(
        emulator
          .requests()
          .at(-1)!
          .findings.find((f) => f.code === 'ACCOUNT_TYPE_UNKNOWN')!.message
      ).toMatch(
        /"View" is a default account type of the View \/ Act \/ Analyze \/ Build \/ Admin license model; this org uses Viewer \/ Creator \/ Admin/
      )
    } finally {
      org.update((o) => ({ ...o, settings: { ...o.settings, licenseModel: before } }))
    }
  })
})

describe('display parameters the vendor sends on JWT URLs (issue 12, item 2)', () => {
  /**
   * A JWT URL as the vendor's Series 2 QuickStart builds it (quickstarts-public,
   * embedding_qs_series_2_api_use_cases/helpers/build-embed-url.js): ":embed=true", then every UI
   * option from its .env as ":name=value". Written here from that description, not copied.
   */
  function seriesTwoUrl() {
    const base = quickstartJwtUrl({ sub: 'sales.person@example.com', teams: ['Sales_Managers'], account_type: 'Build' })
    const options: [string, string][] = [
      ['disable_auto_refresh', 'false'],
      ['disable_mobile_view', 'false'],
      ['hide_folder_navigation', 'true'],
      ['hide_menu', 'false'],
      ['hide_page_controls', 'false'],
      ['hide_reload_button', 'false'],
      ['hide_title', 'false'],
      ['hide_tooltip', 'false'],
      ['hide_view_select', 'false'],
      ['lng', 'English'],
      ['menu_position', 'top'],
      ['responsive_height', 'true'],
      ['theme', 'Light'],
      ['view_id', 'abc123']
    ]
    return `${base}&${options.map(([k, v]) => `:${k}=${encodeURIComponent(v)}`).join('&')}`
  }

  it('the Series 2 sample URL loads; parameters the docs do not list for JWT URLs are warnings naming both sources', async () => {
    const page = await load(seriesTwoUrl())
    expect(page.status).toBe(200)
    const findings = emulator.requests().at(-1)!.findings
    const disputed = findings.filter((f) => f.code === 'PARAM_SOURCES_DISAGREE').map((f) => f.param)
    expect(disputed.sort()).toEqual(
      [
        ':disable_auto_refresh',
        ':disable_mobile_view',
        ':hide_page_controls',
        ':hide_reload_button',
        ':hide_title',
        ':hide_view_select',
        ':view_id'
      ].sort()
    )
    const one = findings.find((f) => f.param === ':hide_title')!
    expect(one.severity).toBe('warning')
    expect(one.message).toMatch(/quickstarts-public/)
    expect(one.message).toMatch(/embed-url-parameters|help pages/)
    expect(findings.some((f) => f.code === 'PARAM_UNKNOWN')).toBe(false)
  })

  it('with strict parameters on, the same URL is refused as the host may refuse it', async () => {
    org.update((o) => ({ ...o, settings: { ...o.settings, strictParameters: true } }))
    try {
      const page = await load(seriesTwoUrl())
      expect(page.status).toBe(400)
      expect(page.bootstrap.error!.code).toBe('EINVAL')
      expect(
        emulator
          .requests()
          .at(-1)!
          .findings.find((f) => f.param === ':hide_title')!.code
      ).toBe('PARAM_UNKNOWN')
    } finally {
      org.update((o) => ({ ...o, settings: { ...o.settings, strictParameters: false } }))
    }
  })
})

describe("the vendor QuickStarts' default embed user (issue 12, claims)", () => {
  it('sales_person@example.com, View, Sales_People loads: the reference forbids "_" in sub, the samples use one', async () => {
    const page = await load(
      quickstartJwtUrl({ sub: 'sales_person@example.com', teams: ['Sales_People'], account_type: 'View' })
    )
    expect(page.status).toBe(200)
    const note = emulator
      .requests()
      .at(-1)!
      .findings.find((f) => f.code === 'JWT_SUB_UNDERSCORE')!
    expect(note.severity).toBe('warning')
    expect(note.message).toMatch(/quickstarts/i)
    org.update((o) => ({ ...o, settings: { ...o.settings, strictParameters: true } }))
    try {
      const strict = await load(
        quickstartJwtUrl({ sub: 'sales_person@example.com', teams: ['Sales_People'], account_type: 'View' })
      )
      expect(strict.status).toBe(403)
      expect(strict.bootstrap.error!.message).toMatch(/Invalid sub field in payload/)
    } finally {
      org.update((o) => ({ ...o, settings: { ...o.settings, strictParameters: false } }))
    }
  })
})

describe('version tags (issue 12, item 4)', () => {
  const tagged = (tag: string) =>
    quickstartJwtUrl({ sub: 'sales.person@example.com', teams: ['Sales_Managers'] }).replace(
      'Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn?',
      `Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn/tag/${tag}?`
    )
  it('a tag the workbook has loads; a tag it does not have is "Embed not found", naming the tags it has', async () => {
    expect((await load(tagged('production'))).status).toBe(200)
    const missing = await load(tagged('doesnotexist'))
    expect(missing.status).toBe(404)
    expect(missing.bootstrap.error!.code).toBe('ENOENT')
    const f = emulator
      .requests()
      .at(-1)!
      .findings.find((x) => x.code === 'EMBED_NOT_FOUND')!
    expect(f.message).toMatch(/"doesnotexist"/)
    expect(f.message).toMatch(/production/)
    expect((await load(tagged('%E0%A4%A'))).status).toBe(404)
  })
})

describe('automatic user creation (issue 12, item 3)', () => {
  it('with it off, a user the org does not have is refused with EPERM; a known user still loads', async () => {
    org.update((o) => ({ ...o, settings: { ...o.settings, autoCreateUsers: false } }))
    try {
      const stranger = await load(quickstartJwtUrl({ sub: 'new.person@example.com', teams: ['Sales_Managers'] }))
      expect(stranger.status).toBe(403)
      expect(stranger.bootstrap.error!.code).toBe('EPERM')
      expect(
        emulator
          .requests()
          .at(-1)!
          .findings.map((f) => f.code)
      ).toContain('USER_NOT_PROVISIONED')
      expect(org.get().people.some((p) => p.email === 'new.person@example.com')).toBe(false)
      // sales.person@example.com was created by earlier loads.
      expect(
        (await load(quickstartJwtUrl({ sub: 'sales.person@example.com', teams: ['Sales_Managers'] }))).status
      ).toBe(200)
    } finally {
      org.update((o) => ({ ...o, settings: { ...o.settings, autoCreateUsers: true } }))
    }
  })
})

describe('the org is read without a copy (issue 18, item 1)', () => {
  it('every read is the same frozen org: a reader cannot change it in place; update makes the next one', () => {
    const store = openOrg({ dataDir: mkdtempSync(join(tmpdir(), 'ewb-org-')) })
    const first = store.get()
    expect(store.get()).toBe(first)
    expect(() => {
      ;(first.teams as { name: string }[]).push({ name: 'Intruders' })
    }).toThrow(TypeError)
    const next = store.update((o) => ({ ...o, teams: [...o.teams, { name: 'Finance_Team' }] }))
    expect(store.get()).toBe(next)
    expect(store.get().teams.map((t) => t.name)).toContain('Finance_Team')
    expect(first.teams.map((t) => t.name)).not.toContain('Finance_Team')
  })
})

describe('the page carries the session as signed', () => {
  it('a user attribute holding "$&" or "$`" reaches the page as it is (not read as a replacement pattern)', async () => {
    const value = 'a$&b$`c'
    const page = await load(
      quickstartUrl({
        email: 'sales.person@example.com',
        team: 'Sales_People',
        ua: { Note: encodeURIComponent(value) }
      })
    )
    expect(page.bootstrap.error).toBeNull()
    expect(page.status).toBe(200)
    expect(page.bootstrap.session?.identity.userAttributes).toMatchObject({ Note: [value] })
    expect(page.bootstrap.rows.length).toBeGreaterThan(0)
  })
})
