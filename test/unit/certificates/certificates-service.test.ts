/**
 * Client certificates through the real dispatcher and vault: what is stored, what never comes
 * back, edits, the "test a URL" verdict, and a real TLS server on 127.0.0.1 that requires a client
 * certificate: it accepts the stored one and refuses a connection without it.
 */
import type { KeyObject } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { request } from 'node:https'
import { createServer, type Server, type TLSSocket } from 'node:tls'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../main/core/dispatch'
import { createHandlers, createServices } from '../../../main/services'
import type { ChannelName, ChannelResult, Result } from '../../../preload/contract'
import { KEY_PASSPHRASE, makePki, type Pki } from '../../fixtures/pki'
import { fastScrypt, tempDir, unwrap } from '../helpers'

const PASS = 'a long enough passphrase'
let pki: Pki
beforeAll(() => {
  pki = makePki()
}, 60_000)

async function unlocked(clock?: { now(): Date }) {
  const dataDir = tempDir()
  const services = await createServices({ dataDir, scryptParams: fastScrypt, clock })
  await services.vault.setUp(PASS, PASS)
  const handlers = createHandlers(services)
  const call = <K extends ChannelName>(channel: K, input?: unknown) =>
    dispatch(handlers, channel, input) as Promise<Result<ChannelResult<K>>>
  const vaultBytes = () =>
    readdirSync(dataDir)
      .map((f) => readFileSync(join(dataDir, f), 'latin1'))
      .join('\n')
  return { services, call, vaultBytes, dataDir }
}

const rsaLegacy = () => ({
  name: 'Acme prod',
  description: 'customer cert',
  domains: '*.example.com\napi.example.com:8443',
  certificate: pki.pasted('rsa.crt'),
  key: pki.pasted('rsa-legacy-aes.key'),
  ca: pki.pasted('root.crt')
})

describe('saving certificates', () => {
  it('a wrong passphrase saves nothing and says so under the passphrase field; the right one saves', async () => {
    const { call } = await unlocked()
    const wrong = unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: 'not it' }))
    expect(wrong.saved).toBeNull()
    expect(wrong.report.findings.find((f) => f.code === 'PASSPHRASE_WRONG')!.param).toBe('passphrase')
    expect(unwrap(await call('listCertificates'))).toEqual([])

    const right = unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: KEY_PASSPHRASE }))
    expect(right.saved).toMatchObject({
      name: 'Acme prod',
      hasKey: true,
      hasPassphrase: true,
      hasCa: true,
      domains: ['*.example.com', 'api.example.com:8443']
    })
    expect(right.report).toMatchObject({ ok: true, keyMatches: true, chainValid: true, passphrase: 'correct' })
    expect(unwrap(await call('listCertificates')).map((c) => c.name)).toEqual(['Acme prod'])
  })

  it('the key and passphrase are encrypted at rest and never come back over a channel', async () => {
    const { call, vaultBytes } = await unlocked()
    unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: KEY_PASSPHRASE }))
    unwrap(
      await call('saveCertificate', {
        name: 'PFX',
        domains: 'pfx.example.com',
        certificate: pki.uploaded('ec256-legacy.pfx'),
        passphrase: KEY_PASSPHRASE
      })
    )
    const keyLines = [
      ...pki.text('rsa-legacy-aes.key').split('\n').slice(4, 8),
      ...pki.text('rsa.key').split('\n').slice(2, 6),
      ...pki.text('ec256.key').split('\n').slice(1, 3)
    ]
    const pfx = pki.bytes('ec256-legacy.pfx').toString('base64')
    const secrets = [KEY_PASSPHRASE, ...keyLines, pfx.slice(100, 160)]
    const stored = vaultBytes()
    const overChannels = JSON.stringify([
      await call('listCertificates'),
      await call('validateCertificate', { id: unwrap(await call('listCertificates'))[0]!.id, domains: '' })
    ])
    for (const secret of secrets) {
      expect(stored).not.toContain(secret)
      expect(overChannels).not.toContain(secret)
    }
    // The public certificate is stored in the clear, as it should be.
    expect(stored).toContain(pki.text('rsa.crt').split('\n')[3])
  })

  it('edits: a rename keeps the key; a new certificate is checked against the stored key; key: null removes it', async () => {
    const { call } = await unlocked()
    const saved = unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: KEY_PASSPHRASE })).saved!
    const renamed = unwrap(
      await call('saveCertificate', {
        id: saved.id,
        name: 'Acme production',
        description: '',
        domains: 'api.example.com'
      })
    ).saved!
    expect(renamed).toMatchObject({
      id: saved.id,
      name: 'Acme production',
      hasKey: true,
      hasPassphrase: true,
      createdAt: saved.createdAt
    })
    expect(renamed.report.keyMatches).toBe(true)

    // A certificate the stored key does not belong to: refused until the user confirms it.
    const mismatch = {
      id: saved.id,
      name: 'Acme production',
      domains: 'api.example.com',
      certificate: pki.pasted('ec256.crt')
    }
    const asked = unwrap(await call('saveCertificate', mismatch))
    expect(asked).toMatchObject({ saved: null, refused: 'KEY_MISMATCH' })
    expect(asked.report.findings.find((f) => f.code === 'KEY_MISMATCH')!.message).toContain('The key is RSA 2048')
    expect(unwrap(await call('listCertificates'))[0]!.report.keyMatches).toBe(true) // nothing changed
    const replaced = unwrap(await call('saveCertificate', { ...mismatch, keepMismatchedKey: true }))
    expect(replaced.saved!.report.keyMatches).toBe(false) // stored as given, to reproduce the customer's failure

    const keyless = unwrap(
      await call('saveCertificate', {
        id: saved.id,
        name: 'Acme production',
        domains: 'api.example.com',
        certificate: pki.pasted('rsa.crt'),
        key: null
      })
    )
    expect(keyless.saved).toMatchObject({ hasKey: false, hasPassphrase: false })
    expect(keyless.report.findings.map((f) => f.code)).toContain('KEY_MISSING')
  })

  it('validateCertificate with an id checks a new passphrase against the stored key without saving', async () => {
    const { call } = await unlocked()
    const saved = unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: KEY_PASSPHRASE })).saved!
    expect(
      unwrap(await call('validateCertificate', { id: saved.id, domains: '', passphrase: 'nope' })).passphrase
    ).toBe('wrong')
    expect(unwrap(await call('validateCertificate', { id: saved.id, domains: '' })).passphrase).toBe('correct')
  })

  it('names are required and unique; unknown ids and oversized uploads are refused in words', async () => {
    const { call } = await unlocked()
    expect(await call('saveCertificate', { ...rsaLegacy(), name: ' ', passphrase: KEY_PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'NAME_REQUIRED', field: 'name' }
    })
    unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: KEY_PASSPHRASE }))
    expect(
      await call('saveCertificate', { ...rsaLegacy(), name: 'ACME PROD', passphrase: KEY_PASSPHRASE })
    ).toMatchObject({ ok: false, error: { code: 'NAME_TAKEN' } })
    expect(await call('deleteCertificate', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_NOT_FOUND' }
    })
    expect(await call('saveCertificate', { name: 'x', domains: '' })).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_REQUIRED', field: 'certificate' }
    })
    const huge = await call('validateCertificate', {
      domains: '',
      certificate: { fileName: 'big.pem', base64: Buffer.alloc(2 * 1024 * 1024, 65).toString('base64') }
    })
    expect(huge).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Is it the right file?') }
    })
  })

  it('expiry is judged at every read, by the one clock', async () => {
    let now = new Date()
    const { call } = await unlocked({ now: () => now })
    unwrap(
      await call('saveCertificate', {
        name: 'soon',
        domains: 'a.example.com',
        certificate: pki.pasted('soon.crt'),
        key: pki.pasted('soon.key'),
        ca: pki.pasted('root.crt')
      })
    )
    expect(unwrap(await call('listCertificates'))[0]!.report.findings.map((f) => f.code)).toContain('EXPIRING_SOON')
    now = new Date(Date.now() + 20 * 86_400_000)
    const later = unwrap(await call('listCertificates'))[0]!.report
    expect(later.findings.map((f) => f.code)).toContain('EXPIRED')
    expect(later.ok).toBe(false)
  })

  it('changing the vault passphrase re-encrypts the certificate keys too', async () => {
    const { services, call } = await unlocked()
    const saved = unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: KEY_PASSPHRASE })).saved!
    await services.vault.changePassphrase(PASS, 'another long passphrase', 'another long passphrase')
    await services.vault.lock()
    await services.vault.unlock('another long passphrase')
    const material = await services.certificates.tlsMaterial(saved.id)
    expect(material.key.asymmetricKeyType).toBe('rsa')
  })

  it('delete removes it', async () => {
    const { call } = await unlocked()
    const saved = unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: KEY_PASSPHRASE })).saved!
    unwrap(await call('deleteCertificate', { id: saved.id }))
    expect(unwrap(await call('listCertificates'))).toEqual([])
  })
})

describe('which certificate a URL presents', () => {
  async function twoCertificates() {
    const ctx = await unlocked()
    unwrap(
      await ctx.call('saveCertificate', {
        name: 'Wildcard',
        domains: '*.example.com',
        certificate: pki.pasted('ec256.crt'),
        key: pki.pasted('ec256.key')
      })
    )
    unwrap(
      await ctx.call('saveCertificate', {
        name: 'API 8443',
        domains: 'api.example.com:8443',
        certificate: pki.pasted('rsa.crt'),
        key: pki.pasted('rsa.key')
      })
    )
    unwrap(
      await ctx.call('saveCertificate', {
        name: 'No key',
        domains: 'nokey.example.net',
        certificate: pki.pasted('ed25519.crt')
      })
    )
    return ctx
  }

  it('the most specific usable match is presented, and the answer says why', async () => {
    const { call } = await twoCertificates()
    const api = unwrap(await call('matchCertificateForUrl', { url: 'https://api.example.com:8443/v1/orders' }))
    expect(api.selected).toMatchObject({ name: 'API 8443', rule: 'api.example.com:8443' })
    expect(api.explanation).toContain('presents "API 8443"')
    expect(api.explanation).toContain('most specific of 2 matches')
    const web = unwrap(await call('matchCertificateForUrl', { url: 'https://api.example.com/' }))
    expect(web.selected).toMatchObject({ name: 'Wildcard', rule: '*.example.com' })
    expect(web.candidates.find((c) => c.name === 'API 8443')!.reason).toContain('limited to port 8443')
  })

  it('a certificate inside its validity window wins over an expired one with a more specific rule', async () => {
    const { call } = await twoCertificates()
    unwrap(
      await call('saveCertificate', {
        name: 'Old exact',
        domains: 'web.example.com',
        certificate: pki.pasted('expired.crt'),
        key: pki.pasted('expired.key')
      })
    )
    const web = unwrap(await call('matchCertificateForUrl', { url: 'https://web.example.com/' }))
    expect(web.selected!.name).toBe('Wildcard')
    const old = web.candidates.find((c) => c.name === 'Old exact')!
    expect(old.reason).toContain('but it is expired: the server will refuse it')
    // Not "usable": the server would refuse it, and the answer says so.
    expect(old).toMatchObject({ keyMatches: true, validity: 'expired', usable: false })
    expect(web.candidates.find((c) => c.name === 'Wildcard')).toMatchObject({ validity: 'current', usable: true })
    // The wildcard is not the most specific match: the exact host is, and it is expired.
    expect(web.explanation).not.toContain('most specific')
    expect(web.explanation).toContain('chosen over "Old exact", which matches more closely but is expired')
    // Alone, it is still what the client would present (and the reason says the server will refuse it).
    unwrap(await call('deleteCertificate', { id: web.selected!.id }))
    expect(unwrap(await call('matchCertificateForUrl', { url: 'https://web.example.com/' })).selected!.name).toBe(
      'Old exact'
    )
  })

  it('a look-alike host presents nothing; a match without a key is not presented', async () => {
    const { call } = await twoCertificates()
    const evil = unwrap(await call('matchCertificateForUrl', { url: 'https://api.example.com.evil.net/' }))
    expect(evil.selected).toBeNull()
    expect(evil.explanation).toContain('no stored certificate authorizes this host')
    const noKey = unwrap(await call('matchCertificateForUrl', { url: 'https://nokey.example.net/' }))
    expect(noKey.selected).toBeNull()
    expect(noKey.candidates.find((c) => c.name === 'No key')!.reason).toContain('no key')
    expect(await call('matchCertificateForUrl', { url: 'not a url' })).toMatchObject({
      ok: false,
      error: { code: 'URL_INVALID', field: 'url' }
    })
  })
})

describe('a real TLS server that requires client certificates', () => {
  async function mtlsServer(): Promise<{ server: Server; port: number; seen: string[] }> {
    const seen: string[] = []
    const server = createServer(
      {
        key: pki.text('server.key'),
        cert: pki.text('server.crt'),
        ca: pki.text('root.crt'),
        requestCert: true,
        rejectUnauthorized: true
      },
      (socket: TLSSocket) => {
        seen.push(String(socket.getPeerCertificate().subject?.CN ?? ''))
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok')
      }
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return { server, port: (server.address() as { port: number }).port, seen }
  }

  function get(port: number, tls: { cert?: string; key?: KeyObject | string; ca: string }): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/',
          servername: 'localhost',
          ca: tls.ca,
          cert: tls.cert,
          key: tls.key as string | undefined,
          agent: false
        },
        (res) => {
          let body = ''
          res.on('data', (d) => (body += d))
          res.on('end', () => resolve(`${res.statusCode} ${body}`))
        }
      )
      req.on('error', reject)
      req.end()
    })
  }

  it('accepts a connection made with the stored, validated certificate and refuses one without it', async () => {
    const { call, services } = await unlocked()
    const { server, port, seen } = await mtlsServer()
    try {
      unwrap(
        await call('saveCertificate', {
          name: 'Local',
          domains: `127.0.0.1:${port}`,
          certificate: pki.uploaded('rsa-aes.p12'),
          passphrase: KEY_PASSPHRASE
        })
      )
      const match = unwrap(await call('matchCertificateForUrl', { url: `https://127.0.0.1:${port}/` }))
      expect(match.selected!.name).toBe('Local')
      const material = (await services.certificates.tlsMaterialFor(`https://127.0.0.1:${port}/`))!
      expect(
        await get(port, {
          cert: material.cert,
          key: material.key.export({ format: 'pem', type: 'pkcs8' }) as string,
          ca: pki.text('root.crt')
        })
      ).toBe('200 ok')
      expect(seen).toEqual(['rsa client'])
      await expect(get(port, { ca: pki.text('root.crt') })).rejects.toThrow(
        /certificate required|alert|socket hang up|ECONNRESET/i
      )
      // A host outside the authorized domains gets no certificate at all.
      expect(await services.certificates.tlsMaterialFor(`https://127.0.0.1:${port + 1}/`)).toBeNull()
    } finally {
      server.close()
    }
  })
})

describe('a stored key is bound to its authorized domains (issue 11, item 2)', () => {
  it('adding a domain needs the key again; narrowing keeps it; a domain the old rules cover keeps it', async () => {
    const { call } = await unlocked()
    const saved = unwrap(await call('saveCertificate', { ...rsaLegacy(), passphrase: KEY_PASSPHRASE })).saved!
    const edit = (domains: string, over: Record<string, unknown> = {}) =>
      call('saveCertificate', { id: saved.id, name: 'Acme prod', description: '', domains, ...over })
    const widened = await edit('*.example.com\napi.example.com:8443\nattacker.example')
    expect(widened).toMatchObject({
      ok: false,
      error: { code: 'SECRET_DESTINATION_CHANGED', field: 'key', message: expect.stringContaining('attacker.example') }
    })
    expect(unwrap(await call('listCertificates'))[0]!.domains).toEqual(['*.example.com', 'api.example.com:8443'])
    // Covered already by *.example.com: not a new destination.
    expect(unwrap(await edit('*.example.com\napi.example.com')).saved).toMatchObject({ hasKey: true })
    expect(unwrap(await edit('api.example.com')).saved).toMatchObject({ hasKey: true })
    expect(await edit('api.example.com\n*')).toMatchObject({ ok: false, error: { code: 'SECRET_DESTINATION_CHANGED' } })
    // With the key given again, the new domain is saved.
    const rekeyed = unwrap(
      await edit('api.example.com\nattacker.example', {
        key: pki.pasted('rsa-legacy-aes.key'),
        passphrase: KEY_PASSPHRASE
      })
    )
    expect(rekeyed.saved).toMatchObject({ hasKey: true, domains: ['api.example.com', 'attacker.example'] })
  })
})
