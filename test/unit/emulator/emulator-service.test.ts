/** The emulator as the app runs it, through the dispatcher: settings, org editing, people, reset. */
import { createHmac, randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../main/core/dispatch'
import { createHandlers, createServices, type Services } from '../../../main/services'
import type { ChannelName, ChannelResult, Result } from '../../../preload/contract'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { fastScrypt, tempDir, unwrap } from '../helpers'

const running: Services[] = []
afterEach(async () => {
  for (const s of running.splice(0)) await s.emulator.stop()
})

async function setUp() {
  const services = await createServices({ dataDir: tempDir(), scryptParams: fastScrypt })
  running.push(services)
  await services.vault.setUp('a long enough passphrase', 'a long enough passphrase')
  const handlers = createHandlers(services)
  const call = <K extends ChannelName>(channel: K, input?: unknown) =>
    dispatch(handlers, channel, input) as Promise<Result<ChannelResult<K>>>
  unwrap(await call('importCredential', { name: 'Staging', clientId: CLIENT_ID, secret: SECRET }))
  await services.emulator.updateSettings({ port: 0 })
  await services.emulator.start(0)
  return { services, call }
}

function url(base: string, user: { team: string; accountType: string }) {
  const unsigned = `${base}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn?:nonce=${randomUUID()}&:client_id=${CLIENT_ID}&:email=u@example.com&:external_user_id=u&:external_user_team=${user.team}&:account_type=${user.accountType}&:mode=userbacked&:session_length=600&:time=${Math.floor(Date.now() / 1000)}`
  return `${unsigned}&:signature=${createHmac('sha256', SECRET).update(unsigned).digest('hex')}`
}

describe('emulator service', () => {
  it('status lists the org, embed paths in both forms and no one but the internal admin', async () => {
    const { call } = await setUp()
    const status = unwrap(await call('getEmulator'))
    expect(status).toMatchObject({ running: true, teams: ['Sales_Managers', 'Sales_People'] })
    expect(status.targets[0]!.embedPath).toBe(`${status.baseUrl}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`)
    expect(status.targets[0]!.workbookUrl).toBe(
      `${status.baseUrl}/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn`
    )
    expect(status.people.map((p) => p.kind)).toEqual(['internal'])
  })

  it('a custom account type and a new team, shared at Explore, open the workbook for that user', async () => {
    const { call } = await setUp()
    const base = unwrap(await call('getEmulator')).baseUrl!
    expect((await fetch(url(base, { team: 'Finance', accountType: 'Analyst' }))).status).toBe(400)
    unwrap(
      await call('updateEmulatorOrg', {
        teams: ['Sales_Managers', 'Sales_People', 'Finance'],
        accountTypes: [
          { name: 'Viewer', permissions: ['view'] },
          { name: 'Creator', permissions: ['view', 'explore', 'edit', 'download'] },
          { name: 'Analyst', permissions: ['explore'] }
        ]
      })
    )
    expect((await fetch(url(base, { team: 'Finance', accountType: 'Analyst' }))).status).toBe(403) // not shared yet
    const status = unwrap(
      await call('updateEmulatorOrg', {
        shares: {
          workbookId: '3kxOdcUS4xsaEFdy1Wkwgn',
          shares: [
            { team: 'Sales_Managers', level: 'Manage' },
            { team: 'Sales_People', level: 'View' },
            { team: 'Finance', level: 'Explore' }
          ]
        }
      })
    )
    expect(status.accountTypes.find((a) => a.name === 'Analyst')!.permissions).toEqual(['view', 'explore'])
    const page = await (await fetch(url(base, { team: 'Finance', accountType: 'Analyst' }))).text()
    expect(page).toContain('"permissions":["view","explore"]')
  })

  it('refuses an org that would not hold together, and changes nothing', async () => {
    const { call } = await setUp()
    expect(await call('updateEmulatorOrg', { teams: ['Sales_Managers'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'teams', message: expect.stringContaining('Sales_People') }
    })
    expect(await call('updateEmulatorOrg', { teams: ['A', 'a', 'Sales_Managers', 'Sales_People'] })).toMatchObject({
      ok: false,
      error: { field: 'teams', message: expect.stringContaining('twice') }
    })
    expect(
      await call('updateEmulatorOrg', {
        shares: { workbookId: '3kxOdcUS4xsaEFdy1Wkwgn', shares: [{ team: 'Nobody', level: 'View' }] }
      })
    ).toMatchObject({ ok: false, error: { field: 'shares' } })
    expect(await call('updateEmulatorOrg', { accountTypes: [{ name: ' ', permissions: [] }] })).toMatchObject({
      ok: false,
      error: { field: 'accountTypes' }
    })
    expect(unwrap(await call('getEmulator')).teams).toEqual(['Sales_Managers', 'Sales_People'])
  })

  it('settings: online hosts must be https origins; time travel expires a fresh URL', async () => {
    const { call } = await setUp()
    expect(await call('updateEmulatorSettings', { onlineHosts: ['http://example.com'] })).toMatchObject({
      ok: false,
      error: { field: 'onlineHosts' }
    })
    expect(
      unwrap(await call('updateEmulatorSettings', { onlineHosts: ['https://app.sigmacomputing.com/some/path'] }))
        .settings.onlineHosts
    ).toEqual(['https://app.sigmacomputing.com'])
    const base = unwrap(await call('getEmulator')).baseUrl!
    unwrap(await call('updateEmulatorSettings', { timeOffsetSeconds: 86_400 }))
    expect((await fetch(url(base, { team: 'Sales_People', accountType: 'Viewer' }))).status).toBe(403)
    const log = unwrap(await call('listEmulatorRequests', {}))
    expect(log.at(-1)!.findings.map((f) => f.code)).toContain('EXPIRED')
  })

  it('people: an embed user appears on first access and can be deactivated; reset keeps the settings', async () => {
    const { call } = await setUp()
    const base = unwrap(await call('getEmulator')).baseUrl!
    expect((await fetch(url(base, { team: 'Sales_People', accountType: 'Viewer' }))).status).toBe(200)
    expect(unwrap(await call('getEmulator')).people.find((p) => p.email === 'u@example.com')).toMatchObject({
      kind: 'embed',
      name: 'Embed User'
    })
    unwrap(await call('setPersonDeactivated', { email: 'u@example.com', deactivated: true }))
    expect((await fetch(url(base, { team: 'Sales_People', accountType: 'Viewer' }))).status).toBe(403)
    unwrap(await call('updateEmulatorSettings', { clockSkewSeconds: 60 }))
    const reset = unwrap(await call('resetEmulatorOrg'))
    expect(reset.people.map((p) => p.kind)).toEqual(['internal'])
    expect(reset.settings.clockSkewSeconds).toBe(60)
  })
})

describe('one verdict: the inspector asks the emulator what only the host knows (issue 12, item 6)', () => {
  it('a URL already used at the emulator does not inspect clean; an unknown team and an unknown account type are named', async () => {
    const { services, call } = await setUp()
    const base = services.emulator.status().baseUrl!
    const used = url(base, { team: 'Sales_People', accountType: 'Viewer' })
    const fresh = unwrap(await call('inspectEmbed', { input: used }))
    expect(fresh.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect((await fetch(used)).status).toBe(200)
    const again = unwrap(await call('inspectEmbed', { input: used }))
    const reused = again.findings.find((f) => f.code === 'NONCE_REUSED')!
    expect(reused.severity).toBe('error')
    expect(reused.message).toMatch(/emulator/)
    // Inspecting is read-only: it burns no nonce and creates no user.
    const unseen = url(base, { team: 'Sales_People', accountType: 'Viewer' })
    unwrap(await call('inspectEmbed', { input: unseen }))
    expect((await fetch(unseen)).status).toBe(200)
    const team = unwrap(await call('inspectEmbed', { input: url(base, { team: 'Finance', accountType: 'Viewer' }) }))
    expect(team.findings.map((f) => f.code)).toContain('TEAM_UNKNOWN')
    const type = unwrap(
      await call('inspectEmbed', { input: url(base, { team: 'Sales_People', accountType: 'Explorer' }) })
    )
    expect(type.findings.map((f) => f.code)).toContain('ACCOUNT_TYPE_UNKNOWN')
    // A URL for another host is judged by the inspector alone.
    const elsewhere = unwrap(
      await call('inspectEmbed', {
        input: url('https://app.sigmacomputing.com', { team: 'Finance', accountType: 'Viewer' })
      })
    )
    expect(elsewhere.findings.map((f) => f.code)).not.toContain('TEAM_UNKNOWN')
  })
})
