/**
 * Request signing as the runner builds it: the public AWS Signature V4 test-suite vectors through
 * our request builder (aws4 underneath), and the HMAC-SHA256 scheme's documented default.
 */
import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { defaultHmacOptions } from '../../../preload/contract'
import { buildRequest, joinTarget, maskedHeaders } from '../../../main/api-credentials/request-signing'
import { SUITE_CREDENTIALS, SUITE_DATE, suiteVectors } from '../../fixtures/aws-sigv4-suite'

describe('AWS Signature Version 4 test suite', () => {
  it.each(suiteVectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const contentType = Object.entries(vector.headers).find(([k]) => k.toLowerCase() === 'content-type')
    const built = buildRequest({
      baseUrl: 'https://example.amazonaws.com',
      contentType: 'form',
      headers: [],
      auth: {
        type: 'aws4',
        accessKeyId: SUITE_CREDENTIALS.accessKeyId,
        region: 'us-east-1',
        service: 'service',
        endpoint: ''
      },
      secrets: { secretAccessKey: SUITE_CREDENTIALS.secretAccessKey },
      method: vector.method,
      path: vector.path,
      body: vector.body,
      extraHeaders: Object.entries(vector.headers)
        .filter(([k]) => !/^(host|x-amz-date)$/i.test(k) && k !== contentType?.[0])
        .map(([name, value]) => ({ name, value }))
        .concat(contentType ? [{ name: 'Content-Type', value: contentType[1] }] : []),
      now: SUITE_DATE
    })
    const authorization = built.headers.find(([n]) => n === 'Authorization')![1]
    expect(authorization).toBe(vector.authorization)
    expect(built.signing).toMatchObject({ kind: 'aws4', credentialScope: '20150830/us-east-1/service/aws4_request' })
    if (built.signing?.kind !== 'aws4') throw new Error('not aws4')
    expect(built.signing.stringToSign.split('\n')).toEqual([
      'AWS4-HMAC-SHA256',
      '20150830T123600Z',
      '20150830/us-east-1/service/aws4_request',
      createHash('sha256').update(built.signing.canonicalRequest).digest('hex')
    ])
    expect(authorization.endsWith(`Signature=${built.signing.signature}`)).toBe(true)
  })

  it('the canonical request of get-vanilla-query-order-key-case is the suite’s, line for line', () => {
    const built = buildRequest({
      baseUrl: 'https://example.amazonaws.com',
      contentType: 'json',
      headers: [],
      auth: { type: 'aws4', accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service', endpoint: '' },
      secrets: { secretAccessKey: SUITE_CREDENTIALS.secretAccessKey },
      method: 'GET',
      path: '/?Param2=value2&Param1=value1',
      body: '',
      now: SUITE_DATE
    })
    expect(built.signing?.kind === 'aws4' && built.signing.canonicalRequest).toBe(
      [
        'GET',
        '/',
        'Param1=value1&Param2=value2',
        'host:example.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'host;x-amz-date',
        createHash('sha256').update('').digest('hex')
      ].join('\n')
    )
  })

  it('a UTF-8 path goes out percent-encoded and is encoded once more in the canonical request (non-S3 rule)', () => {
    const built = buildRequest({
      baseUrl: 'https://example.amazonaws.com',
      contentType: 'json',
      headers: [],
      auth: { type: 'aws4', accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service', endpoint: '' },
      secrets: { secretAccessKey: SUITE_CREDENTIALS.secretAccessKey },
      method: 'GET',
      path: '/ሴ',
      body: '',
      now: SUITE_DATE
    })
    expect(built.url.pathname).toBe('/%E1%88%B4')
    expect(built.signing?.kind === 'aws4' && built.signing.canonicalRequest.split('\n')[1]).toBe('/%25E1%2588%25B4')
  })

  it('a session token is sent as X-Amz-Security-Token and masked when shown', () => {
    const built = buildRequest({
      baseUrl: 'https://example.amazonaws.com',
      contentType: 'json',
      headers: [],
      auth: { type: 'aws4', accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service', endpoint: '' },
      secrets: { secretAccessKey: SUITE_CREDENTIALS.secretAccessKey, sessionToken: 'SESSION-TOKEN-VALUE' },
      method: 'GET',
      path: '/',
      body: '',
      now: SUITE_DATE
    })
    expect(built.headers).toContainEqual(['X-Amz-Security-Token', 'SESSION-TOKEN-VALUE'])
    expect(JSON.stringify(maskedHeaders(built))).not.toContain('SESSION-TOKEN-VALUE')
    expect(built.signing?.kind === 'aws4' && built.signing.signedHeaders).toBe('host;x-amz-date;x-amz-security-token')
  })
})

describe('the other schemes build the documented headers', () => {
  const common = {
    baseUrl: 'https://api.example.com/v1',
    contentType: 'json' as const,
    headers: [{ name: 'X-Tenant', value: 'acme' }],
    method: 'POST',
    path: '/orders?b=2&a=1',
    body: '{"x":1}',
    now: new Date('2026-01-01T00:00:00Z')
  }

  it('HMAC-SHA256 default: method, path, canonical query, unix timestamp, body SHA-256, joined by newlines, hex', () => {
    const built = buildRequest({
      ...common,
      auth: { type: 'hmac', clientId: 'client-1', options: defaultHmacOptions },
      secrets: { clientSecret: 's3cret' }
    })
    const expected = [
      'POST',
      '/v1/orders',
      'a=1&b=2',
      '1767225600',
      createHash('sha256').update('{"x":1}').digest('hex')
    ].join('\n')
    expect(built.signing).toEqual({
      kind: 'hmac',
      stringToSign: expected,
      signature: createHmac('sha256', 's3cret').update(expected).digest('hex')
    })
    expect(built.headers).toEqual(
      expect.arrayContaining([
        ['Content-Type', 'application/json'],
        ['X-Tenant', 'acme'],
        ['X-Client-Id', 'client-1'],
        ['X-Timestamp', '1767225600'],
        ['X-Signature', createHmac('sha256', 's3cret').update(expected).digest('hex')]
      ])
    )
  })

  it('Basic, Bearer and secret headers, masked when shown', () => {
    const basic = buildRequest({
      ...common,
      auth: { type: 'basic', username: 'ada' },
      secrets: { password: 'pw:with:colons' }
    })
    expect(basic.headers).toContainEqual([
      'Authorization',
      `Basic ${Buffer.from('ada:pw:with:colons').toString('base64')}`
    ])
    expect(maskedHeaders(basic)).toContainEqual(['Authorization', 'Basic ••••••'])
    const bearer = buildRequest({
      ...common,
      auth: { type: 'bearer', headerName: 'Authorization', scheme: 'Bearer' },
      secrets: { token: 'tok' }
    })
    expect(bearer.headers).toContainEqual(['Authorization', 'Bearer tok'])
    const header = buildRequest({
      ...common,
      auth: { type: 'headers', headerName: 'X-Api-Key' },
      secrets: { value: 'k' }
    })
    expect(header.headers).toContainEqual(['X-Api-Key', 'k'])
    expect(maskedHeaders(header)).toContainEqual(['X-Api-Key', '••••••'])
    const none = buildRequest({ ...common, auth: { type: 'none' }, secrets: {} })
    expect(none.headers.map(([n]) => n)).toEqual(['Content-Type', 'X-Tenant'])
  })

  it('joins base URL and path the way a user means it', () => {
    const joinUrl = (base: string, path: string) => joinTarget(base, path).url
    expect(joinUrl('https://api.example.com/v1', '/orders').toString()).toBe('https://api.example.com/v1/orders')
    expect(joinUrl('https://api.example.com/v1/', 'orders?x=1').toString()).toBe(
      'https://api.example.com/v1/orders?x=1'
    )
    expect(joinUrl('https://api.example.com', '/').toString()).toBe('https://api.example.com/')
    expect(() => joinUrl('https://api.example.com', 'https://evil.example/')).toThrow(/relative/)
  })

  it('sends the path as typed: dots and repeated slashes kept, what a request line cannot carry percent-encoded', () => {
    expect(joinTarget('https://api.example.com/v1', '/a/./b/../c//d').target).toBe('/v1/a/./b/../c//d')
    expect(joinTarget('https://api.example.com', '/example space/ሴ?q=a b&r=100%').target).toBe(
      '/example%20space/%E1%88%B4?q=a%20b&r=100%25'
    )
    expect(joinTarget('https://api.example.com', '/already%20encoded').target).toBe('/already%20encoded')
    expect(joinTarget('https://api.example.com/base?k=1', '/').target).toBe('/base?k=1')
  })
})

describe('the canonical diff', () => {
  it('aligns lines: one part added and one removed show as two lines, not every line after them', async () => {
    const { diffLines } = await import('../../../main/api-credentials/canonical-diff')
    const ours = ['POST', '/orders', '1795312658', 'd62f', 'orders-client'].join('\n')
    const server = ['POST', '/orders', 'status=open', '1795312658', 'd62f'].join('\n')
    expect(diffLines(ours, server)).toEqual([
      { line: 3, ours: '', server: 'status=open' },
      { line: 5, ours: 'orders-client', server: '' }
    ])
    expect(diffLines('a\nb\nc', 'a\nB\nc')).toEqual([{ line: 2, ours: 'b', server: 'B' }])
    expect(diffLines('same', 'same')).toEqual([])
  })
})
