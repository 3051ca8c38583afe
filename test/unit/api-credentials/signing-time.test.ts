/**
 * Issue 17, item 2: a SigV4 request signed as of a given time. An X-Amz-Date the user sets is the
 * signing time (a customer's signature, reproduced), never silently replaced; one that is not a
 * SigV4 time is refused with the reason; "sign as of" (signAt, the CLI's --now) does the same
 * without a header. The verification server then names the clock skew.
 */
import aws4 from 'aws4'
import { describe, expect, it } from 'vitest'
import { against, aws, send, setup } from './setup'

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
})
