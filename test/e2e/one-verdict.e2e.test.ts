/**
 * Issue 12's "Done when", in Chromium against the real browser-mode host: the vendor's sample
 * shapes load in the emulator with a credential from the vault, and no screen says "the host would
 * accept this" about a URL the emulator refuses (each contradiction the issue measured, pinned).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { importCustomerCredential, launchChromium, openAppWithCredential, startHost, type RunningHost } from './harness'
import { sampleJwtUrl, sampleSignedUrl, signedUrlStyles } from '../fixtures/vendor-samples'
import { CLIENT_ID, SECRET } from '../fixtures/embed'

let host: RunningHost
let browser: Browser
let page: Page
let base: string

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  page = await openAppWithCredential(browser, host, { width: 1400, height: 900 })
  // The customer's credential, imported into the vault as a user does (client id + secret).
  await importCustomerCredential(page, 'Customer staging', CLIENT_ID, SECRET)
  const status = await page.evaluate(() => window.workbench.getEmulator({}))
  base = status.ok ? status.value.baseUrl! : ''
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

/** Opens the URL in a tab of its own, as a parent app's iframe would load it. */
async function opens(url: string): Promise<'workbook' | string> {
  const tab = await page.context().newPage()
  try {
    await tab.goto(url)
    const outcome = await Promise.race([
      tab
        .getByTestId('sales-table')
        .waitFor()
        .then(() => 'workbook'),
      tab
        .getByTestId('host-error-message')
        .waitFor()
        .then(async () => (await tab.getByTestId('host-error-message').textContent()) ?? 'error')
    ])
    return outcome
  } finally {
    await tab.close()
  }
}

describe("the vendor's sample shapes load with a credential from the vault", () => {
  it('the signed-URL samples in each encoding (QuickStart, URLSearchParams, Python, Go)', async () => {
    for (const style of signedUrlStyles) {
      const url = sampleSignedUrl(style, {
        embedPath: `${base}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`,
        clientId: CLIENT_ID,
        secret: SECRET,
        user: { email: 'sample.manager@example.com', teams: ['Sales_Managers'], accountType: 'Creator' }
      })
      expect(await opens(url), style).toBe('workbook')
    }
  })

  it("the JWT QuickStarts' default user (sales_person@example.com, View, Sales_People) and the Series 2 options", async () => {
    const workbookUrl = `${base}/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn`
    const quickstart = sampleJwtUrl({
      workbookUrl,
      clientId: CLIENT_ID,
      secret: SECRET,
      claims: { sub: 'sales_person@example.com', account_type: 'View', teams: ['Sales_People'] }
    })
    expect(await opens(quickstart)).toBe('workbook')
    const seriesTwo = sampleJwtUrl({
      workbookUrl: `${base}/plugs-electronics/workbook/3kxOdcUS4xsaEFdy1Wkwgn/page/Dashboard`,
      clientId: CLIENT_ID,
      secret: SECRET,
      claims: { sub: 'build.user@example.com', account_type: 'Build', teams: ['Sales_Managers'] },
      params: [
        [':disable_auto_refresh', 'false'],
        [':hide_page_controls', 'false'],
        [':hide_title', 'false'],
        [':menu_position', 'top'],
        [':theme', 'Light'],
        [':view_id', 'abc123']
      ]
    })
    expect(await opens(seriesTwo)).toBe('workbook')
  })
})

describe('no screen says "the host would accept this" about a URL the emulator refuses', () => {
  it('a JWT signed for an /embed/ path: Sign and Inspector name WRONG_URL_FORM, and the emulator answers "Embed not found"', async () => {
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-method-jwt').click()
    await page.getByTestId('sign-embed-path').fill(`${base}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`)
    await page.getByTestId('sign-button').click()
    await page.locator('[data-testid="finding"][data-code="WRONG_URL_FORM"]').waitFor()
    expect(await page.getByTestId('no-findings').count()).toBe(0)
    const signed = (await page.getByTestId('signed-url').textContent())!.trim()
    await page.getByTestId('nav-inspector').click()
    await page.getByTestId('inspect-input').fill(signed)
    await page.locator('[data-testid="inspect-result"] [data-testid="finding"][data-code="WRONG_URL_FORM"]').waitFor()
    expect(await opens(signed)).toMatch(/Embed not found/)
  })

  it('a URL already used at the emulator: the Inspector says so, with when, instead of inspecting clean', async () => {
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-method-url').click()
    await page.getByTestId('sign-embed-path').fill(`${base}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`)
    await page.getByTestId('sign-button').click()
    await expect.poll(async () => (await page.getByTestId('signed-url').textContent()) ?? '').toContain(':signature=')
    const signed = (await page.getByTestId('signed-url').textContent())!.trim()
    await page.getByTestId('nav-inspector').click()
    await page.getByTestId('inspect-input').fill(signed)
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('valid')
    expect(
      await page.locator('[data-testid="inspect-result"] [data-testid="finding"][data-code="NONCE_REUSED"]').count()
    ).toBe(0)
    expect(await opens(signed)).toBe('workbook')
    await page.getByTestId('inspect-button').click()
    const reused = page.locator('[data-testid="inspect-result"] [data-testid="finding"][data-code="NONCE_REUSED"]')
    await reused.waitFor()
    expect(await reused.textContent()).toMatch(/already used at the emulator at \d{4}-\d{2}-\d{2}T/)
    expect(await opens(signed)).toBe('Invalid embed request.')
  })
})
