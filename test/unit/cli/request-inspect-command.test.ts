/**
 * `embed-workbench request inspect`: a request already sent, from a file or stdin, judged against
 * the vault's API credentials. HMAC here: the runner signs (a dry run), the "customer's proxy"
 * re-formats the JSON body, and the inspector names the body and the string-to-sign line.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/index'
import { createServices } from '../../../main/services'
import { fastScrypt, tempDir } from '../helpers'

const PASS = 'a long enough passphrase'
const env = { EMBED_WORKBENCH_PASSPHRASE: PASS }

async function run(args: string[], stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { ...env },
    readStdin: () => stdin,
    now: () => Math.floor(Date.now() / 1000)
  })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

async function vaultWithHmac() {
  const dataDir = tempDir()
  const services = await createServices({ dataDir, scryptParams: fastScrypt })
  await services.vault.setUp(PASS, PASS)
  const saved = await services.apiCredentials.save({
    name: 'Orders API',
    baseUrl: 'https://api.example.com/v1',
    environment: 'test',
    contentType: 'json',
    headers: [],
    orgSpecific: false,
    orgs: [],
    auth: { type: 'hmac', clientId: 'orders-client', clientSecret: 'hmac-secret-value' }
  })
  const built = await services.apiRequests.send({
    credentialId: saved.id,
    method: 'POST',
    path: '/orders?b=2&a=1',
    body: '{"qty":1,"sku":"A-1"}',
    headers: [],
    send: false
  })
  return { dataDir, built }
}

/** The built request as raw HTTP, the way a proxy log would keep it. */
function raw(built: Awaited<ReturnType<typeof vaultWithHmac>>['built'], body = built.request.body) {
  const url = new URL(built.request.url)
  return [
    `${built.request.method} ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    ...built.request.headers.map(([n, v]) => `${n}: ${v}`),
    '',
    body
  ].join('\r\n')
}

describe('request inspect', () => {
  it('accepts the request as signed (exit 0), from stdin, and names a re-formatted body with its line (exit 1)', async () => {
    const { dataDir, built } = await vaultWithHmac()
    const accepted = await run(['request', 'inspect', '-', '--data-dir', dataDir], raw(built))
    expect(accepted.stderr).not.toMatch(/cannot|error/i)
    expect(accepted.stdout).toContain('ACCEPTED')
    expect(accepted.stdout).toContain('credential: Orders API, matched by its client id orders-client')
    expect(accepted.code).toBe(0)

    const file = join(tempDir(), 'from-proxy.http')
    writeFileSync(file, raw(built, JSON.stringify(JSON.parse(built.request.body), null, 2)))
    const refused = await run(['request', 'inspect', file, '--data-dir', dataDir, '--json'])
    expect(refused.code).toBe(1)
    const inspection = JSON.parse(refused.stdout)
    expect(inspection.change).toMatchObject({ part: 'body', of: 'string to sign' })
    expect(inspection.change.sentence).toMatch(
      /body was changed after signing: the signature matches it as compact JSON/
    )
    // The body hash is the string to sign's line that differs.
    const lines: string[] = inspection.stringToSign.split('\n')
    expect(inspection.change.line).toMatchObject({ line: lines.findIndex((l) => /^[0-9a-f]{64}$/.test(l)) + 1 })
    expect(inspection.change.line.signed).toMatch(/^[0-9a-f]{64}$/)
    expect(inspection.change.line.arrived).not.toBe(inspection.change.line.signed)
    expect(refused.stdout).not.toContain('hmac-secret-value')
  })

  it('a HAR: lists the entries that carry authentication and judges the one picked', async () => {
    const { dataDir, built } = await vaultWithHmac()
    const entry = (url: string, headers: [string, string][], body: string) => ({
      startedDateTime: new Date().toISOString(),
      time: 10,
      request: {
        method: 'POST',
        url,
        headers: headers.map(([name, value]) => ({ name, value })),
        postData: { mimeType: 'application/json', text: body }
      },
      response: { status: 401, statusText: '', headers: [], content: {} }
    })
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'test', version: '1' },
        entries: [
          entry('https://cdn.example.com/app.js', [], ''),
          entry(built.request.url, built.request.headers, built.request.body),
          entry(built.request.url, built.request.headers, `${built.request.body} `)
        ]
      }
    }
    const file = join(tempDir(), 'customer.har')
    writeFileSync(file, JSON.stringify(har))
    const first = await run(['request', 'inspect', file, '--data-dir', dataDir])
    expect(first.stdout).toMatch(/HAR: 2 entries carry authentication/)
    expect(first.stdout).toMatch(/> \[1\] POST https:\/\/api\.example\.com\/v1\/orders/)
    expect(first.code).toBe(0)
    const second = await run(['request', 'inspect', file, '--entry', '2', '--data-dir', dataDir])
    expect(second.stdout).toMatch(/> \[2\]/)
    expect(second.code).toBe(1)
    const none = await run(['request', 'inspect', file, '--entry', '0', '--data-dir', dataDir])
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/Entry 0 of the HAR carries no authentication .* pick one of 1, 2/)
  })

  it('bad input: a paste it cannot read, a missing file, a bad --as-of', async () => {
    const { dataDir } = await vaultWithHmac()
    const garbage = await run(['request', 'inspect', '-', '--data-dir', dataDir], 'hello there')
    expect(garbage.code).toBe(1)
    expect(garbage.stderr).toMatch(/a raw request starts with its request line/)
    expect((await run(['request', 'inspect', '/nope/x.har', '--data-dir', dataDir])).code).toBe(2)
    expect(
      (await run(['request', 'inspect', '-', '--as-of', 'someday', '--data-dir', dataDir], 'GET / HTTP/1.1')).code
    ).toBe(2)
  })
})
