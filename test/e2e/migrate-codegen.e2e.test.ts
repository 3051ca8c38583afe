/**
 * Issue 16 on screen, in Chromium against the real browser-mode host: a customer's signed URL
 * pasted into the Inspector migrates to a JWT URL the emulator judges the same (with where each
 * parameter went), and Sign's "Code" writes the embed API for the signed persona in the language
 * picked, with no secret in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { importCustomerCredential, launchChromium, openAppWithCredential, startHost, type RunningHost } from './harness'
import { CLIENT_ID, OTHER_CLIENT_ID, OTHER_SECRET, SECRET } from '../fixtures/embed'
import { sampleSignedUrl } from '../fixtures/vendor-samples'

let host: RunningHost
let browser: Browser
let page: Page

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  page = await openAppWithCredential(browser, host, { width: 1440, height: 900 })
  await importCustomerCredential(page, 'Customer', CLIENT_ID, SECRET)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

const quickstart = (clientId = CLIENT_ID, secret = SECRET) =>
  sampleSignedUrl('quickstart', {
    embedPath: 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn',
    clientId,
    secret,
    user: { email: 'sales.person@example.com', externalUserId: 'sp-1', teams: ['Sales_People'], accountType: 'Viewer' }
  })

async function inspect(url: string) {
  await page.getByTestId('nav-inspector').click()
  await page.getByTestId('inspect-input').fill(url)
  await page.getByTestId('inspect-button').click()
  await page.getByTestId('migrate').waitFor()
  if ((await page.getByTestId('migrate').getAttribute('open')) === null)
    await page.locator('[data-testid="migrate"] > summary').click()
}

describe('Migrate to JWT, in the Inspector', () => {
  it('migrates a QuickStart signed URL with the stored credential of its client id: equivalent, each parameter placed', async () => {
    await inspect(quickstart())
    await page.getByTestId('migrate-button').click()
    const verdict = page.getByTestId('migrate-verdict')
    await verdict.waitFor()
    expect(await verdict.getAttribute('data-equivalent')).toBe('true')
    expect(await verdict.textContent()).toContain('sales.person@example.com (Viewer: view)')
    const to = (param: string) =>
      page.locator(`[data-testid="migrate-row"][data-param="${param}"]`).getAttribute('data-to')
    expect(await to(':nonce')).toBe('claim')
    expect(await to(':client_id')).toBe('header')
    expect(await to(':external_user_id')).toBe('dropped')
    expect(await page.getByTestId('migrate-changes').textContent()).toContain(
      ':external_user_id (sp-1) has no JWT claim'
    )
    const jwtUrl = (await page.getByTestId('migrate-jwt-url').textContent())!.trim()
    expect(jwtUrl).toMatch(
      /^https:\/\/app\.sigmacomputing\.com\/plugs-electronics\/workbook\/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn\?:jwt=/
    )
    // The JWT URL, inspected in turn, verifies with the same stored credential.
    await page.getByTestId('migrate-inspect').click()
    await expect.poll(() => page.getByTestId('inspect-input').inputValue()).toBe(jwtUrl)
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('valid')
  })

  it('a URL whose client id is not stored asks for its secret, where the user looks', async () => {
    await inspect(quickstart(OTHER_CLIENT_ID, OTHER_SECRET))
    await page.getByTestId('migrate-button').click()
    await page.getByTestId('migrate-error').waitFor()
    expect(await page.getByTestId('migrate-error').textContent()).toContain(
      'No stored credential has this URL’s client id'
    )
  })
})

describe('Code, on Sign', () => {
  it('writes the embed API for the signed persona in the language picked, with the client id and no secret', async () => {
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-method-jwt').click()
    await page
      .getByTestId('sign-embed-path')
      .fill('https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn')
    await page.locator('[data-testid="persona-tab"][data-name="Sales Manager"]').click()
    await page.getByTestId('signed-url').waitFor()
    await page.getByTestId('export-code').click()
    await page.getByTestId('export-code-dialog').waitFor()
    await page.getByTestId('export-code-language').selectOption('node')
    await expect.poll(() => page.getByTestId('export-code-text').textContent()).toContain("require('jsonwebtoken')")
    const node = (await page.getByTestId('export-code-text').textContent())!
    expect(node).toContain('sales.manager@example.com')
    expect(node).toContain('process.env.EMBED_SECRET')
    expect(node).not.toMatch(/[0-9a-f]{128}/)
    expect(await page.getByTestId('export-code-how').textContent()).toContain('the test suite runs this program')
    await page.getByTestId('export-code-language').selectOption('go')
    await expect
      .poll(() => page.getByTestId('export-code-text').textContent())
      .toContain('github.com/golang-jwt/jwt/v5')
    expect(await page.getByTestId('export-code-how').textContent()).toContain('generated only')
    const download = page.waitForEvent('download')
    await page.getByTestId('export-code-save').click()
    expect((await download).suggestedFilename()).toBe('embed_api.go')
    await page.keyboard.press('Escape')
    await page.getByTestId('export-code-dialog').waitFor({ state: 'detached' })
  })
})
