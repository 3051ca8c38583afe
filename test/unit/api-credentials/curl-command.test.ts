/**
 * "Copy as cURL": the command a user pastes must run as it is and send exactly the request the
 * runner built. Checked with the real curl against a real HTTP server on 127.0.0.1.
 */
import { execFile } from 'node:child_process'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { curlCommand, secretVariable, shellQuote } from '../../../renderer/src/features/api-credentials/curl'

const run = promisify(execFile)
let seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = []
const server = createServer((request, response) => {
  let body = ''
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
  request.on('end', () => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body })
    response.end('ok')
  })
})
let base = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => server.close())

describe('Copy as cURL', () => {
  it('runs in a real shell with the real curl and sends the same method, URL, headers and body', async () => {
    seen = []
    const body = `{"note":"it's a \\"quoted\\" $HOME \`cmd\` value","n":1}`
    const { command, variables } = curlCommand(
      {
        method: 'POST',
        url: `${base}/orders?status=open&q=a%20b`,
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Signature', 'ab12'],
          ['X-Quote', `it's`],
          ['Authorization', 'Bearer ••••••']
        ],
        body
      },
      'Orders API'
    )
    expect(variables).toEqual(['ORDERS_API_AUTHORIZATION'])
    expect(command).toMatch(/^# The workbench never shows a secret: set ORDERS_API_AUTHORIZATION first/)
    await run('bash', ['-c', command], { env: { ...process.env, ORDERS_API_AUTHORIZATION: 'tok-123' } })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/orders?status=open&q=a%20b', body })
    expect(seen[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-signature': 'ab12',
      'x-quote': "it's",
      authorization: 'Bearer tok-123'
    })
  })

  it('GET has no -X, HEAD uses --head; names and quotes are safe', async () => {
    seen = []
    const get = curlCommand({ method: 'GET', url: `${base}/a`, headers: [], body: '' }, 'x').command
    expect(get).toBe(`curl ${shellQuote(`${base}/a`)}`)
    await run('bash', ['-c', get])
    const head = curlCommand({ method: 'HEAD', url: `${base}/b`, headers: [], body: '' }, 'x').command
    await run('bash', ['-c', head])
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /a', 'HEAD /b'])
    expect(secretVariable('2nd key (prod)', 'X-Api-Key')).toBe('_2ND_KEY_PROD_X_API_KEY')
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`)
  })
})
