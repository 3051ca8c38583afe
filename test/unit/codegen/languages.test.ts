/**
 * Every exported language: the program names the client id, the persona, each parameter (with a
 * comment), reads the secret from EMBED_SECRET and never holds one. Node.js and Python are also
 * run (test/e2e/codegen.e2e.test.ts); the others cannot be installed here and are only generated.
 */
import { describe, expect, it } from 'vitest'
import { codegenLanguages, generateProgram } from '../../../main/codegen/codegen'
import { CLIENT_ID, options, salesManager, SECRET, WORKBOOK_URL, EMBED_PATH } from '../../fixtures/embed'

const persona = { ...salesManager, userAttributes: [{ name: 'Region', values: ['West'] }] }

describe.each(codegenLanguages)('%s', (language) => {
  it.each(['jwt', 'url'] as const)('%s: the parameters, the client id, EMBED_SECRET, no secret', async (method) => {
    const program = await generateProgram(
      language,
      method,
      persona,
      options({
        embedPath: method === 'jwt' ? WORKBOOK_URL : EMBED_PATH,
        theme: 'Dark',
        controls: [{ name: 'Region-Control', value: 'West' }]
      }),
      CLIENT_ID
    )
    expect(program.code).toContain(CLIENT_ID)
    expect(program.code).toContain('EMBED_SECRET')
    expect(program.code).not.toContain(SECRET)
    expect(program.code).toContain(persona.email)
    expect(program.code).toContain('Region-Control')
    expect(program.code).toContain('--print')
    if (method === 'jwt') {
      for (const claim of ['sub', 'jti', 'iat', 'exp', 'teams', 'account_type', 'user_attributes'])
        expect(program.code).toContain(`${claim}`)
      expect(program.code).toContain(':jwt')
      expect(program.code).toContain(':theme')
    } else {
      for (const param of [
        ':nonce',
        ':client_id',
        ':email',
        ':external_user_team',
        ':time',
        ':signature',
        ':ua_Region'
      ])
        expect(program.code).toContain(param)
    }
    expect(program.fileName).toMatch(/\.(js|py|java|cs|go|rb|php)$/)
  })
})
