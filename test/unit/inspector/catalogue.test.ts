/**
 * Issue 12, item 2: every parameter and claim in the catalogue has a source, and the inspector
 * shows it beside the meaning, per URL form (a JWT URL's display parameters have their own).
 */
import { describe, expect, it } from 'vitest'
import { inspectEmbed } from '../../../main/inspector/inspector'
import {
  defaultLimits,
  jwtClaims,
  jwtHeaderFields,
  jwtUrlParams,
  paramSpec,
  signedUrlParams
} from '../../../main/protocol/parameters'
import { sampleJwtUrl, sampleSignedUrl } from '../../fixtures/vendor-samples'
import { CLIENT_ID, EMBED_PATH, SECRET, WORKBOOK_URL } from '../../fixtures/embed'

/** A public page or repository of the vendor's, or the shared protocol notes. */
const PUBLIC_SOURCE =
  /help\.sigmacomputing\.com\/docs\/|quickstarts\.sigmacomputing\.com|sigmacomputing\/[a-z-]+|shared\/embed-protocol\.md/

describe('the catalogue cites a source for every entry', () => {
  const entries = [
    ...signedUrlParams.map((p) => ['signed URL', p.name, p.source] as const),
    ...jwtUrlParams.map((p) => ['JWT URL', p.name, p.source] as const),
    ...jwtHeaderFields.map((c) => ['JWT header', c.name, c.source] as const),
    ...jwtClaims.map((c) => ['JWT claim', c.name, c.source] as const),
    ['user attribute', ':ua_Region', paramSpec(':ua_Region')!.source] as const
  ]
  it(`all ${entries.length} entries name a public source`, () => {
    for (const [kind, name, source] of entries) expect(source, `${kind} ${name}`).toMatch(PUBLIC_SOURCE)
    expect(signedUrlParams.length).toBe(43)
    expect(jwtUrlParams.length).toBe(20)
    expect(jwtClaims.length).toBe(18)
  })
})

describe('the inspector shows each parameter’s source', () => {
  const ctx = () => ({
    credentials: [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' as const }],
    now: Math.floor(Date.now() / 1000),
    limits: defaultLimits
  })
  it('a signed URL: the required page for :nonce, the optional page for :theme, none for an unknown parameter', () => {
    const url = sampleSignedUrl('quickstart', {
      embedPath: EMBED_PATH,
      clientId: CLIENT_ID,
      secret: SECRET,
      user: { email: 'sam@example.com', teams: ['Sales_Managers'] },
      extra: [
        [':theme', 'Dark'],
        [':made_up', '1'],
        ['Region-Control', 'West']
      ]
    })
    const params = inspectEmbed(url, ctx()).params
    const ref = (name: string) => params.find((p) => p.name === name)!.reference
    expect(ref(':nonce')).toMatch(/embed-url-parameters.*255 characters/)
    expect(ref(':theme')).toMatch(/add-url-parameters-to-a-secure-embed/)
    expect(ref(':made_up')).toBeNull()
    expect(ref('Region-Control')).toMatch(/Control-Id=value/)
  })

  it('a JWT URL: the JWT page for :theme, the Series 2 sample for a disputed parameter, the claims page for claims', () => {
    const url = sampleJwtUrl({
      workbookUrl: WORKBOOK_URL,
      clientId: CLIENT_ID,
      secret: SECRET,
      claims: { teams: ['Sales_Managers'], tenant: 't1' },
      params: [
        [':theme', 'Dark'],
        [':hide_title', 'true']
      ]
    })
    const params = inspectEmbed(url, ctx()).params
    const ref = (name: string) => params.find((p) => p.name === name)!.reference
    expect(ref(':theme')).toMatch(/create-an-embed-api-with-json-web-tokens/)
    expect(ref(':hide_title')).toMatch(/build-embed-url\.js/)
    expect(ref('sub')).toMatch(/Add your JWT claims/)
    expect(ref('tenant')).toMatch(/json-web-token-claims-reference/)
    expect(ref('kid')).toMatch(/help\.sigmacomputing\.com/)
  })
})
