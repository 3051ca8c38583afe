/** Signing and inspection through the dispatcher, as the renderer reaches them. */
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../main/core/dispatch'
import { createHandlers, createServices } from '../../../main/services'
import type { ChannelName, ChannelResult, Result } from '../../../preload/contract'
import { CLIENT_ID, EMBED_PATH, options, SECRET } from '../../fixtures/embed'
import { fastScrypt, tempDir, unwrap } from '../helpers'
import { sampleJwtUrl } from '../../fixtures/vendor-samples'

const PASS = 'a long enough passphrase'
async function setUp() {
  let now = new Date('2026-11-21T10:00:00Z')
  const services = await createServices({ dataDir: tempDir(), scryptParams: fastScrypt, clock: { now: () => now } })
  await services.vault.setUp(PASS, PASS)
  const handlers = createHandlers(services)
  const call = <K extends ChannelName>(channel: K, input?: unknown) =>
    dispatch(handlers, channel, input) as Promise<Result<ChannelResult<K>>>
  const { credential } = unwrap(
    await call('importCredential', { name: 'Staging', clientId: CLIENT_ID, secret: SECRET })
  )
  const [manager, person] = unwrap(await call('listPersonas'))
  return {
    services,
    call,
    credential,
    manager: manager!,
    person: person!,
    travel: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000))
  }
}

describe('signEmbedUrl', () => {
  it('signs for the chosen persona; switching persona changes the user parameters; the secret never comes back', async () => {
    const { call, credential, manager, person } = await setUp()
    const a = unwrap(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: options()
      })
    )
    const b = unwrap(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: person.id,
        options: options()
      })
    )
    expect(new URL(a.url).searchParams.get(':external_user_team')).toBe('Sales_Managers')
    expect(new URL(b.url).searchParams.get(':external_user_team')).toBe('Sales_People')
    expect(new URL(b.url).searchParams.get(':account_type')).toBe('Viewer')
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(JSON.stringify([a, b])).not.toContain(SECRET)
    const inspected = unwrap(await call('inspectEmbed', { input: a.url }))
    expect(inspected).toMatchObject({ signature: 'valid', verifiedWith: 'Staging' })
  })

  it('JWT method through the same channel', async () => {
    const { call, credential, manager } = await setUp()
    const signed = unwrap(
      await call('signEmbedUrl', {
        method: 'jwt',
        credentialId: credential.id,
        personaId: manager.id,
        options: { ...options(), embedPath: 'https://app.sigmacomputing.com/plugs/workbook/Sales-1' }
      })
    )
    expect(signed.jwt!.header).toEqual({ alg: 'HS256', kid: CLIENT_ID, typ: 'JWT' })
    expect(unwrap(await call('inspectEmbed', { input: signed.url })).signature).toBe('valid')
  })

  it('reports the problems of the persona it signed for', async () => {
    const { call, credential } = await setUp()
    const bad = unwrap(await call('createPersona', { name: 'Broken', email: 'not an email', teams: [] }))
    const signed = unwrap(
      await call('signEmbedUrl', { method: 'url', credentialId: credential.id, personaId: bad.id, options: options() })
    )
    expect(signed.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['EMAIL_INVALID', 'TEAM_LIST_EMPTY']))
  })

  it('refuses a revoked credential, a bad embed path and a locked vault with typed errors', async () => {
    const { call, credential, manager, services } = await setUp()
    expect(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: { ...options(), embedPath: 'app.sigmacomputing.com/embed/1' }
      })
    ).toMatchObject({ ok: false, error: { code: 'EMBED_PATH_INVALID', field: 'embedPath' } })
    expect(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: { ...options(), embedPath: `${EMBED_PATH}?x=1` }
      })
    ).toMatchObject({ ok: false, error: { code: 'EMBED_PATH_INVALID' } })
    unwrap(await call('revokeCredential', { id: credential.id }))
    expect(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: options()
      })
    ).toMatchObject({ ok: false, error: { code: 'CREDENTIAL_REVOKED' } })
    services.vault.lock()
    expect(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: options()
      })
    ).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
  })
})

describe('inspectEmbed', () => {
  it('checks the signature with a secret typed for this inspection only, and never gives it back', async () => {
    const { call } = await setUp()
    const customerId = 'c'.repeat(64)
    const customerSecret = 'f00d'.repeat(32)
    const url = sampleJwtUrl({
      workbookUrl: 'https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn',
      clientId: customerId,
      secret: customerSecret,
      claims: { sub: 'ada@example.com', account_type: 'Viewer', teams: ['Sales_People'] }
    })
    const without = unwrap(await call('inspectEmbed', { input: url }))
    expect(without.signature).toBe('unchecked')
    const typed = unwrap(await call('inspectEmbed', { input: url, secret: customerSecret }))
    expect(typed).toMatchObject({ signature: 'valid', verifiedWith: 'the secret you typed' })
    expect(typed.findings.map((f) => f.code)).not.toContain('CLIENT_ID_UNKNOWN')
    expect(JSON.stringify(typed)).not.toContain(customerSecret)
    const wrong = unwrap(await call('inspectEmbed', { input: url, secret: 'not the secret' }))
    expect(wrong.signature).toBe('invalid')
    expect(JSON.stringify(wrong)).not.toContain('not the secret')
    // The JWT's three segments and its decoded header and payload, for the coloured view.
    const token = new URL(url).searchParams.get(':jwt')!
    expect(typed.jwt!.segments.join('.')).toBe(token)
    expect(JSON.parse(typed.jwt!.header)).toMatchObject({ alg: 'HS256', kid: customerId })
    expect(JSON.parse(typed.jwt!.payload)).toMatchObject({ sub: 'ada@example.com' })
    // Nothing about it stays behind: the next inspection without it is unchecked again.
    expect(unwrap(await call('inspectEmbed', { input: url })).signature).toBe('unchecked')
  })

  it('names the exact tamper of a URL this app signed', async () => {
    const { call, credential, manager } = await setUp()
    const signed = unwrap(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: options()
      })
    )
    const r = unwrap(await call('inspectEmbed', { input: signed.url.replace('Sales_Managers', 'Sales_People') }))
    expect(r.findings[0]).toMatchObject({
      code: 'PARAM_VALUE_CHANGED',
      param: ':external_user_team',
      severity: 'error'
    })
    expect(r.findings[0]!.message).toContain('"Sales_Managers" but arrives as "Sales_People"')
  })

  it('time travel: "now" can be moved to see the URL expire; the real clock is used otherwise', async () => {
    const { call, credential, manager, travel } = await setUp()
    const signed = unwrap(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: options({ sessionLength: 600 })
      })
    )
    expect(
      unwrap(await call('inspectEmbed', { input: signed.url, now: signed.issuedAt + 3600 })).findings.map((f) => f.code)
    ).toContain('EXPIRED')
    expect(unwrap(await call('inspectEmbed', { input: signed.url })).findings.map((f) => f.code)).not.toContain(
      'EXPIRED'
    )
    travel(601)
    expect(unwrap(await call('inspectEmbed', { input: signed.url })).findings.map((f) => f.code)).toContain('EXPIRED')
  })

  it('still inspects while the vault is locked, with the signature unchecked', async () => {
    const { call, credential, manager, services } = await setUp()
    const signed = unwrap(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: options()
      })
    )
    services.vault.lock()
    expect(unwrap(await call('inspectEmbed', { input: signed.url })).signature).toBe('unchecked')
  })
})

describe('diffEmbedUrls', () => {
  it('compares two URLs parameter by parameter, decoded, including moved and JWT claims', async () => {
    const { call } = await setUp()
    const left = `${EMBED_PATH}?:email=a%40example.com&:mode=userbacked&:theme=Dark&:ua_Region=West`
    const right = `${EMBED_PATH}?:mode=userbacked&:email=a@example.com&:ua_Region=East&:lng=fr`
    const diff = unwrap(await call('diffEmbedUrls', { left, right }))
    const byName = Object.fromEntries(diff.params.map((p) => [p.name, p]))
    expect(byName[':email']).toMatchObject({
      status: 'changed',
      left: 'a@example.com',
      right: 'a@example.com',
      rawLeft: ':email=a%40example.com'
    })
    expect(byName[':ua_Region']).toMatchObject({ status: 'changed', left: 'West', right: 'East' })
    expect(byName[':theme']!.status).toBe('only-left')
    expect(byName[':lng']!.status).toBe('only-right')
    expect(diff.params.filter((p) => p.status === 'same' || p.status === 'moved').map((p) => p.name)).toEqual([':mode'])
  })
})

describe('resignEmbed (edit and re-sign)', () => {
  it('a signed URL with a parameter changed is signed again with the stored credential and verifies; the rest stays byte for byte', async () => {
    const { call, credential, manager } = await setUp()
    const signed = unwrap(
      await call('signEmbedUrl', {
        method: 'url',
        credentialId: credential.id,
        personaId: manager.id,
        options: options()
      })
    )
    const { output, inspection } = unwrap(
      await call('resignEmbed', {
        input: signed.url,
        edits: [
          { source: 'url', name: ':external_user_team', value: 'Sales_People' },
          { source: 'url', name: ':theme', value: 'Dark Mode' }
        ],
        credentialId: credential.id
      })
    )
    expect(inspection.signature).toBe('valid')
    const url = new URL(output)
    expect(url.searchParams.get(':external_user_team')).toBe('Sales_People')
    expect(url.searchParams.get(':theme')).toBe('Dark Mode')
    expect(output.startsWith(signed.url.slice(0, signed.url.indexOf(':external_user_team')))).toBe(true)
    expect(output.endsWith(`&:signature=${url.searchParams.get(':signature')}`)).toBe(true)
  })

  it("a JWT's claim is changed or removed and signed with a typed secret; refusals are said in words", async () => {
    const { call } = await setUp()
    const secret = 'ab'.repeat(64)
    const input = sampleJwtUrl({
      workbookUrl: 'https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn',
      clientId: 'e'.repeat(64),
      secret,
      claims: { sub: 'ada@example.com', account_type: 'Viewer', teams: ['Sales_People'] }
    })
    const { output, inspection } = unwrap(
      await call('resignEmbed', {
        input,
        edits: [
          { source: 'jwt-claim', name: 'account_type', value: 'Creator' },
          { source: 'jwt-claim', name: 'teams', value: '["Sales_Managers","Ops"]' },
          { source: 'jwt-claim', name: 'ver', value: null }
        ],
        secret
      })
    )
    expect(inspection).toMatchObject({ signature: 'valid', verifiedWith: 'the secret you typed' })
    expect(JSON.parse(inspection.jwt!.payload)).toMatchObject({
      account_type: 'Creator',
      teams: ['Sales_Managers', 'Ops']
    })
    expect(JSON.parse(inspection.jwt!.payload)).not.toHaveProperty('ver')
    expect(JSON.stringify({ output, inspection })).not.toContain(secret)
    expect(await call('resignEmbed', { input, edits: [] })).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Choose a stored credential or type a secret to sign with (one of the two).'
      }
    })
    expect(await call('resignEmbed', { input: 'not a url', edits: [], secret })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'input' }
    })
    expect(await call('resignEmbed', { input: 'eyJ.eyJ.x', edits: [], secret })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('not a JSON object') }
    })
  })

  it('random inputs and edits never fail with anything but a clear refusal', async () => {
    const { call } = await setUp()
    let seed = 5
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!
    const inputs = [
      'https://app.sigmacomputing.com/embed/1-x?:nonce=a&:signature=b',
      'https://h/x?:jwt=a.b.c',
      'a.b.c',
      '%%%',
      'https://h/?=&&=',
      'eyJhIjoxfQ.eyJiIjoyfQ.'
    ]
    for (let i = 0; i < 200; i++) {
      const result = await call('resignEmbed', {
        input: pick(inputs),
        edits: [
          {
            source: pick(['url', 'jwt-claim'] as const),
            name: pick([':a', 'exp', '%', ' ']),
            value: pick([null, '', '1', '{"x":', '"s"'])
          }
        ],
        secret: 's'
      })
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT')
    }
  })
})
