/**
 * Issue 12, item 7: URLs in the shapes of the vendor's sample code (test/fixtures/vendor-samples.ts)
 * against the emulator, for every license model and every parameter and claim in the catalogue.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LicenseModel } from '../../../preload/contract'
import { licenseModelTypes } from '../../../main/emulator/account-types'
import type { OrgStore } from '../../../main/emulator/org'
import type { Emulator } from '../../../main/emulator/server'
import { fetchPage, startSampleEmulator, type SampleEmulator } from '../../fixtures/emulator-page'
import { jwtClaims, jwtUrlParams, signedUrlParams, type ParamSpec } from '../../../main/protocol/parameters'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { sampleJwtUrl, sampleSignedUrl, signedUrlStyles, type SampleUser } from '../../fixtures/vendor-samples'

let sample: SampleEmulator
let emulator: Emulator
let org: OrgStore

beforeAll(async () => {
  sample = await startSampleEmulator('ewb-samples-')
  ;({ emulator, org } = sample)
})
afterAll(() => sample.close())
beforeEach(() => {
  org.reset()
  setModel('all')
})

const embedPath = () => `${emulator.baseUrl}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`
const workbookUrl = () => `${emulator.baseUrl}/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn`
const setModel = (licenseModel: LicenseModel) =>
  org.update((o) => ({ ...o, settings: { ...o.settings, licenseModel } }))

async function load(url: string) {
  const page = await fetchPage(url)
  return { ...page, findings: emulator.requests().at(-1)!.findings }
}

const manager = (accountType: string): SampleUser => ({
  email: `${accountType.toLowerCase()}.user@example.com`,
  teams: ['Sales_Managers'],
  accountType
})

describe('every license model, every default account type, every sample shape', () => {
  for (const [model, types] of Object.entries(licenseModelTypes) as [
    Exclude<LicenseModel, 'all'>,
    (typeof licenseModelTypes)['legacy']
  ][]) {
    it(`${model}: each default type loads from each signed-URL sample and the JWT sample, with its permissions`, async () => {
      setModel(model)
      for (const type of types) {
        const urls = [
          ...signedUrlStyles.map((style) =>
            sampleSignedUrl(style, {
              embedPath: embedPath(),
              clientId: CLIENT_ID,
              secret: SECRET,
              user: manager(type.name)
            })
          ),
          sampleJwtUrl({
            workbookUrl: workbookUrl(),
            clientId: CLIENT_ID,
            secret: SECRET,
            claims: { sub: manager(type.name).email, account_type: type.name, teams: ['Sales_Managers'] }
          })
        ]
        for (const url of urls) {
          const page = await load(url)
          expect(page.status, `${type.name}: ${page.bootstrap.error?.message}`).toBe(200)
          // The Manage share allows everything, so the account type alone decides.
          expect(page.bootstrap.session!.permissions.sort()).toEqual([...type.permissions].sort())
          expect(page.findings.find((f) => f.code === 'ACCOUNT_TYPE_MODEL')?.message).toMatch(type.name)
        }
      }
    })

    it(`${model}: a default name of another model is refused, naming the model it belongs to`, async () => {
      setModel(model)
      const foreign = model === 'legacy' ? 'Build' : 'Creator'
      const page = await load(
        sampleSignedUrl('quickstart', {
          embedPath: embedPath(),
          clientId: CLIENT_ID,
          secret: SECRET,
          user: manager(foreign)
        })
      )
      expect(page.status).toBe(400)
      expect(page.bootstrap.error!.code).toBe('EINVAL')
      const f = page.findings.find((x) => x.code === 'ACCOUNT_TYPE_UNKNOWN')!
      expect(f.message).toMatch(foreign)
      expect(f.message).toMatch(model === 'legacy' ? /View \/ Act|Build/ : /legacy|Viewer \/ Creator/i)
    })
  }
})

/** A value the catalogue allows for the parameter, and the parameters it needs. */
function sampleParams(p: ParamSpec): [string, string][] {
  const named: Record<string, string> = {
    ':theme': 'Light',
    ':lng': 'fr',
    ':lng_variant': 'CA',
    ':first_name': 'Sam',
    ':last_name': 'Seller',
    ':eval_connection_id': 'b7a4d2c0-1e3f-4a5b-8c9d-0e1f2a3b4c5d',
    ':oauth_token': 'opaque-token',
    ':loading_bg': 'white',
    ':loading_text': 'Loading',
    ':explore': 'true',
    ':bookmark': 'bm-1',
    ':view_id': 'view-1'
  }
  const valueOf = (q: ParamSpec) => named[q.name] ?? q.values?.[0] ?? 'true'
  const needed = (p.needs ?? []).map((n): [string, string] => [n, valueOf(signedUrlParams.find((q) => q.name === n)!)])
  return [[p.name, valueOf(p)], ...needed]
}

const optional = (list: readonly ParamSpec[]) =>
  list.filter((p) => !p.required && p.kind !== 'security' && p.kind !== 'identity')

describe('every parameter in the catalogue, as the samples send it', () => {
  it('each optional signed-URL parameter loads in every sample encoding, with no unknown-parameter finding', async () => {
    for (const p of optional(signedUrlParams)) {
      for (const style of signedUrlStyles) {
        const page = await load(
          sampleSignedUrl(style, {
            embedPath: embedPath(),
            clientId: CLIENT_ID,
            secret: SECRET,
            user: manager('Creator'),
            extra: sampleParams(p)
          })
        )
        expect(page.status, `${p.name} (${style}): ${page.findings.map((f) => f.code).join()}`).toBe(200)
        expect(page.findings.filter((f) => f.param === p.name && f.severity === 'error')).toEqual([])
      }
    }
  })

  it('each JWT-URL display parameter loads; a disputed one warns naming both sources; a signed-URL-only one is refused', async () => {
    const jwt = (params: [string, string][]) =>
      sampleJwtUrl({
        workbookUrl: workbookUrl(),
        clientId: CLIENT_ID,
        secret: SECRET,
        claims: { account_type: 'Build', teams: ['Sales_Managers'] },
        params
      })
    for (const p of optional(jwtUrlParams)) {
      const page = await load(jwt(sampleParams(p)))
      expect(page.status, `${p.name}: ${page.findings.map((f) => f.code).join()}`).toBe(200)
      const mine = page.findings.filter((f) => f.param === p.name)
      if (p.jwtUrlDisputed) {
        expect(mine.map((f) => f.code)).toEqual(['PARAM_SOURCES_DISAGREE'])
        expect(mine[0]!.message).toMatch(/quickstarts-public/)
      } else {
        expect(mine.filter((f) => f.severity !== 'info')).toEqual([])
      }
    }
    const signedOnly = optional(signedUrlParams).filter((p) => !p.jwtUrl && p.kind === 'display')
    expect(signedOnly.length).toBeGreaterThan(5)
    for (const p of signedOnly) {
      const page = await load(jwt(sampleParams(p)))
      expect(page.status, p.name).toBe(400)
      expect(page.bootstrap.error!.code).toBe('EINVAL')
      expect(page.findings.find((f) => f.param === p.name)!.code).toBe('PARAM_UNKNOWN')
    }
  })

  it('each optional claim of the reference loads with a value of its documented shape', async () => {
    const values: Record<string, unknown> = {
      iss: CLIENT_ID,
      ver: '1.1',
      aud: 'sigmacomputing',
      account_type: 'Build',
      teams: ['Sales_Managers'],
      user_attributes: { Region: 'West' },
      eval_connection_id: 'b7a4d2c0-1e3f-4a5b-8c9d-0e1f2a3b4c5d',
      first_name: 'Sam',
      last_name: 'Seller'
    }
    const documented = jwtClaims.filter((c) => !c.required && c.name in values)
    expect(documented.map((c) => c.name).sort()).toEqual(Object.keys(values).sort())
    for (const c of documented) {
      const page = await load(
        sampleJwtUrl({
          workbookUrl: workbookUrl(),
          clientId: CLIENT_ID,
          secret: SECRET,
          claims: { account_type: 'Build', teams: ['Sales_Managers'], [c.name]: values[c.name] }
        })
      )
      expect(page.status, `${c.name}: ${page.findings.map((f) => f.code).join()}`).toBe(200)
      expect(page.findings.filter((f) => f.param === c.name && f.severity === 'error')).toEqual([])
    }
  })
})
