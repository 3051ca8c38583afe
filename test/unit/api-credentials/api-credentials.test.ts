/**
 * API credentials end to end through the dispatcher: the runner sends real HTTPS requests to the
 * real local verification server, which accepts each scheme when right and says what is wrong
 * when not; mTLS by authorized domains; test credentials never used in production.
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services'
import { makePki, type Pki } from '../../fixtures/pki'
import { fastScrypt, unwrap } from '../helpers'
import { against, credential, PASS, send, setup } from './setup'

let pki: Pki
beforeAll(() => {
  pki = makePki()
}, 60_000)

describe('every scheme is accepted when right', () => {
  const schemes: Record<string, unknown>[] = [
    { type: 'none' },
    { type: 'headers', headerName: 'X-Api-Key', value: 'key-123' },
    { type: 'basic', username: 'ada', password: 'pw' },
    { type: 'bearer', token: 'tok-abc' },
    {
      type: 'aws4',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 'execute-api'
    },
    { type: 'hmac', clientId: 'client-1', clientSecret: 'hmac-secret' }
  ]
  it.each(schemes.map((s) => [s.type, s] as const))('%s', async (_type, auth) => {
    const ctx = await setup()
    const { saved } = await against(ctx, auth)
    const result = await send(ctx, saved.id)
    expect(result.error).toBeNull()
    expect(result.response!.status).toBe(200)
    expect(result.verifier).toMatchObject({ ok: true, problems: [] })
    expect(result.response!.tls).toMatchObject({ authorized: true, clientCertificateOffered: false })
    expect(result.request.headers).toContainEqual(['Content-Type', 'application/json'])
    expect(result.request.headers).toContainEqual(['X-Tenant', 'acme'])
    // Secrets never come back: not in the masked request, not in the list, not in the vault file.
    const secrets = ['key-123', 'tok-abc', 'wJalrXUtnFEMI', 'hmac-secret', Buffer.from('ada:pw').toString('base64')]
    const overChannels = JSON.stringify([result, await ctx.call('listApiCredentials')])
    for (const secret of secrets) {
      expect(overChannels).not.toContain(secret)
      expect(ctx.vaultText()).not.toContain(secret)
    }
  })
})

describe('and explained when wrong', () => {
  it('Basic expected, Bearer sent', async () => {
    const ctx = await setup()
    const { saved } = await against(ctx, { type: 'basic', username: 'ada', password: 'pw' })
    // A per-request Authorization header is replaced by the credential's own authentication.
    const result = await send(ctx, saved.id, { headers: [{ name: 'Authorization', value: 'Bearer abc' }] })
    expect(result.verifier!.ok).toBe(true)
    const bearer = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ type: 'bearer', token: 'abc' }),
        name: 'Bearer one',
        baseUrl: `${ctx.services.apiRequests.verifyServerStatus().url}/v1`
      })
    )
    const wrong = await send(ctx, bearer.id)
    expect(wrong.response!.status).toBe(401)
    expect(wrong.verifier!.problems).toEqual(['Expected Basic authentication, but got Bearer.'])
  })

  it('a wrong password, a wrong token, a missing header', async () => {
    const ctx = await setup()
    const { saved, status } = await against(ctx, { type: 'basic', username: 'ada', password: 'pw' })
    const other = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ type: 'basic', username: 'ada', password: 'PW' }),
        name: 'Typo',
        baseUrl: `${status.url}/v1`
      })
    )
    expect((await send(ctx, other.id)).verifier!.problems).toEqual([
      'The password does not match (the username "ada" is right).'
    ])
    expect((await send(ctx, saved.id)).verifier!.ok).toBe(true)
    await ctx.call('stopVerifyServer')
    const h = await against(ctx, { type: 'headers', headerName: 'X-Api-Key', value: 'key-123' })
    const none = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ type: 'none' }),
        name: 'No auth',
        baseUrl: `${h.status.url}/v1`
      })
    )
    expect((await send(ctx, none.id)).verifier!.problems[0]).toContain(
      'Expected the header X-Api-Key, but the request does not have it'
    )
  })

  it('AWS4: another secret key gives a mismatch, the server’s canonical request, and the line diff', async () => {
    const ctx = await setup()
    const auth = {
      type: 'aws4',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'right-secret',
      region: 'us-east-1',
      service: 'execute-api'
    }
    const { status } = await against(ctx, auth)
    const wrongKey = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ ...auth, secretAccessKey: 'wrong-secret' }),
        name: 'Wrong key',
        baseUrl: `${status.url}/v1`
      })
    )
    const result = await send(ctx, wrongKey.id)
    expect(result.verifier!.problems[0]).toContain('The signature does not match')
    expect(result.verifier!.canonicalRequest).toBe(
      result.signing?.kind === 'aws4' ? result.signing.canonicalRequest : null
    )
    expect(result.canonicalDiff).toEqual([]) // same canonical request: the secret differs
    const wrongRegion = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ ...auth, secretAccessKey: 'right-secret', region: 'eu-west-1' }),
        name: 'Wrong region',
        baseUrl: `${status.url}/v1`
      })
    )
    expect((await send(ctx, wrongRegion.id)).verifier!.problems[0]).toContain(
      'signed for eu-west-1/execute-api; the server expects us-east-1/execute-api'
    )
  })

  it('an AWS session token is signed, yet never shown: not in the canonical request, nor in the verdict', async () => {
    const ctx = await setup()
    const auth = {
      type: 'aws4',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'right-secret',
      region: 'us-east-1',
      service: 'execute-api',
      sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN'
    }
    const { saved } = await against(ctx, auth)
    const result = await send(ctx, saved.id)
    expect(result.verifier!.ok).toBe(true)
    expect(result.signing?.kind === 'aws4' && result.signing.canonicalRequest).toContain('x-amz-security-token:••••••')
    expect(JSON.stringify(result)).not.toContain('FwoGZXIvYXdzEXAMPLETOKEN')
  })

  it('AWS4 and HMAC: a header changed on the way shows which canonical line differs', async () => {
    const ctx = await setup()
    const { saved } = await against(ctx, { type: 'hmac', clientId: 'client-1', clientSecret: 'hmac-secret' })
    const tampered = await send(ctx, saved.id, { headers: [{ name: 'X-Timestamp', value: '1' }] })
    // The per-request header is overwritten by the signer, so the request is still right.
    expect(tampered.verifier!.ok).toBe(true)
    const otherParts = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({
          type: 'hmac',
          clientId: 'client-1',
          clientSecret: 'hmac-secret',
          options: {
            parts: ['method', 'path', 'timestamp', 'bodyHash'],
            separator: '\n',
            signatureHeader: 'X-Signature',
            timestampHeader: 'X-Timestamp',
            clientIdHeader: 'X-Client-Id',
            encoding: 'hex',
            timestampFormat: 'unix'
          }
        }),
        name: 'No query signed',
        baseUrl: `${ctx.services.apiRequests.verifyServerStatus().url}/v1`
      })
    )
    const result = await send(ctx, otherParts.id)
    expect(result.verifier!.problems[0]).toContain('The HMAC-SHA256 signature does not match')
    // The client left the query out of what it signs: exactly that one line differs.
    expect(result.canonicalDiff).toEqual([{ line: 3, ours: '', server: 'a=1&b=2' }])
  })

  it('clock skew of N minutes', async () => {
    // One clock for app and server; the next reading (the client signing) runs 12 minutes behind.
    let skewNext = false
    const ctx = await setup({
      now: () => {
        const behind = skewNext
        skewNext = false
        return new Date(Date.now() - (behind ? 12 * 60_000 : 0))
      }
    })
    const { saved } = await against(ctx, { type: 'hmac', clientId: 'client-1', clientSecret: 'hmac-secret' })
    skewNext = true
    const result = await send(ctx, saved.id)
    expect(result.verifier!.problems.join(' ')).toContain(
      'Clock skew of 12 minutes: the request was signed 12 minutes ago; the server allows 5.'
    )
  })
})

describe('the verification server under garbage', () => {
  it('300 requests with random Authorization, signature and timestamp headers: always a JSON verdict with problems, never a crash', async () => {
    const { request } = await import('node:https')
    const ctx = await setup()
    for (const auth of [
      { type: 'aws4', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's', region: 'us-east-1', service: 'execute-api' },
      { type: 'hmac', clientId: 'c', clientSecret: 's' },
      { type: 'basic', username: 'u', password: 'p' }
    ]) {
      await ctx.call('stopVerifyServer')
      const { status } = await against(ctx, auth)
      let seed = 11
      const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
      const pieces = [
        'AWS4-HMAC-SHA256',
        'Credential=',
        'AKIDEXAMPLE/',
        '2015',
        '/us-east-1/execute-api/aws4_request',
        ', SignedHeaders=',
        'host;x-amz-date',
        ';nope',
        ', Signature=',
        'ab',
        'Basic ',
        'Bearer ',
        '=',
        ':',
        '%',
        '\u00e9',
        ' '
      ]
      for (let i = 0; i < 100; i++) {
        const authorization = Array.from({ length: rand(8) }, () => pieces[rand(pieces.length)]).join('')
        const headers: Record<string, string> = {
          authorization: Buffer.from(authorization).toString('latin1'),
          'x-amz-date': ['20150830T123600Z', 'x', ''][rand(3)]!,
          'x-signature': 'ab'.repeat(rand(40)),
          'x-timestamp': String(rand(2) ? Date.now() : 'soon'),
          'x-client-id': 'c'
        }
        // (A body only with POST: Node's own HTTP parser answers 400 to a GET body after "Connection: close".)
        const method = ['GET', 'POST'][rand(2)]!
        const { statusCode, body } = await new Promise<{ statusCode: number; body: string }>((resolve, reject) => {
          const req = request(
            `${status.url}/p?${'a'.repeat(rand(5))}=${rand(9)}`,
            { method, headers, ca: status.serverCertificatePem!, agent: false },
            (res) => {
              let data = ''
              res.on('data', (d) => (data += d))
              res.on('end', () => resolve({ statusCode: res.statusCode!, body: data }))
            }
          )
          req.on('error', reject)
          req.end(method === 'POST' ? 'x'.repeat(rand(100)) : undefined)
        })
        expect([200, 401], `${statusCode} ${body.slice(0, 200)} for ${JSON.stringify(headers)}`).toContain(statusCode)
        const verdict = JSON.parse(body)
        if (statusCode === 401) expect(verdict.problems.length).toBeGreaterThan(0)
      }
    }
  }, 60_000)
})

describe('mTLS by authorized domains', () => {
  async function withClientCertServer() {
    const ctx = await setup()
    const cert = unwrap(
      await ctx.call('saveCertificate', {
        name: 'Client',
        domains: '127.0.0.1',
        certificate: pki.pasted('ec256.crt'),
        key: pki.pasted('ec256.key'),
        ca: pki.pasted('root.crt')
      })
    ).saved!
    const { saved, status } = await against(
      ctx,
      { type: 'bearer', token: 'tok' },
      { requireClientCert: true, clientCaCertificateId: cert.id }
    )
    return { ctx, saved, status, cert }
  }

  it('a request whose host matches presents the certificate, and the server accepts it', async () => {
    const { ctx, saved } = await withClientCertServer()
    const result = await send(ctx, saved.id)
    expect(result.certificate.name).toBe('Client')
    expect(result.response!.tls!.clientCertificateOffered).toBe(true)
    expect(result.verifier).toMatchObject({
      ok: true,
      clientCertificate: { presented: true, authorized: true, subject: expect.stringContaining('ec256 client') }
    })
  })

  it('a host outside the authorized domains goes out without the certificate, and the server says so', async () => {
    const { ctx, saved, cert } = await withClientCertServer()
    // Narrowed to port 1 only (narrowing keeps the stored key; widening would need it again).
    unwrap(await ctx.call('saveCertificate', { id: cert.id, name: 'Client', domains: '127.0.0.1:1' }))
    const result = await send(ctx, saved.id)
    expect(result.certificate).toEqual({
      name: null,
      explanation: expect.stringContaining('no stored certificate authorizes this host')
    })
    expect(result.response!.status).toBe(403)
    expect(result.verifier!.problems[0]).toContain('No client certificate was presented')
  })

  it('a certificate from another CA is refused in words', async () => {
    const { ctx, saved, cert } = await withClientCertServer()
    unwrap(
      await ctx.call('saveCertificate', {
        name: 'Self',
        domains: '127.0.0.1',
        certificate: pki.pasted('self.crt'),
        key: pki.pasted('self.key')
      })
    )
    unwrap(await ctx.call('deleteCertificate', { id: cert.id }))
    const result = await send(ctx, saved.id)
    expect(result.certificate.name).toBe('Self')
    expect(result.verifier!.problems[0]).toMatch(
      /The client certificate \(CN=self-signed client\) was not issued by the configured CA/
    )
  })
})

describe('environments', () => {
  it('a test credential is never used in production, nor a production one in test', async () => {
    const ctx = await setup()
    const test = unwrap(await ctx.call('saveApiCredential', credential({ type: 'bearer', token: 't' })))
    const prod = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ type: 'bearer', token: 'p' }),
        name: 'Prod',
        environment: 'production'
      })
    )
    expect(unwrap(await ctx.call('listApiCredentials')).environment).toBe('test')
    expect(
      await ctx.call('sendApiRequest', { credentialId: prod.id, method: 'GET', path: '/', send: false })
    ).toMatchObject({ ok: false, error: { code: 'WRONG_ENVIRONMENT' } })
    unwrap(await ctx.call('setApiEnvironment', { environment: 'production' }))
    const refused = await ctx.call('sendApiRequest', { credentialId: test.id, method: 'GET', path: '/', send: false })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'WRONG_ENVIRONMENT',
        message: expect.stringContaining('is a test credential; it is used only while the test environment is selected')
      }
    })
    expect(await ctx.call('startVerifyServer', { credentialId: test.id })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_ENVIRONMENT' }
    })
    expect(
      unwrap(await ctx.call('sendApiRequest', { credentialId: prod.id, method: 'GET', path: '/', send: false })).request
        .headers
    ).toContainEqual(['Authorization', 'Bearer ••••••'])
  })

  it('organization-specific keys: one per org, chosen per request', async () => {
    const ctx = await setup()
    const saved = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ type: 'basic', username: 'shared', password: 'x' }),
        orgSpecific: true,
        orgs: [
          { org: 'Acme', auth: { type: 'basic', username: 'acme', password: 'a' } },
          { org: 'Globex', auth: { type: 'basic', username: 'globex', password: 'g' } }
        ]
      })
    )
    expect(saved.orgs.map((o) => [o.org, o.secretsStored])).toEqual([
      ['Acme', ['password']],
      ['Globex', ['password']]
    ])
    expect(
      await ctx.call('sendApiRequest', { credentialId: saved.id, method: 'GET', path: '/', send: false })
    ).toMatchObject({ ok: false, error: { code: 'ORG_REQUIRED' } })
    const globex = unwrap(
      await ctx.call('sendApiRequest', { credentialId: saved.id, org: 'globex', method: 'GET', path: '/', send: false })
    )
    expect(globex.request.headers).toContainEqual(['Authorization', 'Basic ••••••'])
    // Editing without re-entering secrets keeps them.
    const { id, createdAt: _c, updatedAt: _u, secretsStored: _s, ...rest } = saved
    const edited = unwrap(
      await ctx.call('saveApiCredential', {
        ...rest,
        id,
        auth: { type: 'basic', username: 'shared' },
        orgs: [{ org: 'Acme', auth: { type: 'basic', username: 'acme' } }]
      })
    )
    expect(edited.orgs).toEqual([
      { org: 'Acme', auth: { type: 'basic', username: 'acme' }, secretsStored: ['password'] }
    ])
  })

  it('bad input is refused with the field: base URL, duplicate or Content-Type headers, missing secrets', async () => {
    const ctx = await setup()
    expect(await ctx.call('saveApiCredential', credential({ type: 'none' }, { baseUrl: 'ftp://x' }))).toMatchObject({
      ok: false,
      error: { field: 'baseUrl' }
    })
    expect(
      await ctx.call(
        'saveApiCredential',
        credential({ type: 'none' }, { headers: [{ name: 'content-type', value: 'x' }] })
      )
    ).toMatchObject({ ok: false, error: { field: 'headers' } })
    expect(await ctx.call('saveApiCredential', credential({ type: 'bearer' }))).toMatchObject({
      ok: false,
      error: { code: 'API_CREDENTIAL_INVALID', message: expect.stringContaining('token') }
    })
    expect(
      await ctx.call(
        'saveApiCredential',
        credential({ type: 'none' }, { headers: [{ name: 'X-Evil', value: 'a\r\nInjected: 1' }] })
      )
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('organization-specific credentials', () => {
  it('need no keys of their own, and errors point at the organization by index', async () => {
    const ctx = await setup()
    const saved = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ type: 'hmac', clientId: '' }),
        orgSpecific: true,
        orgs: [{ org: 'Acme', auth: { type: 'hmac', clientId: 'a', clientSecret: 's' } }]
      })
    )
    expect(saved.secretsStored).toEqual([])
    const missing = await ctx.call('saveApiCredential', {
      ...credential({ type: 'hmac', clientId: '' }),
      name: 'Two',
      orgSpecific: true,
      orgs: [
        { org: 'Acme', auth: { type: 'hmac', clientId: 'a', clientSecret: 's' } },
        { org: 'Globex', auth: { type: 'hmac', clientId: 'g' } }
      ]
    })
    expect(missing).toMatchObject({
      ok: false,
      error: { field: 'orgs.1.auth.clientSecret', message: 'Organization "Globex": enter the client secret.' }
    })
    const mixed = await ctx.call('saveApiCredential', {
      ...credential({ type: 'hmac', clientId: '' }),
      name: 'Three',
      orgSpecific: true,
      orgs: [{ org: 'Acme', auth: { type: 'basic', username: 'a', password: 'p' } }]
    })
    expect(mixed).toMatchObject({ ok: false, error: { field: 'orgs.0.auth.type' } })
  })
})

describe('the verification server follows the credential', () => {
  it('an edited secret applies at once; after the switch to production a test credential is not used to verify', async () => {
    const ctx = await setup()
    const { saved, status } = await against(ctx, { type: 'bearer', token: 'old-token' })
    expect((await send(ctx, saved.id)).verifier).toMatchObject({ ok: true, status: 200 })
    // A second client still holding the old token, and the credential itself moved to a new one.
    const old = unwrap(
      await ctx.call('saveApiCredential', {
        ...credential({ type: 'bearer', token: 'old-token' }),
        name: 'Old client',
        baseUrl: `${status.url}/v1`
      })
    )
    const {
      id,
      createdAt: _c,
      updatedAt: _u,
      secretsStored: _s,
      orgs: _o,
      ...rest
    } = unwrap(await ctx.call('listApiCredentials')).credentials.find((c) => c.id === saved.id)!
    unwrap(
      await ctx.call('saveApiCredential', {
        ...rest,
        id,
        auth: { type: 'bearer', headerName: 'Authorization', scheme: 'Bearer', token: 'new-token' }
      })
    )
    expect((await send(ctx, old.id)).verifier).toMatchObject({
      ok: false,
      status: 401,
      problems: [expect.stringContaining('The token does not match')]
    })
    expect((await send(ctx, saved.id)).verifier!.ok).toBe(true)
    unwrap(await ctx.call('setApiEnvironment', { environment: 'production' }))
    const { request } = await import('node:https')
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${status.url}/v1`,
        { ca: status.serverCertificatePem!, headers: { authorization: 'Bearer new-token' }, agent: false },
        (res) => {
          let data = ''
          res.on('data', (d) => (data += d))
          res.on('end', () => resolve(data))
        }
      )
      req.on('error', reject)
      req.end()
    })
    expect(JSON.parse(body).problems[0]).toContain(
      'The server cannot check this request: "API bearer" is a test credential'
    )
  })
})

describe('the verification server says what is wrong, never anything derived from a secret', () => {
  it.each([
    ['bearer', { type: 'bearer', token: 'secret-token-of-29-characters' }, 'Bearer short'],
    ['headers', { type: 'headers', headerName: 'X-Api-Key', value: 'key-with-21-characters' }, 'short']
  ] as const)('a wrong %s value gets no hint of the secret’s length', async (_name, auth, wrong) => {
    const ctx = await setup()
    const { status } = await against(ctx, auth)
    const secret = 'token' in auth ? auth.token : auth.value
    const { request } = await import('node:https')
    const header = 'token' in auth ? 'authorization' : auth.headerName
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${status.url}/v1`,
        { ca: status.serverCertificatePem!, headers: { [header]: wrong }, agent: false },
        (res) => {
          let data = ''
          res.on('data', (d) => (data += d))
          res.on('end', () => resolve(data))
        }
      )
      req.on('error', reject)
      req.end()
    })
    const verdict = JSON.parse(body) as { ok: boolean; problems: string[] }
    expect(verdict.ok).toBe(false)
    expect(verdict.problems.join(' ')).toContain('does not match')
    expect(verdict.problems.join(' ')).not.toContain(String(secret.length))
  })
})

describe('stored secrets are bound to their destination (issue 11, item 2)', () => {
  it('re-pointing a credential at another host, or another environment, needs its secret again', async () => {
    const ctx = await setup()
    const saved = unwrap(
      await ctx.call(
        'saveApiCredential',
        credential({ type: 'bearer', token: 'the-token' }, { baseUrl: 'https://api.example.com/v1' })
      )
    )
    const { id, createdAt: _c, updatedAt: _u, secretsStored: _s, orgs: _o, ...rest } = saved
    const edit = (over: Record<string, unknown>) => ctx.call('saveApiCredential', { ...rest, id, ...over })
    // Same host, another path: the token stays.
    unwrap(await edit({ baseUrl: 'https://api.example.com/v2' }))
    // Another host: refused under the token field, and nothing changes.
    const moved = await edit({ baseUrl: 'https://attacker.example/v2' })
    expect(moved).toMatchObject({
      ok: false,
      error: {
        code: 'SECRET_DESTINATION_CHANGED',
        field: 'auth.token',
        message: expect.stringContaining('https://attacker.example instead of https://api.example.com')
      }
    })
    expect(unwrap(await ctx.call('listApiCredentials')).credentials[0]).toMatchObject({
      baseUrl: 'https://api.example.com/v2'
    })
    const production = await edit({ baseUrl: 'https://api.example.com/v2', environment: 'production' })
    expect(production).toMatchObject({ ok: false, error: { code: 'SECRET_DESTINATION_CHANGED', field: 'auth.token' } })
    // With the token typed again, the move is saved.
    const again = unwrap(
      await edit({ baseUrl: 'https://attacker.example/v2', auth: { ...rest.auth, token: 'new-token' } })
    )
    expect(again).toMatchObject({ baseUrl: 'https://attacker.example/v2', secretsStored: ['token'] })
  })

  it('an organization renamed, or its credential moved, keeps no secret it was not given again', async () => {
    const ctx = await setup()
    const auth = { type: 'basic', username: 'ada', password: 'pw-acme' }
    const saved = unwrap(
      await ctx.call(
        'saveApiCredential',
        credential(auth, { baseUrl: 'https://api.example.com', orgSpecific: true, orgs: [{ org: 'Acme', auth }] })
      )
    )
    const { id, createdAt: _c, updatedAt: _u, secretsStored: _s, orgs: _o, ...rest } = saved
    const moved = await ctx.call('saveApiCredential', {
      ...rest,
      id,
      baseUrl: 'https://other.example',
      auth: { ...rest.auth, password: 'pw-typed-again' },
      orgs: [{ org: 'Acme', auth: { type: 'basic', username: 'ada' } }]
    })
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'SECRET_DESTINATION_CHANGED', field: 'orgs.0.auth.password' }
    })
    const renamed = await ctx.call('saveApiCredential', {
      ...rest,
      id,
      orgs: [{ org: 'Acme Corp', auth: { type: 'basic', username: 'ada' } }]
    })
    expect(renamed).toMatchObject({ ok: false, error: { field: 'orgs.0.auth.password' } })
  })

  it('a record whose destination was rewritten in the file does not open its secret there', async () => {
    const ctx = await setup()
    const saved = unwrap(
      await ctx.call(
        'saveApiCredential',
        credential({ type: 'bearer', token: 'the-token' }, { baseUrl: 'https://api.example.com' })
      )
    )
    // Rewrite the file and the seal both: what the seal cannot catch, the secret's binding does.
    const { readFileSync: read, writeFileSync: write } = await import('node:fs')
    const path = ctx.services.vault.status().storePath
    const data = JSON.parse(read(path, 'utf8'))
    data.apiCredentials[0].baseUrl = 'https://attacker.example'
    delete data.seal
    write(path, JSON.stringify(data))
    const reopened = await createServices({ dataDir: join(path, '..'), scryptParams: fastScrypt })
    await reopened.vault.unlock(PASS)
    await expect(reopened.apiCredentials.forRequest(saved.id, undefined)).rejects.toMatchObject({
      code: 'SECRET_UNREADABLE'
    })
  })
})

describe('secrets in an echoed response (issue 11, item 11)', () => {
  it('a server that echoes the Authorization header shows neither the Basic password nor user:password in base64', async () => {
    const { createServer } = await import('node:http')
    const server = createServer((request, response) => {
      const auth = request.headers.authorization ?? ''
      const decoded = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8')
      response.setHeader('X-Echo-Authorization', auth)
      response.end(
        JSON.stringify({
          authorization: auth,
          decoded,
          password: decoded.split(':')[1],
          urlEncoded: encodeURIComponent(decoded.split(':')[1] ?? ''),
          passwordBase64: Buffer.from(decoded.split(':')[1] ?? '').toString('base64')
        })
      )
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const ctx = await setup()
      const port = (server.address() as { port: number }).port
      const password = 'p@ss word/with+symbols'
      const saved = unwrap(
        await ctx.call(
          'saveApiCredential',
          credential({ type: 'basic', username: 'svc-embed', password }, { baseUrl: `http://127.0.0.1:${port}` })
        )
      )
      const result = await send(ctx, saved.id)
      expect(result.response!.status).toBe(200)
      const shown = JSON.stringify(result)
      const forms = [
        password,
        encodeURIComponent(password),
        Buffer.from(password).toString('base64'),
        Buffer.from(`svc-embed:${password}`).toString('base64')
      ]
      for (const form of forms) expect(shown, form).not.toContain(form)
      // The body stays valid JSON; each secret form became the mask.
      expect(JSON.parse(result.response!.body)).toMatchObject({ decoded: '••••••', urlEncoded: '••••••' })
    } finally {
      server.close()
    }
  })
})
