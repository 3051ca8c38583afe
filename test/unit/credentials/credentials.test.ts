import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createHandlers, createServices } from '../../../main/services'
import { dispatch } from '../../../main/core/dispatch'
import type { ChannelName, ChannelResult, Result } from '../../../preload/contract'
import { fastScrypt, tempDir, unwrap } from '../helpers'

const PASS = 'a long enough passphrase'
async function unlocked() {
  const services = await createServices({ dataDir: tempDir(), scryptParams: fastScrypt })
  await services.vault.setUp(PASS, PASS)
  const handlers = createHandlers(services)
  const call = <K extends ChannelName>(channel: K, input?: unknown) =>
    dispatch(handlers, channel, input) as Promise<Result<ChannelResult<K>>>
  return { services, call }
}
const fields = (name: string) => ({ name, description: 'd', owner: 'ada@example.com', ownerAccountType: 'Admin' })
const CLIENT_ID = '0123456789abcdef'.repeat(4)

describe('creating credentials', () => {
  it('generates a 64-hex client id and a 128-hex secret, and reveals the secret only in the create result', async () => {
    const { call } = await unlocked()
    const created = unwrap(await call('createCredential', fields('Staging')))
    expect(created.credential.clientId).toMatch(/^[0-9a-f]{64}$/)
    expect(created.secret).toMatch(/^[0-9a-f]{128}$/)
    expect(created.credential).toMatchObject({
      name: 'Staging',
      status: 'active',
      origin: 'created',
      owner: 'ada@example.com',
      ownerAccountType: 'Admin'
    })
    expect(created.credential.fingerprint).toBe(createHash('sha256').update(created.secret).digest('hex').slice(0, 12))
    const listed = unwrap(await call('listCredentials'))
    expect(listed).toHaveLength(1)
    expect(JSON.stringify(listed)).not.toContain(created.secret)
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(0, 24))
  })

  it('two credentials never share a client id or a secret', async () => {
    const { call } = await unlocked()
    const a = unwrap(await call('createCredential', fields('A')))
    const b = unwrap(await call('createCredential', fields('B')))
    expect(a.credential.clientId).not.toBe(b.credential.clientId)
    expect(a.secret).not.toBe(b.secret)
  })

  it('refuses an empty or an already-used name (case-insensitive), pointing at the name field', async () => {
    const { call } = await unlocked()
    expect(await call('createCredential', fields('   '))).toMatchObject({
      ok: false,
      error: { code: 'NAME_REQUIRED', field: 'name' }
    })
    unwrap(await call('createCredential', fields('Staging')))
    const dup = await call('createCredential', fields(' staging '))
    expect(dup).toMatchObject({ ok: false, error: { code: 'NAME_TAKEN', field: 'name' } })
    expect(unwrap(await call('listCredentials'))).toHaveLength(1)
  })

  it('applies defaults for the optional fields', async () => {
    const { call } = await unlocked()
    const created = unwrap(await call('createCredential', { name: 'Only a name' }))
    expect(created.credential).toMatchObject({ description: '', owner: '', ownerAccountType: 'Admin' })
  })
})

describe('importing credentials', () => {
  const importing = (over: Record<string, unknown>) => ({
    ...fields('Customer'),
    clientId: CLIENT_ID,
    secret: 'e'.repeat(128),
    ...over
  })

  it('stores a pasted client id and secret; the secret never comes back', async () => {
    const { call, services } = await unlocked()
    const secret = 'e'.repeat(128)
    const result = unwrap(await call('importCredential', importing({})))
    expect(result.credential).toMatchObject({ clientId: CLIENT_ID, origin: 'imported', status: 'active' })
    expect(result.notices).toEqual([])
    expect(JSON.stringify(result)).not.toContain(secret)
    expect(await services.credentials.signingSecret(CLIENT_ID)).toBe(secret)
  })

  it('trims whitespace around the secret and says why it matters', async () => {
    const { call, services } = await unlocked()
    const result = unwrap(await call('importCredential', importing({ secret: `${'e'.repeat(128)}\n` })))
    expect(result.notices).toEqual([expect.objectContaining({ code: 'SECRET_TRIMMED', severity: 'warning' })])
    expect(result.notices[0]!.message).toMatch(/trailing newline/)
    expect(await services.credentials.signingSecret(CLIENT_ID)).toBe('e'.repeat(128))
  })

  it.each([
    ['not hex', 'g'.repeat(64), /character 1 is "g"/],
    ['too short (truncated)', 'a'.repeat(63), /has 63.*truncated/],
    ['too long', 'a'.repeat(65), /has 65/],
    ['empty', '  ', /Paste the client id/],
    ['a non-printable character', 'a'.repeat(10) + '\u200b' + 'a'.repeat(53), /character 11 is U\+200B/]
  ])('refuses a client id that is %s', async (_label, clientId, message) => {
    const { call } = await unlocked()
    const result = await call('importCredential', importing({ clientId }))
    expect(result).toMatchObject({ ok: false, error: { code: 'CLIENT_ID_INVALID', field: 'clientId' } })
    if (!result.ok) expect(result.error.message).toMatch(message)
  })

  it('refuses a client id that is already stored, and an empty or broken secret', async () => {
    const { call } = await unlocked()
    unwrap(await call('importCredential', importing({})))
    expect(await call('importCredential', importing({ name: 'Other' }))).toMatchObject({
      ok: false,
      error: { code: 'CLIENT_ID_EXISTS', field: 'clientId' }
    })
    expect(
      await call('importCredential', importing({ name: 'Other', clientId: 'b'.repeat(64), secret: ' \n ' }))
    ).toMatchObject({ ok: false, error: { code: 'SECRET_REQUIRED', field: 'secret' } })
    expect(
      await call('importCredential', importing({ name: 'Other', clientId: 'b'.repeat(64), secret: 'abc\ndef' }))
    ).toMatchObject({ ok: false, error: { code: 'SECRET_INVALID', field: 'secret' } })
  })

  it('accepts a secret of an unusual shape but says so', async () => {
    const { call } = await unlocked()
    const result = unwrap(await call('importCredential', importing({ secret: 'short-secret' })))
    expect(result.notices).toEqual([expect.objectContaining({ code: 'SECRET_UNUSUAL_FORMAT' })])
  })

  it('never echoes the secret in an error message', async () => {
    const { call } = await unlocked()
    const secret = 'topsecret\tvalue'
    const result = await call('importCredential', importing({ secret }))
    expect(JSON.stringify(result)).not.toContain('topsecret')
  })
})

describe('revoking, regenerating, deleting', () => {
  it('a revoked credential is listed as revoked and refuses to sign', async () => {
    const { call, services } = await unlocked()
    const { credential } = unwrap(await call('createCredential', fields('Staging')))
    const revoked = unwrap(await call('revokeCredential', { id: credential.id }))
    expect(revoked.status).toBe('revoked')
    expect(revoked.revokedAt).toBeTruthy()
    await expect(services.credentials.signingSecret(credential.clientId)).rejects.toMatchObject({
      code: 'CREDENTIAL_REVOKED'
    })
    // The name is free again for a new credential.
    unwrap(await call('createCredential', fields('Staging')))
  })

  it("an imported customer credential is not regenerated here: only the customer's org can", async () => {
    const { call } = await unlocked()
    const imported = unwrap(
      await call('importCredential', { ...fields('Customer'), clientId: CLIENT_ID, secret: 'e'.repeat(128) })
    ).credential
    expect(await call('regenerateCredential', { id: imported.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining("only that org's admin can regenerate it") }
    })
    expect(unwrap(await call('listCredentials'))).toMatchObject([{ id: imported.id, status: 'active' }])
  })

  it('regenerate revokes the old one and issues a new client id and secret under the same name', async () => {
    const { call, services } = await unlocked()
    const first = unwrap(await call('createCredential', fields('Staging')))
    const next = unwrap(await call('regenerateCredential', { id: first.credential.id }))
    expect(next.revoked).toMatchObject({ id: first.credential.id, status: 'revoked' })
    expect(next.credential).toMatchObject({
      name: 'Staging',
      description: 'd',
      owner: 'ada@example.com',
      status: 'active'
    })
    expect(next.credential.clientId).not.toBe(first.credential.clientId)
    expect(next.secret).not.toBe(first.secret)
    expect(await services.credentials.signingSecret(next.credential.clientId)).toBe(next.secret)
    const list = unwrap(await call('listCredentials'))
    expect(list.map((c) => c.status)).toEqual(['active', 'revoked'])
  })

  it('delete removes it; an unknown id says it no longer exists', async () => {
    const { call } = await unlocked()
    const { credential } = unwrap(await call('createCredential', fields('Staging')))
    unwrap(await call('deleteCredential', { id: credential.id }))
    expect(unwrap(await call('listCredentials'))).toEqual([])
    expect(await call('revokeCredential', { id: credential.id })).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIAL_NOT_FOUND' }
    })
  })

  it('every credential channel answers VAULT_LOCKED while the vault is locked', async () => {
    const { call, services } = await unlocked()
    const { credential } = unwrap(await call('createCredential', fields('Staging')))
    services.vault.lock()
    for (const [channel, input] of [
      ['listCredentials', {}],
      ['createCredential', fields('X')],
      ['revokeCredential', { id: credential.id }],
      ['regenerateCredential', { id: credential.id }],
      ['deleteCredential', { id: credential.id }]
    ] as const) {
      expect(await call(channel, input)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    }
  })
})
