/**
 * Issue 17, item 5: the request inspector judges a request a customer already sent (raw HTTP, a
 * cURL command, a HAR) against the stored credential it names, as the verification server would.
 * The signed requests here come from clients nobody here wrote: curl's own --aws-sigv4 signer
 * (its request captured by a loopback server) and the aws4 library.
 */
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import aws4 from 'aws4'
import { describe, expect, it } from 'vitest'
import { MASKED_SECRET } from '../../../preload/contract/constants'
import { unwrap } from '../helpers'
import { aws, credential, setup } from './setup'

const run = promisify(execFile)

/** What curl sends, byte for byte in order, for these arguments: captured by a server on 127.0.0.1. */
async function curlSends(args: string[], path: string) {
  let captured: { method: string; target: string; headers: [string, string][]; body: string } | null = null
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const headers: [string, string][] = []
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!])
      captured = { method: req.method!, target: req.url!, headers, body: Buffer.concat(chunks).toString('utf8') }
      res.end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  await run('curl', ['-s', ...args, `http://127.0.0.1:${port}${path}`])
  await new Promise<void>((r) => server.close(() => r()))
  return { ...captured!, port }
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`

/** The captured request as the cURL command a customer would paste (every header it carried). */
function asCurl(sent: Awaited<ReturnType<typeof curlSends>>, change?: (name: string, value: string) => string) {
  const headers = sent.headers
    .filter(([n]) => !/^(host|content-length|user-agent|accept)$/i.test(n))
    .map(([n, v]) => `-H ${quote(`${n}: ${change ? change(n, v) : v}`)}`)
  return [
    'curl',
    `-X ${sent.method}`,
    quote(`http://127.0.0.1:${sent.port}${sent.target}`),
    ...headers,
    ...(sent.body ? [`--data-raw ${quote(sent.body)}`] : [])
  ].join(' \\\n  ')
}

async function withSigV4(path = '/v1/orders?a=1&b=2') {
  const ctx = await setup()
  const saved = unwrap(await ctx.call('saveApiCredential', credential(aws, { headers: [] })))
  const sent = await curlSends(
    [
      '--aws-sigv4',
      'aws:amz:us-east-1:execute-api',
      '--user',
      `${aws.accessKeyId}:${aws.secretAccessKey}`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Tenant: acme',
      '--data-raw',
      '{"qty":1}'
    ],
    path
  )
  return { ctx, saved, sent }
}

describe('the request inspector', () => {
  it('a request curl signed, pasted as cURL, is accepted against the credential its access key names', async () => {
    const { ctx, saved, sent } = await withSigV4()
    const inspection = unwrap(await ctx.call('inspectApiRequest', { text: asCurl(sent) }))
    expect(inspection.source).toBe('curl')
    expect(inspection.scheme.kind).toBe('sigv4-header')
    expect(inspection.credential).toMatchObject({ id: saved.id, matchedBy: 'its access key AKIDEXAMPLE' })
    expect(inspection.problems).toEqual([])
    expect(inspection.ok).toBe(true)
    expect(inspection.asOf.from).toBe('signed-time')
    expect(inspection.sigv4?.signedHeaders).toContain('x-tenant')
  })

  it('curl signs the query in the order given, not sorted: the inspector says so, on canonical line 3', async () => {
    // curl issue #9717: this machine's curl signs "b=2&a=1" as it stands, where SigV4 sorts it.
    const { ctx, sent } = await withSigV4('/v1/orders?b=2&a=1')
    const inspection = unwrap(await ctx.call('inspectApiRequest', { text: asCurl(sent) }))
    // A curl that sorts (the bug fixed) would make this request pass: that is news, and this test says so.
    expect(inspection.ok, 'this curl sorts the query it signs').toBe(false)
    expect(inspection.change).toMatchObject({ part: 'query order', signed: 'in the order sent' })
    expect(inspection.change!.line).toEqual({ line: 3, signed: 'b=2&a=1', arrived: 'a=1&b=2' })
    expect(inspection.problems[0]).toMatch(/signed the query in the order it was sent .* curl issue #9717/)
  })

  it('one header changed after signing is named with the canonical line it is on', async () => {
    const { ctx, sent } = await withSigV4()
    const changed = asCurl(sent, (n, v) => (/^content-type$/i.test(n) ? `${v}; charset=utf-8` : v))
    const inspection = unwrap(await ctx.call('inspectApiRequest', { text: changed }))
    expect(inspection.ok).toBe(false)
    expect(inspection.change).toMatchObject({
      part: 'header content-type',
      signed: 'application/json',
      arrived: 'application/json; charset=utf-8',
      of: 'canonical request'
    })
    const lines = inspection.canonicalRequest!.split('\n')
    expect(inspection.change!.line).toEqual({
      line: lines.indexOf('content-type:application/json; charset=utf-8') + 1,
      signed: 'content-type:application/json',
      arrived: 'content-type:application/json; charset=utf-8'
    })
    expect(inspection.problems[0]).toMatch(/content-type header was changed after signing/)
  })

  it('a value changed some other way: with the client’s canonical request from its log, the line that differs, and proof it is what was signed', async () => {
    const { ctx, sent } = await withSigV4()
    const changed = asCurl(sent, (n, v) => (/^x-tenant$/i.test(n) ? 'globex' : v))
    const alone = unwrap(await ctx.call('inspectApiRequest', { text: changed }))
    expect(alone.change).toBeNull()
    expect(alone.changesTried).toBeGreaterThan(10)
    expect(alone.notes.join(' ')).toMatch(/Paste the client’s canonical request/)
    // The client's log: the canonical request aws4 (a signer nobody here wrote) makes for what curl signed.
    const date = sent.headers.find(([n]) => n.toLowerCase() === 'x-amz-date')![1]
    const signer = new aws4.RequestSigner(
      {
        host: `127.0.0.1:${sent.port}`,
        method: 'POST',
        path: sent.target,
        headers: Object.fromEntries(
          sent.headers.filter(([n]) => !/^(authorization|user-agent|accept|content-length)$/i.test(n))
        ),
        body: sent.body,
        service: 'execute-api',
        region: 'us-east-1',
        doNotModifyHeaders: true
      },
      { accessKeyId: aws.accessKeyId, secretAccessKey: aws.secretAccessKey }
    )
    signer.datetime = date
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(sent.headers.find(([n]) => /^authorization$/i.test(n))![1])![1]
    expect(signer.signedHeaders()).toBe(signedHeaders)
    const withLog = unwrap(
      await ctx.call('inspectApiRequest', { text: changed, clientCanonical: signer.canonicalString() })
    )
    expect(withLog.clientCanonicalSigned).toBe(true)
    expect(withLog.clientDiff).toEqual([
      expect.objectContaining({ client: 'x-tenant:acme', server: 'x-tenant:globex' })
    ])
  })

  it('HTTP Basic and Bearer: the pasted password and token are masked in everything it returns', async () => {
    const ctx = await setup()
    unwrap(
      await ctx.call('saveApiCredential', credential({ type: 'basic', username: 'ops', password: 'stored-password' }))
    )
    const raw = `GET /v1/orders HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Basic ${Buffer.from('ops:customer-password').toString('base64')}\r\n\r\n`
    const inspection = unwrap(await ctx.call('inspectApiRequest', { text: raw }))
    expect(inspection.source).toBe('http')
    expect(inspection.scheme.kind).toBe('basic')
    expect(inspection.problems).toEqual(['The password does not match (the username "ops" is right).'])
    const json = JSON.stringify(inspection)
    for (const secret of [
      'customer-password',
      'stored-password',
      Buffer.from('ops:customer-password').toString('base64')
    ])
      expect(json).not.toContain(secret)
    expect(inspection.request.headers).toContainEqual(['Authorization', `Basic ${MASKED_SECRET}`])

    unwrap(
      await ctx.call(
        'saveApiCredential',
        credential({ type: 'bearer', token: 'tok-right-123' }, { name: 'Bearer API' })
      )
    )
    const bearer = unwrap(
      await ctx.call('inspectApiRequest', {
        text: `curl https://api.example.com/v1/orders -H 'Authorization: Bearer tok-right-123'`
      })
    )
    expect(bearer).toMatchObject({ ok: true, scheme: { kind: 'bearer' }, credential: { name: 'Bearer API' } })
    expect(JSON.stringify(bearer)).not.toContain('tok-right-123')
  })

  it('a presigned URL the runner made: accepted as of its time, expired an hour later, with when', async () => {
    const ctx = await setup()
    const saved = unwrap(
      await ctx.call('saveApiCredential', credential(aws, { headers: [], baseUrl: 'https://api.example.com' }))
    )
    const made = unwrap(
      await ctx.call('sendApiRequest', {
        credentialId: saved.id,
        method: 'GET',
        path: '/reports/q3.csv',
        body: '',
        send: false,
        signAt: 1_764_580_000,
        presignSeconds: 900
      })
    )
    expect(made.request.url).toMatch(/X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/)
    expect(made.request.headers.map(([n]) => n.toLowerCase())).not.toContain('authorization')
    const fresh = unwrap(
      await ctx.call('inspectApiRequest', { text: `curl '${made.request.url}'`, asOf: 1_764_580_100 })
    )
    expect(fresh).toMatchObject({
      ok: true,
      scheme: { kind: 'sigv4-query' },
      sigv4: { in: 'query', expiresAt: '2025-12-01T09:21:40.000Z' }
    })
    const late = unwrap(
      await ctx.call('inspectApiRequest', { text: `curl '${made.request.url}'`, asOf: 1_764_583_600 })
    )
    expect(late.ok).toBe(false)
    expect(late.problems.join(' ')).toMatch(/expired 45 minutes ago .*valid 900 s from 20251201T090640Z/)
  })

  it('fuzzed through the channel: 400 mutated signed requests, each a verdict or a typed refusal; a huge body is shown cut', async () => {
    const { ctx, sent } = await withSigV4()
    const text = asCurl(sent)
    let seed = 5
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const alphabet = ['"', "'", '\\', '$', '%', '?', '&', '=', ',', ';', ' ', '\n', 'A', '0', '/', '.', 'é']
    for (let i = 0; i < 400; i++) {
      let mutated = text
      for (let e = 0; e < 1 + Math.floor(random() * 4); e++) {
        const at = Math.floor(random() * mutated.length)
        mutated = `${mutated.slice(0, at)}${alphabet[Math.floor(random() * alphabet.length)]}${mutated.slice(at + 1)}`
      }
      const result = await ctx.call('inspectApiRequest', { text: mutated })
      if (result.ok) expect(typeof result.value.ok).toBe('boolean')
      else expect(result.error.message.length).toBeGreaterThan(10)
    }
    const big = `POST /v1/orders HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer x1234\r\n\r\n${'x'.repeat(5_000_000)}`
    const shown = unwrap(await ctx.call('inspectApiRequest', { text: big }))
    expect(shown.request.bodyBytes).toBe(5_000_000)
    expect(shown.request.body.length).toBeLessThan(70_000)
    const tooBig = await ctx.call('inspectApiRequest', { text: 'x'.repeat(11 * 1024 * 1024) })
    expect(tooBig.ok).toBe(false)
  }, 60_000)
})
