/**
 * The credential vault as a user meets it, in a real Chromium against the real browser-mode host:
 * set up the vault, create a credential and see its secret exactly once, reload and find it gone,
 * import one, revoke it, lock and unlock with a wrong passphrase first. Throughout, the secrets
 * must never show up in the DOM (after the one reveal), in any bridge response (but the create
 * result that reveals it), or on the console.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium, startHost, type RunningHost, recordTraffic, type PageTraffic } from './harness'

const PASSPHRASE = 'correct horse battery staple'
const IMPORTED_SECRET = '9f'.repeat(64)
const IMPORTED_CLIENT_ID = '4c'.repeat(32)

let host: RunningHost
let browser: Browser
let context: BrowserContext
let page: Page
let bridgeResponses: PageTraffic['bridgeResponses'] = []
let consoleLines: string[] = []
let createdSecret = ''

async function domText(p: Page): Promise<string> {
  // The serialized DOM plus every form control's current value (values are not in the markup).
  return p.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((el) => (el as HTMLInputElement).value)
    return document.documentElement.outerHTML + '\n' + values.join('\n')
  })
}

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
  page = await context.newPage()
  const traffic = recordTraffic(page)
  bridgeResponses = traffic.bridgeResponses
  consoleLines = traffic.consoleLines
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

describe('vault in the browser', () => {
  it('first run asks for a master passphrase and refuses a mismatch where the user is typing', async () => {
    await page.goto(host.launchUrl)
    expect(new URL(page.url()).search).toBe('') // the token left the address bar
    expect(new URL(page.url()).hash).toBe('')
    await page.getByTestId('passphrase').fill(PASSPHRASE)
    await page.getByTestId('confirmation').fill(PASSPHRASE + '!')
    await page.getByTestId('create-vault').click()
    await expect.poll(() => page.getByTestId('error-confirmation').textContent()).toMatch(/differ/)
    await page.getByTestId('passphrase').fill(PASSPHRASE)
    await page.getByTestId('confirmation').fill(PASSPHRASE)
    await page.getByTestId('create-vault').click()
    await page.getByTestId('credentials-screen').waitFor()
  })

  it('creates a credential and shows its secret once, with a copy button that copies it', async () => {
    await page.getByTestId('new-credential').first().click()
    await page.getByTestId('credential-name').fill('Staging embed')
    await page.getByTestId('credential-description').fill('Plugs Sales staging')
    await page.getByTestId('credential-owner').fill('ada@example.com')
    await page.getByTestId('submit').click()
    const secretBox = page.getByTestId('revealed-secret')
    await secretBox.waitFor()
    createdSecret = (await secretBox.textContent())!.trim()
    expect(createdSecret).toMatch(/^[0-9a-f]{128}$/)
    expect((await page.getByTestId('revealed-client-id').textContent())!.trim()).toMatch(/^[0-9a-f]{64}$/)
    await page.getByTestId('copy-secret').click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(createdSecret)
    await page.getByTestId('close-reveal').click()
    await page.getByTestId('revealed-secret').waitFor({ state: 'detached' })
    expect(await domText(page)).not.toContain(createdSecret)
  })

  it('lists it with a fingerprint engineers can compare, and after a reload the secret is nowhere', async () => {
    const row = page.locator('[data-testid="credential-row"][data-name="Staging embed"]')
    await row.waitFor()
    const fingerprint = createHash('sha256').update(createdSecret).digest('hex').slice(0, 12)
    expect((await row.getByTestId('fingerprint').textContent())!.replace(/\s/g, '')).toContain(fingerprint)
    await expect.poll(() => row.getByTestId('status').textContent()).toMatch(/active/i)
    await page.reload()
    await page.locator('[data-testid="credential-row"][data-name="Staging embed"]').waitFor()
    expect(await domText(page)).not.toContain(createdSecret)
    expect(await page.getByTestId('revealed-secret').count()).toBe(0)
  })

  it('imports a customer credential, trims the pasted secret and says why', async () => {
    await page.getByTestId('import-credential').first().click()
    await page.getByTestId('credential-name').fill('Customer prod')
    await page.getByTestId('import-client-id').fill(IMPORTED_CLIENT_ID.slice(0, 63))
    await page.getByTestId('import-secret').fill(`  ${IMPORTED_SECRET} `)
    await page.getByTestId('submit').click()
    await expect.poll(() => page.getByTestId('error-clientId').textContent()).toMatch(/63.*truncated/)
    await page.getByTestId('import-client-id').fill(IMPORTED_CLIENT_ID)
    await page.getByTestId('submit').click()
    const row = page.locator('[data-testid="credential-row"][data-name="Customer prod"]')
    await row.waitFor()
    await expect.poll(() => page.locator('body').textContent()).toMatch(/trailing newline/)
    const fingerprint = createHash('sha256').update(IMPORTED_SECRET).digest('hex').slice(0, 12)
    expect((await row.getByTestId('fingerprint').textContent())!.replace(/\s/g, '')).toContain(fingerprint)
    expect(await domText(page)).not.toContain(IMPORTED_SECRET)
  })

  it('revokes it after a confirmation', async () => {
    const row = page.locator('[data-testid="credential-row"][data-name="Customer prod"]')
    await row.getByTestId('revoke').click()
    await page.getByTestId('confirm').click()
    await expect
      .poll(() =>
        page.locator('[data-testid="credential-row"][data-name="Customer prod"]').getByTestId('status').textContent()
      )
      .toMatch(/revoked/i)
    await expect
      .poll(() =>
        page.locator('[data-testid="credential-row"][data-name="Customer prod"]').getByTestId('revoke').count()
      )
      .toBe(0)
  })

  it('locks; a wrong passphrase is refused under the field and the right one brings everything back', async () => {
    await page.getByTestId('lock-vault').click()
    await page.getByTestId('unlock').waitFor()
    await page.getByTestId('passphrase').fill('not the passphrase')
    await page.getByTestId('unlock').click()
    await expect.poll(() => page.getByTestId('error-passphrase').textContent()).toMatch(/does not open/)
    await page.getByTestId('passphrase').fill(PASSPHRASE)
    await page.getByTestId('unlock').click()
    await page.locator('[data-testid="credential-row"][data-name="Customer prod"]').waitFor()
    expect(await page.getByTestId('credential-row').count()).toBe(2)
  })

  it('never put a secret in a bridge response (but the one reveal), on the console, or in the DOM', async () => {
    expect(bridgeResponses.length).toBeGreaterThan(5)
    const reveals = bridgeResponses.filter((r) => r.body.includes(createdSecret))
    expect(reveals.map((r) => r.channel)).toEqual(['createCredential'])
    for (const response of bridgeResponses) {
      expect(response.body, response.channel).not.toContain(IMPORTED_SECRET)
      expect(response.body, response.channel).not.toContain(PASSPHRASE)
    }
    const console = consoleLines.join('\n')
    for (const secret of [createdSecret, IMPORTED_SECRET, PASSPHRASE]) expect(console).not.toContain(secret)
    const dom = await domText(page)
    for (const secret of [createdSecret, IMPORTED_SECRET, PASSPHRASE]) expect(dom).not.toContain(secret)
    expect(host.output()).not.toContain(createdSecret)
    expect(host.output()).not.toContain(IMPORTED_SECRET)
  })
})

describe('browser-mode isolation, seen from a real browser', () => {
  it('a page on another local origin cannot call the bridge, even though the browser holds the cookie', async () => {
    const { createServer } = await import('node:http')
    const evil = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!doctype html><title>evil</title>')
    })
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()))
    const evilPort = (evil.address() as { port: number }).port
    try {
      const other = await context.newPage()
      await other.goto(`http://127.0.0.1:${evilPort}/`)
      const outcome = await other.evaluate(async (bridgeUrl) => {
        const results: string[] = []
        try {
          const r = await fetch(`${bridgeUrl}listCredentials`, {
            method: 'POST',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: '{}'
          })
          results.push(`cors:${r.status}:${await r.text()}`)
        } catch {
          results.push('cors:blocked')
        }
        try {
          await fetch(`${bridgeUrl}createCredential`, {
            method: 'POST',
            mode: 'no-cors',
            credentials: 'include',
            headers: { 'Content-Type': 'text/plain' },
            body: JSON.stringify({ name: 'planted by evil' })
          })
          results.push('no-cors:sent')
        } catch {
          results.push('no-cors:blocked')
        }
        return results
      }, `${host.origin}/__bridge/`)
      expect(outcome[0]).toBe('cors:blocked')
      await other.close()
      await page.reload()
      await page.getByTestId('credentials-screen').waitFor()
      expect(await page.locator('[data-testid="credential-row"][data-name="planted by evil"]').count()).toBe(0)
    } finally {
      evil.close()
    }
  })

  it('a server on another 127.0.0.1 port receives nothing that opens the bridge (cookies ignore ports)', async () => {
    const { createServer, request } = await import('node:http')
    const seen: string[] = []
    const other = createServer((req, res) => {
      seen.push(JSON.stringify(req.headers))
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!doctype html><title>a dev server</title>')
    })
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()))
    const otherPort = (other.address() as { port: number }).port
    try {
      // The user has the app open (it was launched above), then opens a local dev server in the same browser.
      const tab = await context.newPage()
      await tab.goto(`http://127.0.0.1:${otherPort}/`)
      await tab.close()
      const received = seen.map((h) => JSON.parse(h) as Record<string, string | undefined>)
      expect(received.length).toBeGreaterThan(0)
      // Whatever that server received, replayed from Node with a forged Host and Origin, opens nothing.
      for (const headers of received) {
        const replay = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: host.port,
              path: '/__bridge/listApiCredentials',
              method: 'POST',
              headers: {
                ...(headers.cookie ? { Cookie: headers.cookie } : {}),
                ...(headers.authorization ? { Authorization: headers.authorization } : {}),
                Host: `127.0.0.1:${host.port}`,
                Origin: host.origin,
                'Content-Type': 'application/json'
              }
            },
            (res) => {
              let body = ''
              res.on('data', (d) => (body += d))
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
            }
          )
          req.on('error', reject)
          req.end('{}')
        })
        expect(replay.status).toBe(401)
        expect(replay.body).not.toContain('"ok":true')
      }
    } finally {
      other.close()
    }
  })

  it('a rebound host name that resolves to 127.0.0.1 gets nothing (DNS rebinding)', async () => {
    const rebinding = await launchChromium(['--host-resolver-rules=MAP rebind.test 127.0.0.1'])
    try {
      const p = await rebinding.newPage()
      const response = await p.goto(`http://rebind.test:${host.port}${new URL(host.launchUrl).search}`)
      expect(response!.status()).toBe(421)
      expect(await p.locator('body').textContent()).not.toMatch(/Embed Workbench<\/|credential/i)
    } finally {
      await rebinding.close()
    }
  })
})
