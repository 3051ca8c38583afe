/**
 * Browser mode's HTTP host on a real 127.0.0.1 socket: the launch token, Host and Origin checks
 * (DNS rebinding and cross-site requests), no CORS, and the bridge answering like ipcMain does.
 */
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BRIDGE_SCRIPT_PATH, MAX_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../../main/browser/host'
import { createHandlers, createServices } from '../../../main/services'
import { channelNames } from '../../../preload/contract'
import { appContentSecurityPolicy } from '../../../main/core/app-files'
import { fastScrypt } from '../helpers'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}
function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
        )
      }
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

let host: BrowserHost
let dataDir: string
const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz'
let origin: string
let hostHeader: string

const bridge = (channel: string, input: unknown, extra: Record<string, string> = {}) =>
  send(host.port, {
    method: 'POST',
    path: `/__bridge/${channel}`,
    headers: {
      Host: hostHeader,
      Origin: origin,
      'X-Workbench-Token': TOKEN,
      'Content-Type': 'application/json',
      ...extra
    },
    body: JSON.stringify(input)
  })

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ewb-host-'))
  const rendererDir = join(dataDir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>'
  )
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  writeFileSync(
    join(rendererDir, 'assets', 'big.js'),
    `export const rows = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ i })))}`
  )
  writeFileSync(join(dataDir, 'outside.txt'), 'must not be served')
  const services = await createServices({ dataDir: join(dataDir, 'vault'), scryptParams: fastScrypt })
  host = await startBrowserHost({ handlers: createHandlers(services), rendererDir, port: 0, token: TOKEN })
  origin = host.origin
  hostHeader = `127.0.0.1:${host.port}`
})
afterAll(async () => {
  await host.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('launch token', () => {
  it('listens on 127.0.0.1 only and prints a launch URL carrying the token in its fragment (never sent)', () => {
    expect(host.launchUrl).toBe(`http://127.0.0.1:${host.port}/#token=${TOKEN}`)
  })

  it('sets no cookie and accepts none: a cookie reaches every port of 127.0.0.1', async () => {
    const page = await send(host.port, { path: '/', headers: { Host: hostHeader } })
    expect(page.status).toBe(200)
    expect(page.headers['set-cookie']).toBeUndefined()
    const withCookie = await bridge(
      'getVaultStatus',
      {},
      { 'X-Workbench-Token': '', Cookie: `ewb_token_${host.port}=${TOKEN}` }
    )
    expect(withCookie.status).toBe(401)
    expect(JSON.parse(withCookie.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(JSON.parse(withCookie.body).error.message).toContain('npm run browser')
  })

  it('refuses a bridge call without the token header, or with a wrong one', async () => {
    const call = await send(host.port, {
      method: 'POST',
      path: '/__bridge/getVaultStatus',
      headers: { Host: hostHeader, Origin: origin, 'Content-Type': 'application/json' },
      body: '{}'
    })
    expect(call.status).toBe(401)
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect((await bridge('getVaultStatus', {}, { 'X-Workbench-Token': `${TOKEN.slice(0, -1)}x` })).status).toBe(401)
    expect((await bridge('getVaultStatus', {}, { 'X-Workbench-Token': 'short' })).status).toBe(401)
    expect((await bridge('getVaultStatus', {})).status).toBe(200)
  })

  it('the bridge script takes the token from the fragment, keeps it for the tab and sends it as a header, never a cookie', async () => {
    const script = (await send(host.port, { path: BRIDGE_SCRIPT_PATH, headers: { Host: hostHeader } })).body
    expect(script).toContain('location.hash')
    expect(script).toContain('sessionStorage')
    expect(script).toContain('history.replaceState')
    expect(script).toContain('hashchange')
    expect(script).toContain('"x-workbench-token": token')
    expect(script).toContain('credentials: "omit"')
    expect(script).not.toMatch(/document\.cookie/)
  })
})

describe('DNS rebinding and cross-site requests', () => {
  it('refuses any Host that is not its own loopback address, even with a valid token', async () => {
    for (const name of [
      'evil.example',
      `evil.example:${host.port}`,
      `127.0.0.1.nip.io:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      `[::1]:${host.port}`
    ]) {
      const page = await send(host.port, { path: '/', headers: { Host: name, 'X-Workbench-Token': TOKEN } })
      expect(page.status, name).toBe(421)
      const call = await bridge('listCredentials', {}, { Host: name })
      expect(call.status, name).toBe(421)
    }
  })

  it('refuses a foreign Origin or a cross-site fetch, even with the token', async () => {
    for (const foreign of [
      'http://evil.example',
      `http://127.0.0.1:${host.port + 1}`,
      'null',
      `https://127.0.0.1:${host.port}`
    ]) {
      const reply = await bridge('getVaultStatus', {}, { Origin: foreign })
      expect(reply.status, foreign).toBe(403)
      expect(reply.headers['access-control-allow-origin']).toBeUndefined()
    }
    expect((await bridge('getVaultStatus', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
  })

  it('refuses a bridge call with no Origin at all (not from the app page)', async () => {
    const reply = await send(host.port, {
      method: 'POST',
      path: '/__bridge/getVaultStatus',
      headers: { Host: hostHeader, 'X-Workbench-Token': TOKEN, 'Content-Type': 'application/json' },
      body: '{}'
    })
    expect(reply.status).toBe(403)
  })

  it('never answers a CORS preflight with permission', async () => {
    const reply = await send(host.port, {
      method: 'OPTIONS',
      path: '/__bridge/getVaultStatus',
      headers: { Host: hostHeader, Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' }
    })
    expect(reply.status).toBe(403)
    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
    const own = await send(host.port, {
      method: 'OPTIONS',
      path: '/__bridge/getVaultStatus',
      headers: { Host: hostHeader, Origin: origin, 'X-Workbench-Token': TOKEN }
    })
    expect(own.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('the bridge', () => {
  it('answers the same typed results as ipcMain', async () => {
    const reply = await bridge('getVaultStatus', {})
    expect(reply.status).toBe(200)
    expect(reply.headers['cache-control']).toBe('no-store')
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { state: 'needs-setup', scheme: 'passphrase' } })
    expect(JSON.parse((await bridge('noSuchChannel', {})).body)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' }
    })
    expect(JSON.parse((await bridge('unlockVault', { passphrase: 7 })).body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'passphrase' }
    })
  })

  it('refuses non-JSON bodies, a wrong content type and oversized requests with a message', async () => {
    const garbage = await send(host.port, {
      method: 'POST',
      path: '/__bridge/getVaultStatus',
      headers: { Host: hostHeader, Origin: origin, 'X-Workbench-Token': TOKEN, 'Content-Type': 'application/json' },
      body: '{not json'
    })
    expect(garbage.status).toBe(400)
    expect(JSON.parse(garbage.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const form = await send(host.port, {
      method: 'POST',
      path: '/__bridge/getVaultStatus',
      headers: { Host: hostHeader, Origin: origin, 'X-Workbench-Token': TOKEN, 'Content-Type': 'text/plain' },
      body: '{}'
    })
    expect(form.status).toBe(415)
    const huge = await send(host.port, {
      method: 'POST',
      path: '/__bridge/importCredential',
      headers: { Host: hostHeader, Origin: origin, 'X-Workbench-Token': TOKEN, 'Content-Type': 'application/json' },
      body: Buffer.alloc(MAX_BODY_BYTES + 1024, 'a')
    })
    expect(huge.status).toBe(413)
  })

  it('serves a bridge script with one function per channel and injects it into the page before the app', async () => {
    const script = await send(host.port, {
      path: BRIDGE_SCRIPT_PATH,
      headers: { Host: hostHeader, 'X-Workbench-Token': TOKEN }
    })
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toContain('javascript')
    for (const name of channelNames) expect(script.body).toContain(`"${name}"`)
    const page = await send(host.port, { path: '/', headers: { Host: hostHeader, 'X-Workbench-Token': TOKEN } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toBe(appContentSecurityPolicy([]))
    expect(page.headers['x-frame-options']).toBe('DENY')
    expect(page.body.indexOf(BRIDGE_SCRIPT_PATH)).toBeGreaterThan(0)
    expect(page.body.indexOf(BRIDGE_SCRIPT_PATH)).toBeLessThan(page.body.indexOf('assets/app.js'))
    // A module script: it does not block the page's parse, and runs before the app's module.
    expect(page.body).toContain(`<script type="module" src="${BRIDGE_SCRIPT_PATH}"></script>`)
  })

  it('serves the built renderer and nothing outside it', async () => {
    expect(
      (await send(host.port, { path: '/assets/app.js', headers: { Host: hostHeader, 'X-Workbench-Token': TOKEN } }))
        .status
    ).toBe(200)
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/..%2f..%2foutside.txt',
      '/%2e%2e%5coutside.txt',
      '/nope.js'
    ]) {
      expect(
        (await send(host.port, { path, headers: { Host: hostHeader, 'X-Workbench-Token': TOKEN } })).status,
        path
      ).toBe(404)
    }
  })
})

describe('bounded work (issue 11, item 14)', () => {
  /** A raw connection: what a hostile local client does. Resolves when the server closes it. */
  function raw(port: number, text: string) {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.on('data', (d) => (received += d.toString('latin1')))
    socket.on('error', () => {})
    const closed = new Promise<number>((resolve) => {
      const started = Date.now()
      socket.on('close', () => resolve(Date.now() - started))
    })
    socket.write(text)
    return { socket, closed, received: () => received }
  }

  const head = (path: string, extra: string) =>
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: ${origin}\r\n${extra}\r\n`

  it('closes the connection after refusing an oversized body, instead of reading the rest', async () => {
    const c = raw(
      host.port,
      head(
        '/__bridge/importCredential',
        `X-Workbench-Token: ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024 * 1024}\r\n`
      )
    )
    c.socket.write(Buffer.alloc(MAX_BODY_BYTES + 1024, 'a'))
    const ms = await Promise.race([c.closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))])
    expect(c.received()).toMatch(/^HTTP\/1\.1 413/)
    expect(ms).toBeGreaterThan(-1)
    c.socket.destroy()
  })

  it('closes the connection after a 401, without reading the body it announced', async () => {
    const c = raw(
      host.port,
      head('/__bridge/getVaultStatus', `Content-Type: application/json\r\nContent-Length: ${1024 * 1024 * 1024}\r\n`)
    )
    c.socket.write(Buffer.alloc(64 * 1024, 'a'))
    const ms = await Promise.race([c.closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))])
    expect(c.received()).toMatch(/^HTTP\/1\.1 401/)
    expect(ms).toBeGreaterThan(-1)
  })

  it('matches the Content-Type exactly: application/json, with parameters, and nothing that only starts like it', async () => {
    for (const type of ['application/jsonp', 'application/json-patch+json', 'application/json5']) {
      const reply = await bridge('getVaultStatus', {}, { 'Content-Type': type })
      expect(reply.status, type).toBe(415)
    }
    expect((await bridge('getVaultStatus', {}, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200)
    expect((await bridge('getVaultStatus', {}, { 'Content-Type': 'Application/JSON' })).status).toBe(200)
  })

  it('accepts Sec-Fetch-Site same-origin or none only: another port of 127.0.0.1 is "same-site", and refused', async () => {
    expect((await bridge('getVaultStatus', {}, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403)
    expect((await bridge('getVaultStatus', {}, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
    const page = await send(host.port, { path: '/', headers: { Host: hostHeader, 'Sec-Fetch-Site': 'same-site' } })
    expect(page.status).toBe(403)
    expect((await send(host.port, { path: '/', headers: { Host: hostHeader, 'Sec-Fetch-Site': 'none' } })).status).toBe(
      200
    )
  })

  it('a bad %-escape in the path is a 400 with a message, not a 500', async () => {
    const reply = await send(host.port, {
      method: 'POST',
      path: '/__bridge/%E0%A4%A',
      headers: { Host: hostHeader, Origin: origin, 'X-Workbench-Token': TOKEN, 'Content-Type': 'application/json' },
      body: '{}'
    })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await send(host.port, { path: '/assets/%E0%A4%A.js', headers: { Host: hostHeader } })).status).toBe(400)
  })

  it('caps open connections, and closes a connection that never finishes its headers', async () => {
    const small = await startBrowserHost({
      handlers: {} as never,
      rendererDir: dataDir,
      port: 0,
      token: TOKEN,
      limits: { headersTimeoutMs: 300, maxConnections: 8 }
    })
    try {
      const slow = raw(small.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${small.port}\r\n`)
      const ms = await Promise.race([slow.closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))])
      expect(ms).toBeGreaterThan(-1)
      const many = Array.from({ length: 12 }, () =>
        raw(small.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${small.port}\r\n`)
      )
      const closedEarly = await Promise.all(
        many.map((c) =>
          Promise.race([c.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 150))])
        )
      )
      expect(closedEarly.filter(Boolean).length).toBeGreaterThanOrEqual(4)
      for (const c of many) c.socket.destroy()
    } finally {
      await small.close()
    }
  })
})

describe('what it serves (issue 18, item 6)', () => {
  it('gzips scripts for a browser that accepts it, byte for byte the file; a small file and a client without gzip get it as it is', async () => {
    const { gunzipSync } = await import('node:zlib')
    const { readFileSync } = await import('node:fs')
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: host.port, path, headers: { Host: hostHeader, ...headers } },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
          }
        )
        req.on('error', reject)
        req.end()
      })
    const file = readFileSync(join(dataDir, 'renderer', 'assets', 'big.js'))
    const gzipped = await raw('/assets/big.js', { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gzipped.headers.vary).toBe('Accept-Encoding')
    expect(gzipped.body.length).toBeLessThan(file.length / 4)
    expect(gunzipSync(gzipped.body).equals(file)).toBe(true)
    const plain = await raw('/assets/big.js', {})
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.equals(file)).toBe(true)
    const small = await raw('/assets/app.js', { 'Accept-Encoding': 'gzip' })
    expect(small.headers['content-encoding']).toBeUndefined()
  })
})
