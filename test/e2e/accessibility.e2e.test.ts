/**
 * Accessibility as a keyboard or screen-reader user, or one who needs contrast, meets the app:
 * axe-core (WCAG 2.2 A/AA and best practices) on every screen and the states that matter (vault
 * setup and unlock, the one-time reveal, dialogs, a signed result, a loaded preview with its frame,
 * the inspector's findings, a HAR's report), in the light and the dark theme, in Chromium against the real
 * browser-mode host. Any serious or critical violation (or a skipped heading level) fails, with
 * the rule, the elements and what to change. Also: the skip link reaches the screen, and a closed
 * dialog gives focus back to the control that opened it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { E2E_PASSPHRASE, launchChromium, startHost, type RunningHost } from './harness'
import { describeViolations, isBlocking, scanPage, type Scan } from './axe'
import { makePki, type Pki } from '../fixtures/pki'
import { apiAnswer, entry, har, largeHar, nowSeconds, pickHar, signThroughApp } from './evidence-har'

const embedPath = 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn'
const workbookPath = 'https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn'

let browser: Browser
let pki: Pki
const scans: { theme: string; state: string; scan: Scan }[] = []

beforeAll(async () => {
  browser = await launchChromium()
  pki = makePki()
})

afterAll(async () => {
  await browser?.close()
  // One line per rule over all scans (any impact), so the suite's output says where the app stands.
  const byRule = new Map<string, { impact: string; scans: Set<number>; elements: number }>()
  scans.forEach(({ scan }, index) => {
    for (const violation of scan.violations) {
      const entry = byRule.get(violation.rule) ?? { impact: String(violation.impact), scans: new Set(), elements: 0 }
      entry.scans.add(index)
      entry.elements += violation.nodes.length
      byRule.set(violation.rule, entry)
    }
  })
  const lines = [...byRule].map(
    ([rule, e]) => `  ${rule} (${e.impact}): ${e.scans.size} scan(s), ${e.elements} element(s)`
  )
  console.log(`axe-core: ${scans.length} scans, ${byRule.size} rule(s) violated\n${lines.join('\n')}`)
})

/** The element that has focus, by its test id (or its tag when it has none). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement
    return element?.getAttribute('data-testid') ?? element?.tagName.toLowerCase() ?? null
  })

for (const theme of ['light', 'dark'] as const) {
  describe(`in the ${theme} theme`, () => {
    let host: RunningHost
    let context: BrowserContext
    let page: Page

    beforeAll(async () => {
      host = await startHost()
      context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
      await context.addInitScript((chosen) => localStorage.setItem('ewb-theme', chosen), theme)
      page = await context.newPage()
      page.setDefaultTimeout(10_000)
      await page.goto(host.launchUrl)
    })

    afterAll(async () => {
      await context?.close()
      await host?.stop()
    })

    /** Scans what is on screen now; fails on a violation that must not be there (isBlocking), saying which. */
    async function expectAccessible(state: string): Promise<Scan> {
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme)
      const scan = await scanPage(page)
      scans.push({ theme, state, scan })
      expect(scan.passedRules, `axe found nothing to check on ${state}`).toBeGreaterThan(10)
      // Soft: the journey goes on to the next state, so one run reports every state's violations.
      const blocking = scan.violations.filter(isBlocking)
      expect.soft(blocking.length, describeViolations(`[${theme}] ${state}`, blocking)).toBe(0)
      return scan
    }

    it('vault setup, and its refusal of a mistyped confirmation', async () => {
      await page.getByTestId('setup-form').waitFor()
      await expectAccessible('vault setup')
      await page.getByTestId('passphrase').fill(E2E_PASSPHRASE)
      await page.getByTestId('confirmation').fill(`${E2E_PASSPHRASE}!`)
      await page.getByTestId('create-vault').click()
      await page.getByTestId('error-confirmation').waitFor()
      await expectAccessible('vault setup with an error')
      await page.getByTestId('passphrase').fill(E2E_PASSPHRASE)
      await page.getByTestId('confirmation').fill(E2E_PASSPHRASE)
      await page.getByTestId('create-vault').click()
      await page.getByTestId('credentials-screen').waitFor()
    })

    it('the empty Credentials screen, and its skip link leads to the screen', async () => {
      await page.getByTestId('empty-state').waitFor()
      await expectAccessible('Credentials (empty)')
      // As the app opens (the vault stays unlocked): the first Tab reaches the skip link, shown.
      await page.reload()
      await page.getByTestId('empty-state').waitFor()
      const skipLink = page.getByTestId('skip-link')
      const hiddenAt = await skipLink.boundingBox()
      expect(hiddenAt!.y + hiddenAt!.height).toBeLessThanOrEqual(0)
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe('skip-link')
      await expect.poll(async () => (await skipLink.boundingBox())!.y).toBeGreaterThanOrEqual(0)
      await expectAccessible('Credentials (skip link shown)')
      await page.keyboard.press('Enter')
      expect(await focused(page)).toBe('main')
      // The next Tab goes on in the screen, past the sidebar.
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe('import-credential')
    })

    it('the New credential dialog, then the one-time reveal; closing it gives focus back to New credential', async () => {
      await page.getByTestId('new-credential').first().click()
      await page.getByTestId('credential-name').waitFor()
      await expectAccessible('New credential dialog')
      await page.getByTestId('credential-name').fill('Staging embed')
      await page.getByTestId('submit').click()
      await page.getByTestId('revealed-secret').waitFor()
      await expectAccessible('credential reveal-once dialog')
      await page.getByTestId('close-reveal').click()
      await page.getByTestId('revealed-secret').waitFor({ state: 'detached' })
      await expect.poll(() => focused(page)).toBe('new-credential')
    })

    it('the Credentials list, the Import dialog (Esc gives focus back) and a confirmation dialog', async () => {
      await page.locator('[data-testid="credential-row"][data-name="Staging embed"]').waitFor()
      await expectAccessible('Credentials (one credential)')
      await page.getByTestId('import-credential').first().click()
      await page.getByTestId('import-secret').waitFor()
      await expectAccessible('Import credential dialog')
      await page.keyboard.press('Escape')
      await page.getByTestId('import-secret').waitFor({ state: 'detached' })
      await expect.poll(() => focused(page)).toBe('import-credential')
      const revoke = page.locator('[data-testid="credential-row"][data-name="Staging embed"]').getByTestId('revoke')
      await revoke.click()
      await page.getByTestId('confirm-dialog').waitFor()
      await expectAccessible('Revoke confirmation dialog')
      await page.getByTestId('cancel').click()
      await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' })
      await expect.poll(() => focused(page)).toBe('revoke')
    })

    it('Certificates: the list and a new certificate', async () => {
      await page.getByTestId('nav-certificates').click()
      await page.getByTestId('certificates-screen').waitFor()
      await expectAccessible('Certificates')
      await page.getByTestId('new-certificate').first().click()
      await page.getByTestId('back-to-list').waitFor()
      await expectAccessible('Certificates (new certificate)')
      // A saved, expired certificate: the report's tiles, the Validity one red.
      await page.getByTestId('cert-name').fill('Old exact')
      await page.getByTestId('cert-domains').fill('web.example.com')
      await page.getByTestId('certificate-text').fill(pki.text('expired.crt'))
      await page.getByTestId('key-text').fill(pki.text('expired.key'))
      await page.getByTestId('save-certificate').click()
      await page.getByTestId('key-stored').waitFor()
      await expectAccessible('Certificates (an expired certificate, saved)')
      await page.getByTestId('back-to-list').click()
    })

    it('API credentials: a new credential, and each of the three tabs', async () => {
      await page.getByTestId('nav-connectors').click()
      await page.getByTestId('connectors-screen').waitFor()
      await page.getByTestId('new-api-credential').click()
      await page.getByTestId('api-credential-editor').waitFor()
      await expectAccessible('API credentials (new credential)')
      await page.getByTestId('back-to-list').click()
      await page.getByTestId('connectors-screen').waitFor()
      await expectAccessible('API credentials (credentials tab)')
      await page.getByTestId('tab-runner').click()
      await page.getByTestId('panel-runner').waitFor()
      await expectAccessible('API credentials (request runner tab)')
      // A sent request (to a host that does not answer) in the runner's history.
      const saved = await page.evaluate(() =>
        window.workbench.saveApiCredential({
          name: 'Nowhere',
          baseUrl: 'http://127.0.0.1:9',
          environment: 'test',
          contentType: 'json',
          auth: { type: 'none' }
        })
      )
      expect(saved.ok).toBe(true)
      await page.getByTestId('nav-personas').click()
      await page.getByTestId('nav-connectors').click()
      await page.getByTestId('tab-runner').click()
      await page.getByTestId('runner-credential').selectOption({ label: 'Nowhere (test)' })
      await page.getByTestId('runner-send').click()
      await page.getByTestId('history-row').first().waitFor()
      await expectAccessible('API credentials (runner with a failed request and its history)')
      await page.getByTestId('tab-verify').click()
      await page.getByTestId('panel-verify').waitFor()
      await expectAccessible('API credentials (verification server tab)')
    })

    it('Personas', async () => {
      await page.getByTestId('nav-personas').click()
      await page.getByTestId('personas-screen').waitFor()
      await page.getByTestId('persona-form').waitFor()
      await expectAccessible('Personas')
    })

    it('Sign, with a signed URL and its parameters', async () => {
      await page.getByTestId('nav-sign').click()
      await page.getByTestId('sign-embed-path').fill(embedPath)
      await page.locator('[data-testid="persona-tab"][data-name="Sales Person"]').click()
      await expect.poll(async () => (await page.getByTestId('signed-url').textContent()) ?? '').toContain(':signature=')
      await expectAccessible('Sign (signed result)')
      await page.getByTestId('export-code').click()
      await page.getByTestId('export-code-text').waitFor()
      await expectAccessible('Sign (embed API code dialog)')
      await page.keyboard.press('Escape')
      await page.getByTestId('export-code-dialog').waitFor({ state: 'detached' })
    })

    it('Preview, loaded: the page and the workbook frame, with the events and the requests panels', async () => {
      await page.getByTestId('nav-preview').click()
      await page.getByTestId('preview-screen').waitFor()
      await page.locator('[data-testid="persona-tab"][data-name="Sales Manager"]').click()
      await page.getByTestId('preview-load').click()
      const frame = page.frameLocator('[data-testid="preview-frame"][data-persona="Sales Manager"]')
      await frame.getByTestId('sales-table').waitFor()
      await page.getByTestId('panel-tab-events').click()
      await page.locator('[data-testid="event-row"][data-type="workbook:dataloaded"]').first().waitFor()
      const events = await expectAccessible('Preview (loaded, events panel)')
      // The workbook page, served by the emulator on its own origin, was scanned in its frame.
      const workbook = events.frames.filter((name) => name !== 'page' && new URL(name).pathname.startsWith('/embed/'))
      expect(workbook, 'the workbook frame was not scanned').toHaveLength(1)
      await page.getByTestId('panel-tab-requests').click()
      await page.locator('[data-testid="request-row"][data-verdict="allowed"]').first().waitFor()
      await expectAccessible('Preview (loaded, requests panel)')
      await page.getByTestId('panel-tab-url').click()
      await expectAccessible('Preview (loaded, URL panel)')
      await page.getByTestId('preview-display').click()
      await page.getByTestId('preview-display-panel').waitFor()
      await expectAccessible('Preview (display & controls open)')
      await page.getByTestId('preview-display').click()
    })

    it('Emulator', async () => {
      await page.getByTestId('nav-emulator').click()
      await page.getByTestId('team-add-input').waitFor()
      await expectAccessible('Emulator')
    })

    it('Inspector: a tampered URL with its findings, and the diff', async () => {
      await page.getByTestId('nav-sign').click()
      // The Viewer persona (Sign opens with the persona last chosen on Sign or Preview).
      await page.locator('[data-testid="persona-tab"][data-name="Sales Person"]').click()
      await page.getByTestId('sign-button').click()
      await expect
        .poll(async () => (await page.getByTestId('signed-url').textContent()) ?? '')
        .toContain(':account_type=Viewer')
      const signed = (await page.getByTestId('signed-url').textContent())!.trim()
      const tampered = signed.replace(':account_type=Viewer', ':account_type=Creator')
      await page.getByTestId('nav-inspector').click()
      await page.getByTestId('inspect-input').fill(tampered)
      await page.getByTestId('inspect-button').click()
      await page.locator('[data-testid="finding"][data-code="PARAM_VALUE_CHANGED"]').waitFor()
      await expectAccessible('Inspector (tampered URL, findings)')
      await page.locator('[data-testid="migrate"] > summary').click()
      await page.getByTestId('migrate-button').click()
      await page.getByTestId('migrate-verdict').waitFor()
      await expectAccessible('Inspector (Migrate to JWT)')
      await page.getByTestId('inspector-tab-diff').click()
      await page.getByTestId('diff-left').fill(signed)
      await page.getByTestId('diff-right').fill(tampered)
      await page.locator('[data-testid="diff-row"]').first().waitFor()
      await expectAccessible('Inspector (diff)')
    })

    it('a JWT: signed on Sign, then in the Inspector with its coloured segments and claims', async () => {
      await page.getByTestId('nav-sign').click()
      await page.getByTestId('sign-method-jwt').click()
      await page.getByTestId('sign-embed-path').fill(workbookPath)
      await page.getByTestId('sign-button').click()
      await page.getByTestId('signed-jwt-claims').waitFor()
      await expectAccessible('Sign (JWT result)')
      const signed = (await page.getByTestId('signed-url').textContent())!.trim()
      await page.getByTestId('sign-method-url').click()
      await page.getByTestId('nav-inspector').click()
      await page.getByTestId('inspector-tab-inspect').click()
      await page.getByTestId('inspect-input').fill(signed)
      await page.getByTestId('inspect-button').click()
      await page.getByTestId('inspect-jwt').waitFor()
      await expectAccessible('Inspector (JWT)')
      // (The stored credential still verifies it; the typed secret is one more key to try.)
      await page.getByTestId('inspect-secret').fill('not the secret')
      await page.waitForTimeout(800)
      await page.locator('[data-testid="resign"] > summary').click()
      await page.getByTestId('resign-panel').waitFor()
      await expectAccessible('Inspector (JWT, a typed secret, Edit and re-sign open)')
    })

    it('HAR evidence: the drop zone, reading with progress, a report with an error row in detail, two rows compared', async () => {
      await page.getByTestId('nav-evidence').click()
      await page.getByTestId('evidence-drop').waitFor()
      await expectAccessible('HAR evidence (drop zone)')

      const first = await signThroughApp(page)
      const second = await signThroughApp(page)
      const at = nowSeconds()
      const text = har([
        entry({ at, url: first }),
        apiAnswer(at + 1, second),
        entry({ at: at + 2, url: second.replace(':account_type=Creator', ':account_type=Viewer') }),
        entry({ at: at + 4, url: first })
      ])
      // Reading: each slice held back, so the progress bar is there to scan.
      await page.route('**/__bridge/sendHarChunk', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400))
        await route.continue().catch(() => undefined)
      })
      await pickHar(page, largeHar(6, at), 'big.har')
      await page.getByTestId('evidence-progress').waitFor()
      await expectAccessible('HAR evidence (reading, with progress)')
      await page.getByTestId('evidence-cancel').click()
      await page.unroute('**/__bridge/sendHarChunk')
      await page.getByTestId('evidence-drop').waitFor()

      await pickHar(page, text)
      await page.getByTestId('evidence-report').waitFor()
      await page.locator('[data-testid="har-row"][data-index="2"]').click()
      await page.locator('[data-testid="har-detail"][data-index="2"] [data-testid="har-inspection"]').waitFor()
      await expectAccessible('HAR evidence (report, an error row in detail)')
      await page.locator('[data-testid="har-row"][data-index="1"]').getByTestId('har-compare').check()
      await page.locator('[data-testid="har-row"][data-index="2"]').getByTestId('har-compare').check()
      await page.locator('[data-testid="har-diff"] [data-testid="diff-row"]').first().waitFor()
      await expectAccessible('HAR evidence (two rows compared)')
    })

    it('Request inspector: empty, a refused request with what changed after signing, an unreadable paste', async () => {
      await page.getByTestId('nav-request-inspector').click()
      await page.getByTestId('ri-empty').waitFor()
      await expectAccessible('Request inspector (empty)')
      const made = await page.evaluate(async () => {
        const saved = await window.workbench.saveApiCredential({
          name: 'Orders API (AWS)',
          baseUrl: 'https://api.example.com/v1',
          environment: 'test',
          contentType: 'json',
          auth: {
            type: 'aws4',
            accessKeyId: 'AKIDEXAMPLE',
            secretAccessKey: 'a11y-secret',
            region: 'us-east-1',
            service: 'execute-api'
          }
        })
        if (!saved.ok) return null
        const run = await window.workbench.sendApiRequest({
          credentialId: saved.value.id,
          method: 'POST',
          path: '/orders',
          body: '{"qty":1}',
          send: false
        })
        return run.ok ? run.value.request : null
      })
      expect(made).not.toBeNull()
      const curl = [
        `curl -X ${made!.method} '${made!.url}'`,
        ...made!.headers.map(([n, v]) => `-H '${n}: ${/^content-type$/i.test(n) ? `${v}; charset=utf-8` : v}'`),
        `--data-raw '${made!.body}'`
      ].join(' ')
      await page.getByTestId('ri-text').fill(curl)
      await page.getByTestId('ri-inspect').click()
      await page.getByTestId('ri-change').waitFor()
      await expectAccessible('Request inspector (refused, the change after signing)')
      await page.getByTestId('ri-text').fill('not a request')
      await page.getByTestId('ri-inspect').click()
      await page.getByTestId('ri-error').waitFor()
      await expectAccessible('Request inspector (an unreadable paste, and the result before it)')
    })

    it('Settings', async () => {
      await page.getByTestId('nav-settings').click()
      await page.getByTestId('settings-screen').waitFor()
      await expectAccessible('Settings')
    })

    it('the locked vault: unlock, and its refusal of a wrong passphrase', async () => {
      await page.getByTestId('lock-vault').click()
      await page.getByTestId('unlock-form').waitFor()
      await expectAccessible('unlock')
      await page.getByTestId('passphrase').fill('not the passphrase')
      await page.getByTestId('unlock').click()
      await page.locator('[data-testid="error-passphrase"], [data-testid="form-error"]').first().waitFor()
      await expectAccessible('unlock with an error')
      await page.getByTestId('passphrase').fill(E2E_PASSPHRASE)
      await page.getByTestId('unlock').click()
      await page.getByTestId('credentials-screen').waitFor()
    })
  })
}
