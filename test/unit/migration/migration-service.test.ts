/** The migration and code export channels: where the secret comes from, and that none goes back out. */
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../main/core/dispatch'
import { createHandlers, createServices } from '../../../main/services'
import type { Result } from '../../../preload/contract'
import { CLIENT_ID, SECRET, options } from '../../fixtures/embed'
import { sampleSignedUrl } from '../../fixtures/vendor-samples'
import { fastScrypt, tempDir, unwrap } from '../helpers'

async function app() {
  const services = await createServices({ dataDir: tempDir(), scryptParams: fastScrypt })
  await services.vault.setUp('a long enough passphrase', 'a long enough passphrase')
  const handlers = createHandlers(services)
  const call = <T>(channel: string, input: unknown) => dispatch(handlers, channel, input) as Promise<Result<T>>
  return { services, call }
}

const url = () =>
  sampleSignedUrl('quickstart', {
    embedPath: 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn',
    clientId: CLIENT_ID,
    secret: SECRET,
    user: { email: 'sales.person@example.com', teams: ['Sales_People'], accountType: 'Viewer' }
  })

describe('migrateEmbed', () => {
  it('uses the stored credential whose client id the URL carries; without one, asks for it by field', async () => {
    const { call } = await app()
    const missing = await call('migrateEmbed', { input: url() })
    expect(missing.ok === false && [missing.error.code, missing.error.field]).toEqual(['SECRET_REQUIRED', 'secret'])
    unwrap(await call('importCredential', { name: 'Customer', clientId: CLIENT_ID, secret: SECRET }))
    const migrated = unwrap(
      await call<{ equivalence: { equivalent: boolean }; jwtUrl: string }>('migrateEmbed', { input: url() })
    )
    expect(migrated.equivalence.equivalent).toBe(true)
    expect(JSON.stringify(migrated)).not.toContain(SECRET)
  })

  it('a typed secret is used for this migration only; a wrong one is named as a refusal', async () => {
    const { call } = await app()
    const typed = unwrap(
      await call<{ equivalence: { equivalent: boolean } }>('migrateEmbed', { input: url(), secret: SECRET })
    )
    expect(typed.equivalence.equivalent).toBe(true)
    const wrong = unwrap(
      await call<{ equivalence: { equivalent: boolean; differences: string[] } }>('migrateEmbed', {
        input: url(),
        secret: 'f'.repeat(128)
      })
    )
    expect(wrong.equivalence.equivalent).toBe(false)
    expect(wrong.equivalence.differences[0]).toMatch(/refuses the signed URL/)
  })
})

describe('exportEmbedCode', () => {
  it('writes the program for a stored persona and credential, with the client id and no secret', async () => {
    const { services, call } = await app()
    const created = unwrap(
      await call<{ credential: { id: string; clientId: string }; secret: string }>('createCredential', {
        name: 'Staging'
      })
    )
    const persona = services.personas.list()[0]!
    const program = unwrap(
      await call<{ code: string; fileName: string }>('exportEmbedCode', {
        language: 'python',
        method: 'jwt',
        credentialId: created.credential.id,
        personaId: persona.id,
        options: options({
          embedPath: 'https://app.sigmacomputing.com/plugs/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn'
        })
      })
    )
    expect(program.fileName).toBe('embed_api.py')
    expect(program.code).toContain(created.credential.clientId)
    expect(program.code).toContain(persona.email)
    expect(program.code).not.toContain(created.secret)
  })
})
