/**
 * Issue 17, item 6: every v4 case of aws-c-auth's signing suite, signed in the header and in the
 * query (presigned), through the runner (canonical request, string to sign and signature equal to
 * the suite's), the verification server (the suite's own signed request, sent as its bytes, is
 * accepted) and the request inspector. A case a path cannot take is in exclusions.json with its
 * reason, and the test checks that it really fails there: an exclusion that starts passing is news.
 */
import { connect } from 'node:tls'
import { describe, expect, it } from 'vitest'
import { MASKED_SECRET } from '../../../preload/contract/constants'
import { excluded, exclusions, suiteCases, type SuiteCase } from '../../fixtures/aws-c-auth-suite'
import { unwrap } from '../helpers'
import { setup } from './setup'

const cases = suiteCases()
const kinds = ['header', 'query'] as const

function authOf(c: SuiteCase) {
  return {
    type: 'aws4',
    accessKeyId: c.context.credentials.access_key_id,
    secretAccessKey: c.context.credentials.secret_access_key,
    ...(c.context.credentials.token ? { sessionToken: c.context.credentials.token } : {}),
    region: c.context.region,
    service: c.context.service,
    options: {
      path: c.context.normalize ? 'normalized' : 'as-sent',
      payload: c.context.sign_body ? 'hash-header' : 'hash',
      sessionToken: c.context.omit_session_token ? 'after-signing' : 'signed'
    }
  }
}

/** The session token, as itself or percent-encoded (in a presigned query), is masked in what the product shows. */
const masked = (text: string, c: SuiteCase) => {
  const token = c.context.credentials.token
  return token ? text.split(token).join(MASKED_SECRET).split(encodeURIComponent(token)).join(MASKED_SECRET) : text
}

type Result = { name: string; kind: string; problem: string | null }

/** Saves the case's credential (its keys and options) under the case's name. */
async function saveCase(ctx: Awaited<ReturnType<typeof setup>>, c: SuiteCase, baseUrl: string) {
  return unwrap(
    await ctx.call('saveApiCredential', {
      name: c.name,
      baseUrl,
      environment: 'test',
      contentType: 'form',
      headers: [],
      auth: authOf(c)
    })
  )
}

/** Prints the count, and fails unless exactly the excluded cases failed, both signing places of each. */
function expectOnlyExclusions(results: Result[], path: 'runner' | 'server' | 'inspector', what: string) {
  const failing = results.filter((r) => r.problem !== null)
  console.log(
    `${path}: ${results.length - failing.length} of ${results.length} ${what}; not: ${failing.map((r) => `${r.name} ${r.kind} (${r.problem!.split('\n')[0]})`).join('; ')}`
  )
  expect(failing.map((r) => `${r.name} ${r.kind}: ${r.problem}`)).toEqual(
    failing.filter((r) => excluded(r.name, path)).map((r) => `${r.name} ${r.kind}: ${r.problem}`)
  )
  // An exclusion covers both signing places; one that starts passing is news.
  for (const e of exclusions.filter((x) => x.paths.includes(path)))
    expect(failing.filter((r) => r.name === e.case).length, `${e.case} is excluded but passes (${path})`).toBe(2)
}

describe('aws-c-auth SigV4 suite', () => {
  it('has its 38 cases, and every exclusion names a case and a reason', () => {
    expect(cases).toHaveLength(38)
    for (const e of exclusions) {
      expect(cases.map((c) => c.name)).toContain(e.case)
      expect(e.reason.length).toBeGreaterThan(20)
    }
  })

  it('the runner signs each case as the suite does, in the header and presigned', async () => {
    const ctx = await setup()
    const results: Result[] = []
    for (const c of cases) {
      const saved = await saveCase(ctx, c, `https://${c.request.headers.find(([n]) => n.toLowerCase() === 'host')![1]}`)
      for (const kind of kinds) {
        const expected = c[kind]
        const result = await ctx.call('sendApiRequest', {
          credentialId: saved.id,
          method: c.request.method,
          path: c.request.target,
          body: c.request.body,
          headers: c.request.headers.map(([name, value]) => ({ name, value })),
          send: false,
          signAt: Date.parse(c.context.timestamp) / 1000,
          ...(kind === 'query' ? { presignSeconds: c.context.expiration_in_seconds } : {})
        })
        const signing = result.ok && result.value.signing?.kind === 'aws4' ? result.value.signing : null
        const problem = !result.ok
          ? result.error.message
          : signing?.canonicalRequest !== masked(expected.canonicalRequest, c)
            ? `canonical request differs:\n${signing?.canonicalRequest}`
            : signing.stringToSign !== expected.stringToSign
              ? 'string to sign differs'
              : signing.signature !== expected.signature
                ? 'signature differs'
                : null
        results.push({ name: c.name, kind, problem })
      }
    }
    expectOnlyExclusions(results, 'runner', 'signed as the suite does')
  }, 60_000)

  it('the verification server accepts the suite’s own signed requests, sent as their bytes', async () => {
    const results: Result[] = []
    const ctx = await setup()
    for (const c of cases) {
      const saved = await saveCase(ctx, c, 'https://127.0.0.1:1')
      // Judged as of the suite's signing time ("verify as of").
      const status = unwrap(
        await ctx.call('startVerifyServer', {
          credentialId: saved.id,
          verifyAsOf: Date.parse(c.context.timestamp) / 1000
        })
      )
      for (const kind of kinds) {
        const answer = await rawRequest(status.port!, c[kind].raw)
        const problem =
          answer.verdict === null
            ? `no verdict (HTTP ${answer.status})`
            : answer.verdict.problems.length
              ? answer.verdict.problems.join(' ')
              : // The server answers its own client: the session token that client sent is not masked there.
                answer.verdict.canonicalRequest !== c[kind].canonicalRequest
                ? `canonical request differs:\n${answer.verdict.canonicalRequest}`
                : null
        results.push({ name: c.name, kind, problem })
      }
      await ctx.services.apiRequests.stopVerifyServer()
      unwrap(await ctx.call('deleteApiCredential', { id: saved.id }))
    }
    expectOnlyExclusions(results, 'server', 'accepted')
  }, 120_000)

  it('the request inspector accepts each signed request pasted as text, as of the suite’s time', async () => {
    const ctx = await setup()
    const results: Result[] = []
    for (const c of cases) {
      const saved = await saveCase(ctx, c, 'https://example.amazonaws.com')
      for (const kind of kinds) {
        const result = await ctx.call('inspectApiRequest', {
          text: c[kind].raw,
          credentialId: saved.id,
          asOf: Date.parse(c.context.timestamp) / 1000
        })
        const problem = !result.ok
          ? result.error.message
          : result.value.problems.length
            ? result.value.problems.join(' ')
            : result.value.canonicalRequest !== masked(c[kind].canonicalRequest, c)
              ? `canonical request differs:\n${result.value.canonicalRequest}`
              : result.value.stringToSign !== c[kind].stringToSign
                ? 'string to sign differs'
                : null
        results.push({ name: c.name, kind, problem })
      }
      unwrap(await ctx.call('deleteApiCredential', { id: saved.id }))
    }
    expectOnlyExclusions(results, 'inspector', 'accepted')
  }, 60_000)
})

/** Writes the bytes to the verification server over TLS and reads its answer. */
function rawRequest(
  port: number,
  raw: string
): Promise<{ status: number; verdict: { ok: boolean; problems: string[]; canonicalRequest: string | null } | null }> {
  return new Promise((resolve, reject) => {
    // The server's certificate is its own, self-signed: what is tested here is the signature, not TLS.
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      socket.write(Buffer.from(raw, 'utf8'))
    })
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      const text = Buffer.concat(chunks).toString('utf8')
      const end = text.indexOf('\r\n\r\n')
      const length = /content-length: (\d+)/i.exec(text)
      if (end >= 0 && length && Buffer.byteLength(text.slice(end + 4)) >= Number(length[1])) socket.end()
      // Node's parser refuses a request line outright with a bare 400.
      if (end >= 0 && /^HTTP\/1\.1 400 /.test(text)) socket.end()
      if (end >= 0 && /transfer-encoding: chunked/i.test(text) && text.endsWith('\r\n0\r\n\r\n')) socket.end()
    })
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)
      let body = text.slice(text.indexOf('\r\n\r\n') + 4)
      if (/transfer-encoding: chunked/i.test(text)) {
        let decoded = ''
        for (let at = 0; ;) {
          const size = parseInt(body.slice(at, body.indexOf('\r\n', at)), 16)
          if (!size) break
          const start = body.indexOf('\r\n', at) + 2
          decoded += Buffer.from(body)
            .subarray(Buffer.byteLength(body.slice(0, start)), Buffer.byteLength(body.slice(0, start)) + size)
            .toString('utf8')
          at =
            Buffer.from(body)
              .subarray(0, Buffer.byteLength(body.slice(0, start)) + size)
              .toString('utf8').length + 2
        }
        body = decoded
      }
      try {
        resolve({ status, verdict: JSON.parse(body) })
      } catch {
        resolve({ status, verdict: null })
      }
    })
    socket.on('error', reject)
    // The server's HTTP parser refuses some request lines outright; it answers 400 and may keep the socket.
    socket.setTimeout(1500, () => socket.end())
  })
}
