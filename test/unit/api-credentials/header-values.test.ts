/**
 * Issue 17, item 1: a header given twice is kept twice by the runner and canonicalized as SigV4
 * defines (values joined with ",", trimmed), so the local verification server accepts a correctly
 * signed request; a header value that cannot be sent (a line break, a control character, a
 * character beyond Latin-1) is refused at entry with the reason, not after a dry run passed.
 */
import { describe, expect, it } from 'vitest'
import { unwrap } from '../helpers'
import { against, aws, send, setup } from './setup'

describe('a header given twice', () => {
  it('is sent twice, signed as SigV4 joins it, and the verification server accepts the request', async () => {
    const ctx = await setup()
    const { saved } = await against(ctx, aws)
    const result = await send(ctx, saved.id, {
      headers: [
        { name: 'X-Repeated', value: 'one' },
        { name: 'X-Repeated', value: '  two   words ' }
      ]
    })
    expect(result.request.headers.filter(([name]) => name.toLowerCase() === 'x-repeated').map(([, v]) => v)).toEqual([
      'one',
      '  two   words '
    ])
    expect(result.signing?.kind === 'aws4' && result.signing.canonicalRequest).toContain('x-repeated:one,two words\n')
    expect(result.signing?.kind === 'aws4' && result.signing.signedHeaders).toContain('x-repeated')
    expect(result.verifier).toMatchObject({ ok: true, problems: [] })
  })
})

describe('a header value that cannot be sent', () => {
  it.each([
    ['a line break', 'one\ntwo'],
    ['a control character', 'bell\u0007'],
    ['a character beyond Latin-1', 'naïve ✓']
  ])('%s in a request header is refused at entry, with the reason on the field', async (_what, value) => {
    const ctx = await setup()
    const { saved } = await against(ctx, aws)
    const refused = await ctx.call('sendApiRequest', {
      credentialId: saved.id,
      method: 'GET',
      path: '/x',
      send: false,
      headers: [{ name: 'X-Note', value }]
    })
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.code).toBe('INVALID_INPUT')
      expect(refused.error.field).toBe('headers.0.value')
      expect(refused.error.message).toMatch(/cannot be sent in a header/)
    }
  })

  it('a secret header value with a line break is refused when saved, not when sent', async () => {
    const ctx = await setup()
    const refused = await ctx.call('saveApiCredential', {
      name: 'Key',
      baseUrl: 'https://127.0.0.1:1',
      environment: 'test',
      contentType: 'json',
      auth: { type: 'headers', headerName: 'X-Api-Key', value: 'abc\r\ndef' }
    })
    expect(refused.ok === false && refused.error.field).toBe('auth.value')
    expect(refused.ok === false && refused.error.message).toMatch(/cannot be sent in a header/)
    unwrap(
      await ctx.call('saveApiCredential', {
        name: 'Key',
        baseUrl: 'https://127.0.0.1:1',
        environment: 'test',
        contentType: 'json',
        auth: { type: 'headers', headerName: 'X-Api-Key', value: 'abc-def' }
      })
    )
  })
})
