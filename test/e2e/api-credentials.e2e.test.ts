/**
 * API credentials, the request runner and the local verification server as a user meets them, in
 * a real Chromium against the real browser-mode host: an HMAC-SHA256 credential and a Basic one
 * (both test credentials); the verification server started to expect the HMAC one; the HMAC
 * credential pointed at it verifies (200, "OK") and the runner shows the string it signed; in
 * production the test credential is refused (WRONG_ENVIRONMENT); the Basic credential pointed at
 * the same server is told what is wrong; the server's log has both requests. Throughout, the
 * client secret and the password must never come back: not in a bridge response, not on the
 * console, not in the DOM once saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { makePki } from '../fixtures/pki'
import {
  launchChromium,
  openAppWithCredential,
  startHost,
  type RunningHost,
  recordTraffic,
  type PageTraffic
} from './harness'

const HMAC_SECRET = 'hmac-client-secret-5f1c9a7e'
const BASIC_PASSWORD = 'basic-password-83d2b6'
const MAIN_KEY = 'main-api-key-0c4e71'
const ACME_KEY = 'acme-api-key-9b2d44'
const GLOBEX_KEY = 'globex-api-key-61fa03'
const secrets = [
  HMAC_SECRET,
  BASIC_PASSWORD,
  Buffer.from(`svc-embed:${BASIC_PASSWORD}`).toString('base64'),
  MAIN_KEY,
  ACME_KEY,
  GLOBEX_KEY
]

let host: RunningHost
let browser: Browser
let page: Page
let verifyUrl = ''
let bridgeResponses: PageTraffic['bridgeResponses'] = []
let consoleLines: string[] = []

/** The serialized DOM plus every form control's current value (values are not in the markup). */
async function domText(p: Page): Promise<string> {
  return p.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((el) => (el as HTMLInputElement).value)
    return document.documentElement.outerHTML + '\n' + values.join('\n')
  })
}

const row = (name: string) => page.locator(`[data-testid="api-credential-row"][data-name="${name}"]`)

/**
 * Opens a credential from the list, points it at another host and saves with Ctrl+S, then goes
 * back. A stored secret is bound to its host: the editor says so, and the secret is typed again.
 */
async function setBaseUrl(name: string, url: string, secret: { field: string; value: string }) {
  await page.getByTestId('tab-credentials').click()
  await row(name).getByTestId('open-api-credential').click()
  await page.getByTestId('api-credential-editor').waitFor()
  await page.getByTestId('api-base-url').fill(url)
  expect(await page.getByTestId('api-credential-editor').getAttribute('data-dirty')).toBe('true')
  expect(await page.getByTestId(`auth-${secret.field}-moved`).textContent()).toContain(
    `The base URL now points at ${new URL(url).origin}`
  )
  // Saving without the secret is refused under its field, and nothing is saved.
  await page.keyboard.press('Control+s')
  await expect
    .poll(() => page.getByTestId(`error-auth.${secret.field}`).textContent())
    .toMatch(/sent only where it was entered for/)
  await page.getByTestId(`auth-${secret.field}-replace`).click()
  await page.getByTestId(`auth-${secret.field}`).fill(secret.value)
  await page.keyboard.press('Control+s')
  await page.getByTestId('saved-indicator').waitFor()
  await page.getByTestId('back-to-list').click()
  await page.getByTestId('connectors-screen').waitFor()
  expect(await row(name).getByTestId('api-base-url-cell').textContent()).toBe(url)
}

/** Sends with the runner (Ctrl+Enter) and waits for a new answer. */
async function send(credentialLabel: string) {
  await page.getByTestId('tab-runner').click()
  await page.getByTestId('runner-credential').selectOption({ label: credentialLabel })
  await page.getByTestId('runner-path').fill('/orders?status=open&limit=10')
  const before = bridgeResponses.filter((r) => r.channel === 'sendApiRequest').length
  await page.getByTestId('runner-path').press('Control+Enter')
  await expect.poll(() => bridgeResponses.filter((r) => r.channel === 'sendApiRequest').length).toBe(before + 1)
  await expect.poll(() => page.getByTestId('runner-result-area').getAttribute('data-state')).toBe('done')
}

beforeAll(async () => {
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

describe('API credentials, the request runner and the verification server', () => {
  it('sits right after Certificates in the sidebar and opens with Ctrl+3', async () => {
    const order = await page
      .locator('nav[aria-label="Screens"] [data-testid^="nav-"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')))
    expect(order.slice(0, 4)).toEqual(['nav-credentials', 'nav-certificates', 'nav-connectors', 'nav-personas'])
    expect(await page.getByTestId('nav-connectors').textContent()).toContain('API credentials')
    await page.keyboard.press('Control+3')
    await page.getByTestId('api-empty').waitFor()
    expect(await page.getByTestId('env-switch').getAttribute('data-environment')).toBe('test')
  })

  it('creates an HMAC-SHA256 test credential; a missing secret is shown under its field; the secret leaves the form once saved', async () => {
    await page.getByTestId('empty-new-api-credential').click()
    await page.getByTestId('api-name').fill('Orders API')
    await page.getByTestId('api-base-url').fill('https://api.example.com/v1')
    // A new credential starts in the environment selected now (test).
    expect(await page.getByTestId('api-test-toggle').isChecked()).toBe(true)
    await page.getByTestId('api-auth-type').selectOption('hmac')
    await page.getByTestId('auth-clientId').fill('orders-client')
    // The documented default scheme, shown in the advanced options.
    await page.locator('[data-testid="hmac-advanced"] > summary').click()
    expect(await page.getByTestId('hmac-options-state').textContent()).toBe('Default')
    const parts = await page
      .locator('[data-testid="hmac-part"][data-included="true"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-part')))
    expect(parts).toEqual(['method', 'path', 'query', 'timestamp', 'bodyHash'])
    await page.getByTestId('save-api-credential').click()
    await expect.poll(() => page.getByTestId('error-auth.clientSecret').textContent()).toMatch(/client secret/)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-auth-clientSecret')
    await page.getByTestId('auth-clientSecret').fill(HMAC_SECRET)
    expect(await page.getByTestId('error-auth.clientSecret').count()).toBe(0)
    // The check below would see a leak: the typed secret is in the form until it is saved.
    expect(await domText(page)).toContain(HMAC_SECRET)
    await page.keyboard.press('Control+s')
    await page.getByTestId('auth-clientSecret-stored').waitFor()
    expect(await page.getByTestId('auth-clientSecret').count()).toBe(0)
    expect(await page.getByTestId('api-credential-editor').getAttribute('data-dirty')).toBe('false')
    expect(await page.getByTestId('test-tag').first().textContent()).toBe('test')
    const dom = await domText(page)
    for (const secret of secrets) expect(dom).not.toContain(secret)
    const stored = await page.evaluate(() => window.workbench.listApiCredentials({}))
    expect(
      stored.ok && stored.value.credentials.map((c) => [c.name, c.environment, c.auth.type, c.secretsStored])
    ).toEqual([['Orders API', 'test', 'hmac', ['clientSecret']]])
  })

  it('creates a Basic test credential; the list shows both with the test label', async () => {
    await page.getByTestId('back-to-list').click()
    await row('Orders API').waitFor()
    await page.getByTestId('new-api-credential').click()
    await page.getByTestId('api-name').fill('Partner portal')
    await page.getByTestId('api-base-url').fill('https://portal.partner.example/api')
    await page.getByTestId('api-auth-type').selectOption('basic')
    await page.getByTestId('auth-username').fill('svc-embed')
    await page.getByTestId('auth-password').fill(BASIC_PASSWORD)
    await page.getByTestId('save-api-credential').click()
    await page.getByTestId('auth-password-stored').waitFor()
    await page.getByTestId('back-to-list').click()
    await row('Partner portal').waitFor()
    expect(await page.getByTestId('api-credential-row').count()).toBe(2)
    expect(await row('Orders API').getByTestId('api-auth-cell').textContent()).toBe('HMAC-SHA256')
    expect(await row('Partner portal').getByTestId('api-auth-cell').textContent()).toBe('Basic')
    expect(await row('Partner portal').getByTestId('test-tag').textContent()).toBe('test')
    expect(await row('Partner portal').getAttribute('data-usable')).toBe('true')
  })

  it('starts the verification server expecting the HMAC credential, on any free port', async () => {
    await page.getByTestId('tab-verify').click()
    await page.getByTestId('verify-credential').selectOption({ label: 'Orders API (test)' })
    await page.getByTestId('verify-port').fill('0')
    await page.getByTestId('verify-start').click()
    await page.getByTestId('verify-url').waitFor()
    verifyUrl = (await page.getByTestId('verify-url').textContent()) ?? ''
    expect(verifyUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(await page.getByTestId('verify-running').getAttribute('data-running')).toBe('true')
    expect(await page.getByTestId('verify-expecting').textContent()).toContain('Orders API')
    expect(await page.getByTestId('verify-hint').textContent()).toContain(verifyUrl)
    await page.getByTestId('verdict-log-empty').waitFor()
  })

  it('sends with the HMAC credential pointed at the server: 200, the verifier says OK, the string signed is shown', async () => {
    await setBaseUrl('Orders API', verifyUrl, { field: 'clientSecret', value: HMAC_SECRET })
    await send('Orders API (test)')
    const result = page.getByTestId('request-result')
    expect(await result.getAttribute('data-status')).toBe('200')
    expect(await page.getByTestId('result-status').textContent()).toContain('200')
    expect(await page.getByTestId('verdict-box').getAttribute('data-ok')).toBe('true')
    expect(await page.getByTestId('verdict-result').textContent()).toMatch(/OK/)
    const signed = await page.getByTestId('signing-string-to-sign').innerText()
    const lines = signed.split('\n')
    expect(lines.slice(0, 3)).toEqual(['GET', '/orders', 'limit=10&status=open'])
    expect(lines[3]).toMatch(/^\d{10}$/)
    expect(lines[4]).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(await page.getByTestId('result-tls-authorized').getAttribute('data-authorized')).toBe('true')
    expect(await page.getByTestId('result-certificate-name').textContent()).toBe('No client certificate')
    const headers = await page
      .getByTestId('result-request-headers')
      .locator('[data-testid="header-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))
    expect(headers).toEqual(expect.arrayContaining(['x-client-id', 'x-timestamp', 'x-signature']))
  })

  it('a client certificate the server never asked for is not called "Presented"', async () => {
    // A certificate authorized for 127.0.0.1: the runner offers it; this verification server
    // does not ask for client certificates, and its verdict says none arrived.
    const pki = makePki()
    const saved = await page.evaluate(
      ([certificate, key]) =>
        window.workbench.saveCertificate({
          name: 'Local client',
          description: '',
          domains: '127.0.0.1',
          certificate: { text: certificate! },
          key: { text: key! }
        }),
      [pki.text('ec256.crt'), pki.text('ec256.key')]
    )
    expect(saved.ok && saved.value.saved?.name).toBe('Local client')
    await send('Orders API (test)')
    expect(await page.getByTestId('result-certificate-name').textContent()).toContain('Local client')
    const state = page.getByTestId('result-tls-client-cert')
    expect(await state.getAttribute('data-state')).toBe('not-requested')
    expect(await state.textContent()).toBe('Offered, but the server did not ask for one')
    const id = saved.ok ? saved.value.saved!.id : ''
    expect((await page.evaluate((certId) => window.workbench.deleteCertificate({ id: certId }), id)).ok).toBe(true)
  })

  it('in production, the test credential is refused with WRONG_ENVIRONMENT; back in test it is usable again', async () => {
    await page.getByTestId('tab-credentials').click()
    await page.getByTestId('api-environment-production').click({ force: true })
    await expect.poll(() => page.getByTestId('env-switch').getAttribute('data-environment')).toBe('production')
    expect(await row('Orders API').getAttribute('data-usable')).toBe('false')
    expect(await row('Orders API').getByTestId('unusable-hint').textContent()).toMatch(/switch to Test/)
    await send('Orders API (test) — not usable now')
    const message = page.getByTestId('runner-failure-message')
    expect(await message.getAttribute('data-code')).toBe('WRONG_ENVIRONMENT')
    expect(await message.textContent()).toMatch(/"Orders API" is a test credential/)
    expect(await page.getByTestId('runner-env-note').textContent()).toMatch(/test credential/)
    await page.getByTestId('tab-credentials').click()
    await page.getByTestId('api-environment-test').click({ force: true })
    await expect.poll(() => page.getByTestId('env-switch').getAttribute('data-environment')).toBe('test')
    expect(await row('Orders API').getAttribute('data-usable')).toBe('true')
  })

  it('sends with the Basic credential pointed at the server: the verdict box says an HMAC signature was expected', async () => {
    await setBaseUrl('Partner portal', verifyUrl, { field: 'password', value: BASIC_PASSWORD })
    await send('Partner portal (test)')
    expect(await page.getByTestId('request-result').getAttribute('data-status')).toBe('401')
    expect(await page.getByTestId('verdict-box').getAttribute('data-ok')).toBe('false')
    const problems = await page.getByTestId('verdict-problem').allTextContents()
    expect(problems.join('\n')).toMatch(
      /Expected an HMAC-SHA256 signature in X-Signature, but it is missing \(the request has Authorization: Basic …\)/
    )
    // The Authorization header is shown masked.
    const authorization = page
      .getByTestId('result-request-headers')
      .locator('[data-testid="header-row"][data-name="authorization"] td')
      .nth(1)
    expect(await authorization.textContent()).toBe('Basic ••••••')
  })

  it('the server log shows the three requests, newest first', async () => {
    await page.getByTestId('tab-verify').click()
    await expect.poll(() => page.getByTestId('verdict-row').count(), { timeout: 5000 }).toBe(3)
    const verdicts = await page
      .getByTestId('verdict-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ok')))
    expect(verdicts).toEqual(['false', 'true', 'true'])
    expect(await page.getByTestId('verdict-row-problem').first().textContent()).toMatch(
      /Expected an HMAC-SHA256 signature/
    )
    expect(await page.getByTestId('verdict-count').textContent()).toMatch(/3 requests · 1 refused/)
  })

  it('keeps keys per organization: an error shows under that organization; leaving with unsaved edits asks first; delete confirms', async () => {
    await page.getByTestId('tab-credentials').click()
    await page.getByTestId('new-api-credential').click()
    await page.getByTestId('api-name').fill('Multi-org API')
    await page.getByTestId('api-base-url').fill('https://multi.example.com')
    await page.getByTestId('api-auth-type').selectOption('headers')
    await page.getByTestId('auth-headerName').fill('X-Api-Key')
    await page.getByTestId('auth-value').fill(MAIN_KEY)
    await page.getByTestId('api-org-toggle').click({ force: true })
    await page.getByTestId('org-card').waitFor()
    await page.getByTestId('org-name').fill('Acme')
    await page.getByTestId('org-0-headerName').fill('X-Api-Key')
    await page.getByTestId('org-0-value').fill(ACME_KEY)
    await page.getByTestId('add-org').click()
    expect(await page.getByTestId('org-card').count()).toBe(2)
    // The new organization's name field has focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('org-name')
    await page.keyboard.type('Globex')
    await page.getByTestId('org-1-headerName').fill('X-Api-Key')
    // A header named Content-Type is refused under Headers (it is chosen above).
    await page.getByTestId('add-header').click()
    await page.getByTestId('header-name-0').fill('Content-Type')
    await page.getByTestId('header-value-0').fill('text/plain')
    await page.getByTestId('save-api-credential').click()
    await expect.poll(() => page.getByTestId('error-headers').textContent()).toMatch(/Content-Type is chosen above/)
    await page.getByTestId('header-remove-0').click()
    // Globex has no key yet: the error goes under its value field, not under the credential's.
    await page.getByTestId('save-api-credential').click()
    await expect
      .poll(() => page.getByTestId('error-orgs.1.auth.value').textContent())
      .toMatch(/Organization "Globex": enter the header value/)
    expect(await page.getByTestId('error-auth.value').count()).toBe(0)
    await page.getByTestId('org-1-value').fill(GLOBEX_KEY)
    await page.getByTestId('save-api-credential').click()
    await page.getByTestId('org-1-value-stored').waitFor()
    expect(await page.getByTestId('org-0-value-stored').count()).toBe(1)
    const saved = await page.evaluate(() => window.workbench.listApiCredentials({}))
    const multi = saved.ok ? saved.value.credentials.find((c) => c.name === 'Multi-org API') : undefined
    expect(multi?.orgs.map((o) => [o.org, o.secretsStored])).toEqual([
      ['Acme', ['value']],
      ['Globex', ['value']]
    ])

    // Removing an organization is an unsaved edit: switching screens asks first.
    await page.getByTestId('remove-org').nth(1).click()
    expect(await page.getByTestId('org-card').count()).toBe(1)
    await page.keyboard.press('Control+1')
    await page.getByTestId('unsaved-dialog').waitFor()
    await page.getByTestId('unsaved-cancel').click()
    await page.getByTestId('unsaved-dialog').waitFor({ state: 'detached' })
    expect(await page.getByTestId('api-credential-editor').getAttribute('data-dirty')).toBe('true')
    await page.keyboard.press('Control+s')
    await page.getByTestId('saved-indicator').waitFor()

    // The runner offers the organizations left.
    await page.getByTestId('run-current-api-credential').click()
    await page.getByTestId('runner-credential').selectOption({ label: 'Multi-org API (test)' })
    expect(await page.getByTestId('runner-org').locator('option').allTextContents()).toEqual(['Acme'])
    await page.getByTestId('runner-preview').click()
    await expect.poll(() => page.getByTestId('request-result').getAttribute('data-mode')).toBe('preview')
    const key = page
      .getByTestId('result-request-headers')
      .locator('[data-testid="header-row"][data-name="x-api-key"] td')
      .nth(1)
    expect(await key.textContent()).toBe('••••••')

    await page.getByTestId('tab-credentials').click()
    await row('Multi-org API').getByTestId('delete-api-credential').click()
    await page.getByTestId('confirm-dialog').waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' })
    expect(await page.getByTestId('api-credential-row').count()).toBe(3)
    await row('Multi-org API').getByTestId('delete-api-credential').click()
    await page.getByTestId('confirm').click()
    await row('Multi-org API').waitFor({ state: 'detached' })
    expect(await page.getByTestId('api-credential-row').count()).toBe(2)
  })

  it('never put the client secret or the password in a bridge response, on the console or in the DOM', async () => {
    for (const channel of [
      'saveApiCredential',
      'listApiCredentials',
      'sendApiRequest',
      'startVerifyServer',
      'getVerifyServer'
    ]) {
      expect(
        bridgeResponses.some((r) => r.channel === channel),
        channel
      ).toBe(true)
    }
    for (const response of bridgeResponses) {
      for (const secret of secrets) expect(response.body, response.channel).not.toContain(secret)
    }
    await page.getByTestId('tab-verify').click()
    await page.getByTestId('verify-stop').click()
    await expect.poll(() => page.getByTestId('verify-running').getAttribute('data-running')).toBe('false')
    const console = consoleLines.join('\n')
    for (const secret of secrets) expect(console).not.toContain(secret)
    const dom = await domText(page)
    for (const secret of secrets) expect(dom).not.toContain(secret)
    expect(consoleLines.filter((line) => line.startsWith('pageerror'))).toEqual([])
  })

  it('a field the schema refuses is explained under that field in words, not schema text', async () => {
    await page.getByTestId('tab-credentials').click()
    await page.getByTestId('new-api-credential').click()
    await page.getByTestId('api-name').fill('Key API')
    await page.getByTestId('api-base-url').fill('https://keys.example.com')
    await page.getByTestId('api-auth-type').selectOption('headers')
    await page.getByTestId('auth-headerName').fill('')
    await page.getByTestId('auth-value').fill('not-a-real-key')
    await page.getByTestId('save-api-credential').click()
    await expect.poll(() => page.getByTestId('error-auth.headerName').textContent()).toBe('Fill in the header name.')
    await page.getByTestId('auth-headerName').fill('X Api Key')
    await page.getByTestId('save-api-credential').click()
    await expect
      .poll(() => page.getByTestId('error-auth.headerName').textContent())
      .toBe('A header name holds only letters, digits and - _ . (no spaces).')
    expect(await page.getByTestId('api-credential-editor').textContent()).not.toMatch(/Too small|expected string|>=/)
  })

  it('the runner remembers: history (secrets left out) survives a reload, a request is saved under a name and restored, and Copy as cURL runs', async () => {
    // The last test left a new credential with unsaved edits: back to the list, discarding them.
    await page.getByTestId('back-to-list').click()
    await page.getByTestId('unsaved-discard').click()
    // The verification server again, on the port the credential points at (the last test stopped it).
    const listed = await page.evaluate(() => window.workbench.listApiCredentials({}))
    const orders = listed.ok ? listed.value.credentials.find((c) => c.name === 'Orders API')! : null
    const started = await page.evaluate(
      ([credentialId, port]) => window.workbench.startVerifyServer({ credentialId, port }),
      [orders!.id, Number(new URL(verifyUrl).port)] as const
    )
    expect(started.ok).toBe(true)
    await page.getByTestId('tab-runner').click()
    await page.getByTestId('runner-credential').selectOption({ label: 'Orders API (test)' })
    await page.getByTestId('runner-method').selectOption('POST')
    await page.getByTestId('runner-path').fill('/orders?status=open')
    await page.getByTestId('runner-body').fill('{"item":"plug","password":"hunter2"}')
    await page.getByTestId('runner-send').click()
    await expect.poll(() => page.getByTestId('runner-result-area').getAttribute('data-state')).toBe('done')
    const newest = page.getByTestId('history-row').first()
    await expect.poll(() => newest.textContent()).toContain('/orders?status=open')

    // The copied command is the request as sent; the real curl gets the verifier's 200 with it.
    const curl = await page.evaluate(async () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="copy-curl"]')!
      let copied = ''
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: async (t: string) => void (copied = t) },
        configurable: true
      })
      button.click()
      await new Promise((r) => setTimeout(r, 50))
      return copied
    })
    expect(curl).toMatch(/^curl -X POST 'https:\/\/127\.0\.0\.1:\d+\/orders\?status=open'/)
    const status = await page.evaluate(() => window.workbench.getVerifyServer({}))
    const pem = status.ok ? status.value.serverCertificatePem! : ''
    const { execFile } = await import('node:child_process')
    const { writeFileSync, mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const caFile = join(mkdtempSync(join(tmpdir(), 'ewb-curl-')), 'verifier.pem')
    writeFileSync(caFile, pem)
    const answer = await new Promise<string>((resolve, reject) =>
      execFile(
        'bash',
        ['-c', `${curl.replace(/^curl /, `curl -s -o /dev/null -w '%{http_code}' --cacert ${caFile} `)}`],
        (error, stdout) => (error ? reject(error) : resolve(stdout))
      )
    )
    expect(answer).toBe('200')

    // Reloaded (a new session of the page): the history is still there, without the password.
    await page.reload()
    await page.getByTestId('nav-connectors').click()
    await page.getByTestId('tab-runner').click()
    await page.getByTestId('history-row').first().waitFor()
    await page.getByTestId('history-row').first().getByTestId('history-save').click()
    await page.getByTestId('history-save-name').fill('Open orders')
    await page.getByTestId('history-save-name').press('Enter')
    const saved = page.locator('[data-testid="history-row"][data-saved="true"]')
    await expect.poll(() => saved.textContent()).toContain('Open orders')
    await page.getByTestId('runner-path').fill('/somewhere/else')
    await saved.getByTestId('history-open').click()
    expect(await page.getByTestId('runner-path').inputValue()).toBe('/orders?status=open')
    expect(await page.getByTestId('runner-method').inputValue()).toBe('POST')
    expect(JSON.parse(await page.getByTestId('runner-body').inputValue())).toEqual({ item: 'plug', password: '' })
    expect(await page.getByTestId('runner-type-again').textContent()).toContain('body field password')
    const stored = await page.evaluate(() => window.workbench.listRequestHistory({}))
    expect(JSON.stringify(stored)).not.toContain('hunter2')
  })
})
