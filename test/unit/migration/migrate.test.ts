/**
 * Issue 16's migration: a signed URL in the vendor's QuickStart shape becomes a JWT URL that the
 * emulator judges with the same user, permissions, controls and rows, for each seeded persona.
 */
import { describe, expect, it } from 'vitest'
import { migrateSignedUrl } from '../../../main/migration/migrate'
import { seedOrg } from '../../../main/emulator/org'
import { defaultLimits } from '../../../main/protocol/parameters'
import { seedPersonas } from '../../../main/personas/personas-service'
import { inspectEmbed } from '../../../main/inspector/inspector'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { sampleSignedUrl } from '../../fixtures/vendor-samples'

const NOW = 1_790_000_000
const org = seedOrg(new Date(NOW * 1000))
const EMBED = 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn'
const quickstart = (
  user: Parameters<typeof sampleSignedUrl>[1]['user'],
  extra: [string, string][] = [],
  embedPath = EMBED
) => sampleSignedUrl('quickstart', { embedPath, clientId: CLIENT_ID, secret: SECRET, user, now: NOW - 30, extra })
const migrate = (url: string) => migrateSignedUrl({ url, secret: SECRET, org, now: NOW, limits: defaultLimits })

describe('a QuickStart signed URL, migrated', () => {
  it.each(seedPersonas)(
    '$name: the JWT URL loads with the same user, permissions, controls and rows',
    async (persona) => {
      const url = quickstart(
        {
          email: persona.email!,
          externalUserId: persona.externalUserId!,
          teams: persona.teams!,
          accountType: persona.accountType!
        },
        [['Region-Control', 'West']]
      )
      const result = await migrate(url)
      expect(result.equivalence.differences).toEqual([])
      expect(result.equivalence.equivalent).toBe(true)
      const facts = result.equivalence.jwtUrl.facts!
      expect(facts.email).toBe(persona.email)
      expect(facts.permissions.length).toBeGreaterThan(0)
      expect(facts.controls).toEqual({ 'Region-Control': 'West' })
      expect(facts.rows).toBeGreaterThan(0)
      expect(result.jwtUrl).toMatch(
        /^https:\/\/app\.sigmacomputing\.com\/plugs-electronics\/workbook\/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn\?:jwt=[\w-]+\.[\w-]+\.[\w-]+&:embed=true&Region-Control=West$/
      )
      expect(result.header).toMatchObject({ alg: 'HS256', kid: CLIENT_ID })
      expect(result.claims).toMatchObject({
        sub: persona.email,
        teams: persona.teams,
        account_type: persona.accountType,
        iat: NOW,
        exp: NOW + 600
      })
      // The app's own inspector verifies the JWT it made.
      expect(
        inspectEmbed(result.jwtUrl, {
          credentials: [{ name: 's', clientId: CLIENT_ID, secret: SECRET, status: 'active' }],
          now: NOW
        }).signature
      ).toBe('valid')
    }
  )

  it('says where every parameter went, or why it was dropped, with the source of each rule', async () => {
    const result = await migrate(
      quickstart(
        {
          email: 'ada@example.com',
          externalUserId: 'ada',
          teams: ['Sales_People'],
          accountType: 'Viewer',
          userAttributes: { Region: 'West' }
        },
        [
          [':theme', 'Dark'],
          [':hide_workbook_name', 'true']
        ]
      )
    )
    const to = Object.fromEntries(result.mapping.map((r) => [r.param, [r.to, r.as]]))
    expect(to).toMatchObject({
      ':nonce': ['claim', 'jti'],
      ':client_id': ['header', 'kid'],
      ':email': ['claim', 'sub'],
      ':external_user_id': ['dropped', null],
      ':external_user_team': ['claim', 'teams'],
      ':mode': ['dropped', null],
      ':session_length': ['claim', 'exp'],
      ':time': ['claim', 'iat'],
      ':ua_Region': ['claim', 'user_attributes.Region'],
      ':theme': ['url', ':theme'],
      ':hide_workbook_name': ['dropped', null],
      ':signature': ['dropped', null],
      path: ['path', '/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn']
    })
    for (const row of result.mapping)
      expect(row.source, row.param).toMatch(/help\.sigmacomputing\.com|embed-protocol|quickstarts/)
    expect(result.claims['user_attributes']).toEqual({ Region: 'West' })
    expect(result.changes.join(' ')).toContain(':hide_workbook_name is not carried by a JWT URL')
    expect(result.changes.join(' ')).toContain(':external_user_id (ada) has no JWT claim')
    // Row-level security by the Region attribute: fewer rows, the same with both.
    const facts = result.equivalence.jwtUrl.facts!
    expect(result.equivalence.signedUrl.facts!.rows).toBe(facts.rows)
    expect(facts.attributes).toEqual({ Region: ['West'] })
  })

  it('a page and a version tag keep their place in the workbook URL form', async () => {
    const page = await migrate(
      quickstart(
        { email: 'a@example.com', teams: ['Sales_People'] },
        [],
        'https://app.sigmacomputing.com/embed/2-5Rq2dXbWzP8tYkL0mN3vHa/tag/production'
      )
    )
    expect(page.jwtUrl).toContain('/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn/page/Dashboard/tag/production?:jwt=')
    expect(page.equivalence.differences).toEqual([])
    expect(page.equivalence.jwtUrl.facts!.version).toBe(2)
  })

  it('names each difference, and refuses what is not a signed URL', async () => {
    const refused = await migrate(quickstart({ email: 'a@example.com', teams: ['No_Such_Team'] }))
    expect(refused.equivalence.equivalent).toBe(false)
    expect(refused.equivalence.differences.join(' ')).toMatch(/refuses the signed URL/)
    await expect(migrate('https://app.sigmacomputing.com/embed/1-x?:nonce=1')).rejects.toThrow(/signed embed URL/)
    await expect(
      migrate(quickstart({ email: 'a@example.com', teams: [] }, [], 'https://app.sigmacomputing.com/embed/1-unknown'))
    ).rejects.toThrow(/not an embed path of the emulator's org/)
  })
})
