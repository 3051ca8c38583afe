/**
 * Issue 13, items 1 and 4: the emulator answers as https://app.sigmacomputing.com through a TLS
 * front certified by the app's local CA (its key in the vault), verifies the URL as the client
 * addressed it, and refuses a parent that may not frame it without using up the nonce. The client
 * is curl, pinning the CA, with SNI and Host as the real host name.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHandlers, createServices, type Services } from '../../../main/services'
import { dispatch } from '../../../main/core/dispatch'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { sampleJwtUrl, sampleSignedUrl } from '../../fixtures/vendor-samples'
import { fastScrypt, tempDir, unwrap } from '../helpers'

const PASS = 'a long enough passphrase'
const running: Services[] = []
afterEach(async () => {
  for (const s of running.splice(0)) await s.emulator.stop()
})

async function servingAsTheHost(dataDir = tempDir(), fresh = true) {
  const services = await createServices({ dataDir, scryptParams: fastScrypt })
  running.push(services)
  const handlers = createHandlers(services)
  if (fresh) {
    unwrap(await dispatch(handlers, 'setUpVault', { passphrase: PASS, confirmation: PASS }))
    unwrap(await dispatch(handlers, 'importCredential', { name: 'Customer', clientId: CLIENT_ID, secret: SECRET }))
  } else unwrap(await dispatch(handlers, 'unlockVault', { passphrase: PASS }))
  await services.emulator.updateSettings({ port: 0, tlsPort: 0, serveAs: ['https://app.sigmacomputing.com'] })
  await services.emulator.start()
  const status = services.emulator.status()
  expect(status.problem).toBeNull()
  return { services, dataDir, front: status.front!, base: status.baseUrl! }
}

// Asynchronous: the emulator answers from this very process.
const run = promisify(execFile)

/** curl as a browser would reach the real host: SNI and Host app.sigmacomputing.com, the CA pinned. */
async function curl(front: { port: number; caPath: string }, url: string, headers: string[] = []) {
  const { stdout: out } = await run(
    'curl',
    [
      '-sS',
      '--connect-to',
      `app.sigmacomputing.com:443:127.0.0.1:${front.port}`,
      '--cacert',
      front.caPath,
      ...headers.flatMap((h) => ['-H', h]),
      '-D',
      '-',
      url
    ],
    { encoding: 'utf8' }
  )
  const [head, ...body] = out.split('\r\n\r\n')
  const status = Number(/^HTTP\/[\d.]+ (\d+)/.exec(head!)![1])
  const json = /<script type="application\/json" id="ewb-bootstrap">(.*?)<\/script>/s.exec(body.join('\r\n\r\n'))?.[1]
  return { status, head: head!, bootstrap: json ? JSON.parse(json) : null }
}

const signedForTheHost = () =>
  sampleSignedUrl('quickstart', {
    embedPath: 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn',
    clientId: CLIENT_ID,
    secret: SECRET,
    user: { email: 'customer.user@example.com', teams: ['Sales_Managers'], accountType: 'Creator' }
  })

describe('serving as https://app.sigmacomputing.com', () => {
  it('a signed URL and a JWT signed for the real host load through the TLS front, verified as addressed', async () => {
    const { services, front } = await servingAsTheHost()
    expect(front.origins).toEqual(['https://app.sigmacomputing.com'])
    const page = await curl(front, signedForTheHost())
    expect(page.status).toBe(200)
    expect(page.bootstrap.session.identity.email).toBe('customer.user@example.com')
    expect(services.emulator.requests().at(-1)!.url).toMatch(/^https:\/\/app\.sigmacomputing\.com\/embed\//)
    const jwt = sampleJwtUrl({
      workbookUrl: 'https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn',
      clientId: CLIENT_ID,
      secret: SECRET,
      claims: { account_type: 'Build', teams: ['Sales_Managers'] }
    })
    expect((await curl(front, jwt)).status).toBe(200)
  })

  it('the same URL sent to the loopback address is signed for another host, and says so', async () => {
    const { services, base } = await servingAsTheHost()
    const url = signedForTheHost().replace('https://app.sigmacomputing.com', base)
    const response = await fetch(url)
    expect(response.status).toBe(403)
    expect(
      services.emulator
        .requests()
        .at(-1)!
        .findings.map((f) => f.code)
    ).toContain('SIGNED_FOR_OTHER_HOST')
  })

  it('prints the CA and the Chromium flags; the CA key is only in the vault, encrypted, and the CA survives a restart', async () => {
    const { front, dataDir, services } = await servingAsTheHost()
    expect(readFileSync(front.caPath, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)
    expect(readFileSync(front.caPath, 'utf8')).not.toMatch(/PRIVATE KEY/)
    const vaultFile = readFileSync(join(dataDir, 'vault.json'), 'utf8')
    expect(vaultFile).not.toMatch(/PRIVATE KEY/)
    const stored = JSON.parse(vaultFile).emulatorCa
    expect(stored.key).toMatch(/^[a-z0-9-]+:v\d+:/)
    expect(stored.certificatePem).toBe(readFileSync(front.caPath, 'utf8'))
    expect(front.caSpki).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(front.chromiumFlags).toEqual([
      `--host-resolver-rules=MAP app.sigmacomputing.com 127.0.0.1:${front.port}`,
      `--ignore-certificate-errors-spki-list=${front.caSpki}`
    ])
    // openssl agrees that the CA signed what the front presents.
    const openssl = run(
      'openssl',
      [
        's_client',
        '-connect',
        `127.0.0.1:${front.port}`,
        '-servername',
        'app.sigmacomputing.com',
        '-CAfile',
        front.caPath
      ],
      { encoding: 'utf8' }
    )
    openssl.child.stdin!.end()
    const chain = (await openssl).stdout
    expect(chain).toMatch(/Verify return code: 0 \(ok\)/)
    await services.emulator.stop()
    const again = await servingAsTheHost(dataDir, false)
    expect(again.front.caSpki).toBe(front.caSpki)
  })

  it('with the vault locked the front does not run, and the status says to unlock it', async () => {
    const { services } = await servingAsTheHost()
    await services.emulator.stop()
    services.vault.lock()
    await services.emulator.start()
    const status = services.emulator.status()
    expect(status.running).toBe(true)
    expect(status.front).toBeNull()
    expect(status.problem).toMatch(/Unlock the vault to answer as https:\/\/app\.sigmacomputing\.com/)
  })

  it('refuses an origin it cannot serve as, at entry', async () => {
    const { services } = await servingAsTheHost()
    for (const bad of ['http://app.sigmacomputing.com', 'https://app.sigmacomputing.com:8443', 'nonsense'])
      await expect(services.emulator.updateSettings({ serveAs: [bad] })).rejects.toThrow(/https|port|not a URL/)
  })
})

describe('allowed parents (issue 13, item 4)', () => {
  it('a frame request from a parent that may not frame it is refused, and its nonce stays unused', async () => {
    const { services, front } = await servingAsTheHost()
    const url = signedForTheHost()
    const framedBy = (origin: string) => ['Sec-Fetch-Dest: iframe', `Referer: ${origin}/checkout`]
    const refused = await curl(front, url, framedBy('http://customer-staging.test'))
    expect(refused.status).toBe(403)
    const entry = services.emulator.requests().at(-1)!
    expect(entry.findings.map((f) => f.code)).toEqual(['PARENT_NOT_ALLOWED'])
    expect(entry.message).toMatch(/http:\/\/customer-staging\.test may not frame the workbook.*not used/)
    await services.emulator.updateSettings({ allowedParents: ['http://customer-staging.test'] })
    const allowed = await curl(front, url, framedBy('http://customer-staging.test'))
    expect(allowed.status).toBe(200)
    expect(allowed.head).toMatch(
      /frame-ancestors 'self' app:\/\/workbench http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\* http:\/\/customer-staging\.test/
    )
    // A loopback parent on any port is always allowed.
    expect((await curl(front, signedForTheHost(), framedBy('http://127.0.0.1:5173'))).status).toBe(200)
  })
})

describe('open in an isolated browser (issue 13, item 3)', () => {
  it('starts the local browser with the front’s flags, a throwaway profile and the parent app; refuses what is not a page', async () => {
    const { services, front } = await servingAsTheHost()
    const dir = tempDir()
    const argsFile = join(dir, 'args.txt')
    // A stand-in for Chromium that writes down how it was started.
    const browser = join(dir, 'chromium')
    writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\n`, { mode: 0o755 })
    const started = services.emulator.openIsolatedBrowser('http://customer-staging.test:3000/app', {
      CHROMIUM_PATH: browser
    })
    expect(started.browser).toBe(browser)
    await vi.waitFor(() => expect(existsSync(argsFile)).toBe(true), { timeout: 10_000 })
    const args = readFileSync(argsFile, 'utf8').trim().split('\n')
    expect(args).toEqual(expect.arrayContaining([...front.chromiumFlags, `--user-data-dir=${started.profile}`]))
    expect(args.at(-1)).toBe('http://customer-staging.test:3000/app')
    expect(existsSync(started.profile)).toBe(true)
    for (const bad of ['javascript:alert(1)', 'not a url'])
      expect(() => services.emulator.openIsolatedBrowser(bad, { CHROMIUM_PATH: browser })).toThrow(/http|not a URL/)
    await services.emulator.updateSettings({ serveAs: [] })
    expect(() => services.emulator.openIsolatedBrowser('http://localhost:3000', { CHROMIUM_PATH: browser })).toThrow(
      /not answering as the real host/
    )
  })
})

describe("the desktop app's customer-app window: requests answered through the front (issue 13, item 2)", () => {
  it('a page request for the served host gets the emulator’s answer, with the same parent check', async () => {
    const { services } = await servingAsTheHost()
    expect(services.emulator.servesHost('app.sigmacomputing.com')).toBe(true)
    expect(services.emulator.servesHost('example.com')).toBe(false)
    const frameLoad = (url: string) =>
      new Request(url, { headers: { 'sec-fetch-dest': 'iframe', referer: 'http://customer-staging.test:3000/app' } })
    const url = signedForTheHost()
    const refused = await services.emulator.answerAsHost(frameLoad(url))
    expect(refused.status).toBe(403)
    expect(await refused.text()).toMatch(/customer-staging\.test:3000 may not frame/)
    services.emulator.allowParentForRun('http://customer-staging.test:3000')
    const page = await services.emulator.answerAsHost(frameLoad(url))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain('http://customer-staging.test:3000')
    expect(await page.text()).toContain('"email":"customer.user@example.com"')
    expect(services.emulator.requests().at(-1)!.url).toMatch(/^https:\/\/app\.sigmacomputing\.com\//)
  })
})
