/**
 * Issue 12, item 4: every documented workbook path form routed, and version tags that point at a
 * published version (help.sigmacomputing.com/docs/create-an-embed-api-with-json-web-tokens).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createEmulatorService, type EmulatorService } from '../../../main/emulator/emulator-service'
import { openOrg, type OrgStore } from '../../../main/emulator/org'
import { fetchPage } from '../../fixtures/emulator-page'
import type { CredentialsService } from '../../../main/credentials/credentials-service'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { sampleJwtUrl, sampleSignedUrl } from '../../fixtures/vendor-samples'

let dir: string
let org: OrgStore
let service: EmulatorService
let base: string
const WB = '3kxOdcUS4xsaEFdy1Wkwgn'
const API_ID = '7c0d5e2a-9b41-4f38-a6e1-3d52c8b9f014'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ewb-paths-'))
  org = openOrg({ dataDir: dir })
  const credentials = {
    verificationKeys: async () => [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' as const }]
  } as unknown as CredentialsService
  service = createEmulatorService({ org, credentials, pageDir: join(dir, 'no-build') })
  await service.updateSettings({ port: 0 })
  await service.start()
  base = service.baseUrl()!
})
afterAll(async () => {
  await service.stop()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => org.reset())

const load = fetchPage
const jwtAt = (path: string) =>
  sampleJwtUrl({
    workbookUrl: `${base}/plugs-electronics/workbook/${path}`,
    clientId: CLIENT_ID,
    secret: SECRET,
    claims: { account_type: 'Build', teams: ['Sales_Managers'] }
  })

describe('the documented workbook path forms', () => {
  const forms: [string, string, string | null, string | null][] = [
    ['URL syntax, workbook', `Plugs-Sales-${WB}`, null, null],
    ['API syntax, workbook (URL id)', `Plugs-Sales/${WB}`, null, null],
    ['API syntax, workbook (API workbookId)', `Plugs-Sales/${API_ID}`, null, null],
    ['URL syntax, page', `Plugs-Sales-${WB}/page/Dashboard`, 'Dashboard', null],
    ['API syntax, page', `${WB}/page/Dashboard`, 'Dashboard', null],
    ['API syntax, page (API workbookId)', `${API_ID}/page/Dashboard`, 'Dashboard', null],
    ['URL syntax, element', `Plugs-Sales-${WB}/element/SalesTable`, 'Dashboard', 'SalesTable'],
    ['API syntax, element', `${WB}/element/SalesTable`, 'Dashboard', 'SalesTable'],
    ['URL syntax, tagged', `Plugs-Sales-${WB}/tag/production`, null, null],
    ['API syntax, tagged', `Plugs-Sales/${WB}/tag/production`, null, null],
    ['URL syntax, tagged page', `Plugs-Sales-${WB}/tag/production/page/Dashboard`, 'Dashboard', null]
  ]
  for (const [label, path, pageId, elementId] of forms) {
    it(`${label}: /${path} loads the right target`, async () => {
      const page = await load(jwtAt(path))
      expect(page.status, page.bootstrap.error?.message).toBe(200)
      expect(page.bootstrap.session!.pageId).toBe(pageId)
      expect(page.bootstrap.session!.elementId).toBe(elementId)
    })
  }

  it('forms the docs do not show, or ids the org does not have, are "Embed not found"', async () => {
    for (const path of [
      `Plugs-Sales/page/Dashboard`,
      `Plugs-Sales/${WB}/page/Dashboard`,
      `${WB}`,
      `Other-Name-${WB}`,
      `Plugs-Sales-${WB}/page/Nope`,
      `Plugs-Sales-${WB}/element/Nope`,
      `${WB}/element`
    ]) {
      const page = await load(jwtAt(path))
      expect(page.status, path).toBe(404)
      expect(page.bootstrap.error!.code).toBe('ENOENT')
    }
  })

  it('the Emulator screen lists the API syntax of every target beside the URL syntax', () => {
    const targets = service.status().targets
    expect(targets.find((t) => t.kind === 'workbook')!.apiUrl).toBe(
      `${base}/plugs-electronics/workbook/Plugs-Sales/${API_ID}`
    )
    expect(targets.find((t) => t.kind === 'page')!.apiUrl).toBe(
      `${base}/plugs-electronics/workbook/${API_ID}/page/Dashboard`
    )
    expect(targets.find((t) => t.elementId === 'SalesTable')!.apiUrl).toBe(
      `${base}/plugs-electronics/workbook/${API_ID}/element/SalesTable`
    )
  })
})

describe('version tags point at published versions', () => {
  it('a URL without a tag opens the newest version; a tag opens the version it points at', async () => {
    expect((await load(jwtAt(`Plugs-Sales-${WB}`))).bootstrap.session!.version).toBe(3)
    const tagged = await load(jwtAt(`Plugs-Sales-${WB}/tag/production`))
    expect(tagged.bootstrap.session).toMatchObject({ tag: 'production', version: 2 })
    const signed = await load(
      sampleSignedUrl('quickstart', {
        embedPath: `${base}/embed/1-${WB}/tag/staging`,
        clientId: CLIENT_ID,
        secret: SECRET,
        user: { email: 'sam@example.com', teams: ['Sales_Managers'], accountType: 'Creator' }
      })
    )
    expect(signed.bootstrap.session).toMatchObject({ tag: 'staging', version: 3 })
  })

  it('create, list and re-point tags, publish a version; the next load follows, a removed tag is not found', async () => {
    let status = service.updateOrg({ versions: { workbookId: WB, latestVersion: 4 } })
    expect(status.workbooks[0]!.latestVersion).toBe(4)
    status = service.updateOrg({
      versions: {
        workbookId: WB,
        tags: [
          { name: 'production', version: 4 },
          { name: 'qa', version: 1 }
        ]
      }
    })
    expect(status.workbooks[0]!.tags).toEqual([
      { name: 'production', version: 4 },
      { name: 'qa', version: 1 }
    ])
    expect((await load(jwtAt(`Plugs-Sales-${WB}/tag/production`))).bootstrap.session!.version).toBe(4)
    expect((await load(jwtAt(`Plugs-Sales-${WB}/tag/qa`))).bootstrap.session!.version).toBe(1)
    const gone = await load(jwtAt(`Plugs-Sales-${WB}/tag/staging`))
    expect(gone.status).toBe(404)
    const finding = service
      .requests()
      .at(-1)!
      .findings.find((f) => f.code === 'EMBED_NOT_FOUND')!
    expect(finding.message).toMatch(/production → version 4, qa → version 1/)
  })

  it('refuses a tag the URL could not carry, a tag past the newest version, a duplicate, and going back a version', () => {
    const attempts: [Parameters<EmulatorService['updateOrg']>[0], RegExp][] = [
      [{ versions: { workbookId: WB, tags: [{ name: 'my tag', version: 1 }] } }, /URL path/],
      [{ versions: { workbookId: WB, tags: [{ name: 'a/b', version: 1 }] } }, /URL path/],
      [{ versions: { workbookId: WB, tags: [{ name: 'next', version: 9 }] } }, /newest published version is 3/],
      [
        {
          versions: {
            workbookId: WB,
            tags: [
              { name: 'qa', version: 1 },
              { name: 'QA', version: 2 }
            ]
          }
        },
        /listed twice/
      ],
      [{ versions: { workbookId: WB, latestVersion: 2 } }, /only grow/],
      [{ versions: { workbookId: 'nope', tags: [] } }, /does not exist/]
    ]
    for (const [input, message] of attempts) expect(() => service.updateOrg(input)).toThrow(message)
    expect(service.status().workbooks[0]!.tags.map((t) => t.name)).toEqual(['production', 'staging'])
  })

  it('an org saved with bare tag names opens with each pointing at version 1', () => {
    const old = mkdtempSync(join(tmpdir(), 'ewb-old-org-'))
    try {
      const seeded = openOrg({ dataDir: old }).get()
      const { latestVersion: _v, apiId: _a, ...bare } = seeded.workbooks[0]!
      writeFileSync(
        join(old, 'emulator.json'),
        JSON.stringify({ ...seeded, workbooks: [{ ...bare, tags: ['production'] }] })
      )
      const reopened = openOrg({ dataDir: old }).get().workbooks[0]!
      expect(reopened.tags).toEqual([{ name: 'production', version: 1 }])
      expect(reopened.latestVersion).toBe(1)
    } finally {
      rmSync(old, { recursive: true, force: true })
    }
  })
})
