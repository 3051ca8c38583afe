/**
 * Issue 17, item 2: a SigV4 request signed as of a given time. An X-Amz-Date the user sets is the
 * signing time (a customer's signature, reproduced), never silently replaced; one that is not a
 * SigV4 time is refused with the reason; "sign as of" (signAt, the CLI's --now) does the same
 * without a header. The verification server then names the clock skew.
 */
import aws4 from 'aws4'
import { describe, expect, it } from 'vitest'
import { unwrap } from '../helpers'
import { against, aws, credential, send, setup } from './setup'

describe('signing as of a given time', () => {
  it('an X-Amz-Date set by the user is used: the same signature aws4 gives for that time, and the server names the skew', async () => {
    const ctx = await setup()
    const { saved, status } = await against(ctx, aws)
    const result = await send(ctx, saved.id, {
      method: 'GET',
      path: '/orders',
      body: '',
      headers: [{ name: 'X-Amz-Date', value: '20150830T123600Z' }]
    })
    expect(result.request.headers.filter(([n]) => n.toLowerCase() === 'x-amz-date')).toEqual([
      ['X-Amz-Date', '20150830T123600Z']
    ])
    expect(result.signing?.kind === 'aws4' && result.signing.credentialScope).toBe(
      '20150830/us-east-1/execute-api/aws4_request'
    )
    // What aws4 itself signs for that request at that time (a client nobody here wrote).
    const url = new URL(`${status.url}/v1/orders`)
    const reference = new aws4.RequestSigner(
      {
        host: url.host,
        method: 'GET',
        path: url.pathname,
        headers: { 'X-Tenant': 'acme', 'X-Amz-Date': '20150830T123600Z' },
        body: '',
        service: 'execute-api',
        region: 'us-east-1',
        doNotModifyHeaders: true
      },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'right-secret' }
    )
    reference.datetime = '20150830T123600Z'
    expect(result.signing?.kind === 'aws4' && result.signing.signature).toBe(reference.signature())
    expect(result.verifier!.problems.join(' ')).toMatch(/clock|skew|minutes|days/i)
  })

  it('signAt signs as of that time without a header', async () => {
    const ctx = await setup()
    const { saved } = await against(ctx, aws)
    const result = await send(ctx, saved.id, {
      method: 'GET',
      path: '/orders',
      body: '',
      signAt: 1_440_938_160,
      send: false
    })
    expect(result.request.headers.find(([n]) => n === 'X-Amz-Date')?.[1]).toBe('20150830T123600Z')
  })

  it('an X-Amz-Date that is not a SigV4 time is refused, with the form it must take', async () => {
    const ctx = await setup()
    const { saved } = await against(ctx, aws)
    const refused = await ctx.call('sendApiRequest', {
      credentialId: saved.id,
      method: 'GET',
      path: '/orders',
      send: false,
      headers: [{ name: 'X-Amz-Date', value: 'yesterday' }]
    })
    expect(refused.ok === false && [refused.error.code, refused.error.field]).toEqual(['INVALID_INPUT', 'headers'])
    expect(refused.ok === false && refused.error.message).toContain("YYYYMMDD'T'HHMMSS'Z'")
  })

  it('"verify as of": the server judges a customer’s old signature as of its moment, and names the skew as of now', async () => {
    const ctx = await setup()
    const at = 1_440_938_160 // 2015-08-30T12:36:00Z
    const { saved, status } = await against(ctx, aws, { verifyAsOf: at + 30 })
    expect(status.verifyAsOf).toBe('2015-08-30T12:36:30.000Z')
    const thenOk = await send(ctx, saved.id, { method: 'GET', path: '/orders', body: '', signAt: at })
    expect(thenOk.verifier).toMatchObject({ ok: true, problems: [] })
    unwrap(await ctx.call('startVerifyServer', { credentialId: saved.id, port: status.port! }))
    const now = await send(ctx, saved.id, { method: 'GET', path: '/orders', body: '', signAt: at })
    expect(now.verifier!.problems.join(' ')).toMatch(/Clock skew/)
  })
})

describe('per-credential SigV4 options', () => {
  it('S3 style: the path as sent and UNSIGNED-PAYLOAD in X-Amz-Content-Sha256, signed and accepted', async () => {
    const ctx = await setup()
    const options = { path: 'as-sent', payload: 'unsigned', sessionToken: 'signed' }
    const { saved } = await against(ctx, { ...aws, service: 's3', options })
    expect(saved.auth).toMatchObject({ type: 'aws4', options })
    const result = await send(ctx, saved.id, { method: 'PUT', path: '/bucket//a/./b.txt', body: 'hello' })
    const signing = result.signing?.kind === 'aws4' ? result.signing : null
    const lines = signing!.canonicalRequest.split('\n')
    expect(lines[1]).toBe('/v1/bucket//a/./b.txt')
    expect(lines.at(-1)).toBe('UNSIGNED-PAYLOAD')
    expect(result.request.headers).toContainEqual(['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'])
    expect(result.verifier).toMatchObject({ ok: true, problems: [] })
  })

  it('a session token added after signing: sent, not signed, accepted by a server that expects it so; refused with the reason by one that signs it', async () => {
    const ctx = await setup()
    const after = {
      ...aws,
      sessionToken: 'FwoGZXIvYXdzEXAMPLE-token',
      options: { path: 'normalized', payload: 'hash', sessionToken: 'after-signing' }
    }
    const { saved } = await against(ctx, after)
    const result = await send(ctx, saved.id, { method: 'GET', path: '/orders', body: '' })
    expect(result.signing?.kind === 'aws4' && result.signing.signedHeaders).not.toContain('x-amz-security-token')
    expect(result.request.headers.map(([n]) => n)).toContain('X-Amz-Security-Token')
    expect(result.verifier).toMatchObject({ ok: true })
    expect(JSON.stringify(result)).not.toContain('FwoGZXIvYXdzEXAMPLE-token')

    // The same keys, saved as a credential that signs the token: a server expecting that refuses, and says why.
    const signsIt = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ ...after, options: { path: 'normalized', payload: 'hash', sessionToken: 'signed' } }),
        name: 'Signs the token'
      })
    )
    const port = unwrap(await ctx.call('getVerifyServer')).port!
    unwrap(await ctx.call('startVerifyServer', { credentialId: signsIt.id, port }))
    const refused = await send(ctx, saved.id, { method: 'GET', path: '/orders', body: '' })
    expect(refused.verifier!.problems.join(' ')).toMatch(/X-Amz-Security-Token is sent but not signed/)
  })
})
