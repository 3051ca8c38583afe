/**
 * Client certificates (mTLS) as a user meets them, in a real Chromium against the real
 * browser-mode host: a pasted certificate with an encrypted key and the wrong passphrase is
 * refused under the Passphrase field and nothing is stored; the right passphrase saves it and
 * the report says the key matches; a PKCS#12 file is uploaded as a second certificate; "Test a
 * URL" says which one a request presents (and that a look-alike host gets none); one is deleted.
 * Throughout, the key and its passphrase must never come back: not in a bridge response, not on
 * the console, not in the DOM once saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { KEY_PASSPHRASE, makePki, type Pki } from '../fixtures/pki'
import {
  launchChromium,
  openAppWithCredential,
  startHost,
  type RunningHost,
  recordTraffic,
  type PageTraffic
} from './harness'

let pki: Pki
let host: RunningHost
let browser: Browser
let page: Page
let bridgeResponses: PageTraffic['bridgeResponses'] = []
let consoleLines: string[] = []

/** The serialized DOM plus every form control's current value (values are not in the markup). */
async function domText(p: Page): Promise<string> {
  return p.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((el) => (el as HTMLInputElement).value)
    return document.documentElement.outerHTML + '\n' + values.join('\n')
  })
}

/** Lines of base64 from the middle of a PEM file: what a leak of it would contain. */
function pemBodyLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^[A-Za-z0-9+/]{40,}={0,2}$/.test(line.trim()))
    .slice(1, 4)
}

/** Secrets that must never come back out once given. */
function secrets(): string[] {
  return [
    KEY_PASSPHRASE,
    ...pemBodyLines(pki.text('rsa-legacy-aes.key')),
    ...pemBodyLines(pki.text('rsa.key')),
    pki.bytes('ec256-aes.p12').toString('base64').slice(200, 280)
  ]
}

const row = (name: string) => page.locator(`[data-testid="certificate-row"][data-name="${name}"]`)

/** Tests a URL with Enter in the box; resolves to the name of the certificate it presents, or ''. */
async function testUrl(url: string): Promise<string> {
  const parsed = new URL(url)
  const hostPort = `${parsed.hostname}:${parsed.port || 443}`
  await page.getByTestId('url-test-input').fill(url)
  await page.getByTestId('url-test-input').press('Enter')
  const result = page.getByTestId('url-test-result')
  await expect
    .poll(async () => ((await result.count()) ? result.getByTestId('url-test-host').textContent() : null))
    .toBe(hostPort)
  return (await result.getAttribute('data-selected')) ?? ''
}

beforeAll(async () => {
  pki = makePki()
  host = await startHost()
  browser = await launchChromium()
  page = await openAppWithCredential(browser, host)
  const traffic = recordTraffic(page)
  bridgeResponses = traffic.bridgeResponses
  consoleLines = traffic.consoleLines
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

describe('client certificates', () => {
  it('sits right after Credentials in the sidebar and opens with Ctrl+2', async () => {
    const order = await page
      .locator('nav[aria-label="Screens"] [data-testid^="nav-"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')))
    expect(order.slice(0, 4)).toEqual(['nav-credentials', 'nav-certificates', 'nav-connectors', 'nav-personas'])
    expect(order).toHaveLength(11)
    await page.keyboard.press('Control+2')
    await page.getByTestId('certificates-empty').waitFor()
    await page.keyboard.press('Control+9')
    await page.getByTestId('settings-screen').waitFor()
    await page.getByTestId('nav-certificates').click()
    await page.getByTestId('certificates-screen').waitFor()
  })

  it('refuses the wrong passphrase under the Passphrase field, and stores nothing', async () => {
    await page.getByTestId('empty-new-certificate').click()
    await page.getByTestId('cert-name').fill('RSA client')
    await page.getByTestId('cert-domains').fill('*.example.com')
    await page.getByTestId('certificate-text').fill(pki.text('rsa.crt'))
    await page.getByTestId('key-text').fill(pki.text('rsa-legacy-aes.key'))
    await page.getByTestId('cert-passphrase').fill('not the passphrase')
    // Validate checks without saving (live validation would get there too, a moment later).
    await page.getByTestId('validate-certificate').click()
    await expect.poll(() => page.getByTestId('report-passphrase').getAttribute('data-state')).toBe('wrong')
    expect(await page.getByTestId('report-key-format').textContent()).toMatch(/Legacy OpenSSL encrypted PEM/)
    // The check below would see a leak: the pasted key is on the page while it is being edited.
    expect(await domText(page)).toContain(pemBodyLines(pki.text('rsa-legacy-aes.key'))[0])
    await page.getByTestId('save-certificate').click()
    await page.getByTestId('not-saved').waitFor()
    const underPassphrase = page.getByTestId('findings-passphrase').locator('[data-testid="finding"]')
    await expect.poll(() => underPassphrase.first().getAttribute('data-code')).toBe('PASSPHRASE_WRONG')
    expect(await page.getByTestId('report-passphrase').getAttribute('data-state')).toBe('wrong')
    // The user's eyes go where the problem is.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cert-passphrase')
    const stored = await page.evaluate(() => window.workbench.listCertificates({}))
    expect(stored.ok && stored.value).toEqual([])
  })

  it('saves with the right passphrase; the report says the key matches; the key and passphrase leave the page', async () => {
    await page.getByTestId('cert-passphrase').fill(KEY_PASSPHRASE)
    await page.getByTestId('save-certificate').click()
    await page.getByTestId('key-stored').waitFor()
    expect(await page.getByTestId('not-saved').count()).toBe(0)
    expect(await page.getByTestId('report-key-matches').getAttribute('data-state')).toBe('yes')
    expect(await page.getByTestId('report-passphrase').getAttribute('data-state')).toBe('correct')
    const leaf = page.getByTestId('report-leaf')
    expect(await leaf.getByTestId('detail-key').textContent()).toBe('RSA 2048')
    expect(await leaf.getByTestId('detail-subject').textContent()).toContain('CN=rsa client')
    expect(await page.getByTestId('report-key-format').textContent()).toMatch(/Legacy OpenSSL encrypted PEM/)
    expect(await page.getByTestId('certificate-stored').textContent()).toContain('CN=rsa client')
    expect(await page.getByTestId('key-stored').textContent()).toMatch(/Key stored \(encrypted\)/)
    expect(await page.getByTestId('cert-passphrase').inputValue()).toBe('')
    expect(await page.getByTestId('certificate-editor').getAttribute('data-dirty')).toBe('false')
    const dom = await domText(page)
    for (const secret of secrets()) expect(dom).not.toContain(secret)
    const stored = await page.evaluate(() => window.workbench.listCertificates({}))
    expect(stored.ok && stored.value.map((c) => [c.name, c.hasKey, c.hasPassphrase])).toEqual([
      ['RSA client', true, true]
    ])
  })

  it('takes a PKCS#12 upload as a second certificate, key included', async () => {
    await page.getByTestId('back-to-list').click()
    await row('RSA client').waitFor()
    await page.getByTestId('new-certificate').click()
    await page.getByTestId('cert-name').fill('EC gateway')
    await page.getByTestId('cert-domains').fill('api.example.com:8443')
    await page.getByTestId('certificate-file').setInputFiles(pki.path('ec256-aes.p12'))
    // Binary: a chip with the file name, not its bytes; the key comes from the file.
    expect(await page.getByTestId('certificate-chip').textContent()).toContain('ec256-aes.p12')
    await page.getByTestId('key-note').waitFor()
    await page.getByTestId('cert-passphrase').fill(KEY_PASSPHRASE)
    await page.getByTestId('save-certificate').click()
    await page.getByTestId('key-stored').waitFor()
    expect(await page.getByTestId('report-key-matches').getAttribute('data-state')).toBe('yes')
    expect(await page.getByTestId('report-leaf').getByTestId('detail-key').textContent()).toBe('EC P-256')
    expect(await page.getByTestId('report-certificate-format').textContent()).toMatch(/PKCS#12/)
    const dom = await domText(page)
    for (const secret of secrets()) expect(dom).not.toContain(secret)
  })

  it('lists both, with what they are and when they expire', async () => {
    await page.getByTestId('back-to-list').click()
    await row('EC gateway').waitFor()
    expect(await page.getByTestId('certificate-row').count()).toBe(2)
    expect(await row('RSA client').getByTestId('cert-key').textContent()).toContain('RSA 2048')
    expect(await row('EC gateway').getByTestId('cert-key').textContent()).toContain('EC P-256')
    expect(await row('EC gateway').getByTestId('cert-expiry').textContent()).toMatch(/\d+ days left/)
  })

  it('"Test a URL" says which certificate a request presents, and that a look-alike host gets none', async () => {
    expect(await testUrl('https://api.example.com:8443/v1/orders')).toBe('EC gateway')
    expect(await page.getByTestId('url-test-explanation').textContent()).toMatch(/most specific/)
    expect(await testUrl('https://www.example.com/')).toBe('RSA client')
    // The wildcard covers api.example.com on 443; the EC rule is limited to port 8443.
    expect(await testUrl('https://api.example.com/')).toBe('RSA client')
    expect(
      await page.locator('[data-testid="url-candidate"][data-name="EC gateway"]').getAttribute('data-matched')
    ).toBe('false')
    expect(await testUrl('https://api.example.com.evil.net/')).toBe('')
    expect(await page.getByTestId('url-test-verdict').textContent()).toBe('Presents no certificate')
    const matched = await page
      .getByTestId('url-candidate')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-matched')))
    expect(matched).toEqual(['false', 'false'])
    await page.getByTestId('url-test-input').fill('not a url')
    await page.getByTestId('url-test-run').click()
    await expect.poll(() => page.getByTestId('error-url').textContent()).toMatch(/full URL/)
  })

  it('deletes one after a confirmation; Escape cancels', async () => {
    await row('EC gateway').getByTestId('delete-certificate').click()
    await page.getByTestId('confirm-dialog').waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' })
    expect(await page.getByTestId('certificate-row').count()).toBe(2)
    await row('RSA client').getByTestId('delete-certificate').click()
    await page.getByTestId('confirm').click()
    await row('RSA client').waitFor({ state: 'detached' })
    expect(await page.getByTestId('certificate-row').count()).toBe(1)
  })

  it('never put the key or its passphrase in a bridge response, on the console or in the DOM', async () => {
    expect(bridgeResponses.some((r) => r.channel === 'saveCertificate')).toBe(true)
    expect(bridgeResponses.some((r) => r.channel === 'validateCertificate')).toBe(true)
    for (const response of bridgeResponses) {
      for (const secret of secrets()) expect(response.body, response.channel).not.toContain(secret)
    }
    const console = consoleLines.join('\n')
    for (const secret of secrets()) expect(console).not.toContain(secret)
    const dom = await domText(page)
    for (const secret of secrets()) expect(dom).not.toContain(secret)
    expect(consoleLines.filter((line) => line.startsWith('pageerror'))).toEqual([])
  })
})

describe('signals that tell the truth (issue 14)', () => {
  const newCertificate = async (name: string, domains: string, cert: string, key: string) => {
    await page.getByTestId('nav-certificates').click()
    if (await page.getByTestId('back-to-list').count()) await page.getByTestId('back-to-list').click()
    await page.getByTestId('new-certificate').click()
    await page.getByTestId('cert-name').fill(name)
    await page.getByTestId('cert-domains').fill(domains)
    await page.getByTestId('certificate-text').fill(pki.text(cert))
    await page.getByTestId('key-text').fill(pki.text(key))
    await page.getByTestId('save-certificate').click()
  }

  it('an expired certificate has a red Validity tile; "Test a URL" calls it expired, not usable, and does not call the wildcard the most specific', async () => {
    await newCertificate('Old exact', 'web.example.com', 'expired.crt', 'expired.key')
    await page.getByTestId('key-stored').waitFor()
    expect(await page.getByTestId('report-validity').getAttribute('data-state')).toBe('expired')
    expect(await page.getByTestId('report-validity').textContent()).toMatch(/Expired 35 days ago/)
    expect(await page.getByTestId('report-key-matches').getAttribute('data-state')).toBe('yes')
    await newCertificate('Wildcard', '*.example.com', 'rsa.crt', 'rsa.key')
    await page.getByTestId('key-stored').waitFor()
    expect(await page.getByTestId('report-validity').getAttribute('data-state')).toBe('ok')
    await page.getByTestId('back-to-list').click()

    expect(await testUrl('https://web.example.com/')).toBe('Wildcard')
    const explanation = await page.getByTestId('url-test-explanation').textContent()
    expect(explanation).not.toMatch(/most specific/)
    expect(explanation).toContain('chosen over "Old exact", which matches more closely but is expired')
    const old = page.locator('[data-testid="url-candidate"][data-name="Old exact"]')
    expect(await old.getAttribute('data-usable')).toBe('false')
    expect(await old.getByTestId('candidate-unusable').textContent()).toBe('Expired')
  })

  it('a key that does not belong to the certificate is stored only after a confirmation, and never with a green "Saved"', async () => {
    await newCertificate('Mismatched', 'mtls.example.org', 'ec256.crt', 'rsa.key')
    await page.getByTestId('confirm-dialog').waitFor()
    expect(await page.getByTestId('key-mismatch-reason').textContent()).toMatch(/key/i)
    await page.getByTestId('cancel').click()
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' })
    expect(await page.getByTestId('dirty-indicator').textContent()).toBe('Not saved')
    const stored = await page.evaluate(() => window.workbench.listCertificates({}))
    expect(stored.ok && stored.value.map((c) => c.name)).not.toContain('Mismatched')

    await page.getByTestId('save-certificate').click()
    await page.getByTestId('confirm').click()
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' })
    const saved = page.getByTestId('saved-indicator')
    await saved.waitFor()
    expect(await saved.getAttribute('data-warning')).toBe('true')
    expect(await saved.textContent()).toBe('Saved: the key does not match')
    expect(await page.getByTestId('report-key-matches').getAttribute('data-state')).toBe('no')
  })
})
