/**
 * Signing and inspecting as a user does it, in Chromium against the real browser-mode host:
 * switch persona and see the URL's parameters change; paste a tampered URL into the inspector and
 * see the finding and its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  importCustomerCredential,
  launchChromium,
  openAppWithCredential,
  recordTraffic,
  startHost,
  type RunningHost
} from './harness'
import { CLIENT_ID, SECRET } from '../fixtures/embed'
import { sampleJwtUrl } from '../fixtures/vendor-samples'

let host: RunningHost
let browser: Browser
let page: Page

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  page = await openAppWithCredential(browser, host)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

const param = (name: string) => page.locator(`[data-testid="signed-param"][data-name="${name}"]`)

describe('signing for personas', () => {
  it('switching persona re-signs: the URL carries the new user, a fresh nonce, and verifies', async () => {
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-embed-path').fill('https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn')
    await page.locator('[data-testid="persona-tab"][data-name="Sales Manager"]').click()
    await expect.poll(() => param(':external_user_team').textContent()).toContain('Sales_Managers')
    const first = (await page.getByTestId('signed-url').textContent())!
    expect(first).toContain(':account_type=Creator')
    await page.locator('[data-testid="persona-tab"][data-name="Sales Person"]').click()
    await expect.poll(() => param(':external_user_team').textContent()).toContain('Sales_People')
    await expect.poll(() => param(':email').textContent()).toContain('sales.person@example.com')
    const second = (await page.getByTestId('signed-url').textContent())!
    expect(second).toContain(':account_type=Viewer')
    expect(new URL(second).searchParams.get(':nonce')).not.toBe(new URL(first).searchParams.get(':nonce'))
    expect(await page.getByTestId('no-findings').count()).toBe(1)
  })

  it('the JWT method shows the claims for the persona', async () => {
    await page.getByTestId('sign-method-jwt').click()
    await page
      .getByTestId('sign-embed-path')
      .fill('https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn')
    await page.getByTestId('sign-button').click()
    await expect.poll(() => page.getByTestId('signed-jwt-claims').textContent()).toContain('"teams"')
    expect(await page.getByTestId('signed-jwt-claims').textContent()).toContain('Sales_People')
    await page.getByTestId('sign-method-url').click()
    await page.getByTestId('sign-embed-path').fill('https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn')
    await page.getByTestId('sign-button').click()
    await expect.poll(async () => (await page.getByTestId('signed-url').textContent()) ?? '').toContain(':signature=')
  })
})

describe('the inspector', () => {
  it('a tampered URL shows the finding, its parameter and its fix', async () => {
    const signed = (await page.getByTestId('signed-url').textContent())!.trim()
    const tampered = signed.replace(':account_type=Viewer', ':account_type=Creator')
    await page.getByTestId('nav-inspector').click()
    await page.getByTestId('inspect-input').fill(tampered)
    await page.getByTestId('inspect-button').click()
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('invalid')
    const finding = page.locator('[data-testid="finding"][data-code="PARAM_VALUE_CHANGED"]')
    await finding.waitFor()
    expect(await finding.textContent()).toContain('":account_type" was signed as "Viewer" but arrives as "Creator"')
    expect(await finding.getByTestId('finding-fix').textContent()).toMatch(/sign the values you send/)
    expect(
      await page.locator('[data-testid="inspect-param"][data-name=":account_type"]').getAttribute('data-check')
    ).toBe('error')
  })

  it('the untampered URL verifies, and time travel makes it expire', async () => {
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-button').click()
    await expect.poll(async () => (await page.getByTestId('signed-url').textContent()) ?? '').toContain(':signature=')
    const signed = (await page.getByTestId('signed-url').textContent())!.trim()
    await page.getByTestId('nav-inspector').click()
    await page.getByTestId('inspect-input').fill(signed)
    await page.getByTestId('inspect-button').click()
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('valid')
    await page.getByTestId('inspect-now-plus-day').click()
    await page.locator('[data-testid="finding"][data-code="EXPIRED"]').waitFor()
  })
})

describe('a jwt.io-grade inspector (issue 14, item 3)', () => {
  it("checks a customer's JWT with a secret typed for this inspection only, colours its segments and dates its times", async () => {
    const traffic = recordTraffic(page)
    const secret = 'be5e'.repeat(32)
    const url = sampleJwtUrl({
      workbookUrl: 'https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn',
      clientId: 'd'.repeat(64),
      secret,
      claims: { sub: 'ada@example.com', account_type: 'Viewer', teams: ['Sales_People'] }
    })
    await page.getByTestId('nav-inspector').click()
    await page.getByTestId('inspect-now-real').click({ force: true })
    await page.getByTestId('inspect-input').fill(url)
    await page.getByTestId('inspect-button').click()
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('unchecked')
    await page.getByTestId('inspect-secret').fill(secret)
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('valid')
    expect(await page.getByTestId('signature-status').textContent()).toContain('verified with the secret you typed')
    const parts = await page
      .getByTestId('jwt-segment')
      .evaluateAll((spans) => spans.map((s) => [s.getAttribute('data-part'), getComputedStyle(s).color]))
    expect(parts.map(([part]) => part)).toEqual(['header', 'payload', 'signature'])
    expect(new Set(parts.map(([, color]) => color)).size).toBe(3)
    expect(JSON.parse((await page.getByTestId('jwt-payload').textContent())!)).toMatchObject({ sub: 'ada@example.com' })
    const exp = page.locator('[data-testid="inspect-param"][data-name="exp"]')
    expect(await exp.getByTestId('time-offset').textContent()).toMatch(/^in (9|10) min$/)
    expect(
      await page.locator('[data-testid="inspect-param"][data-name="iat"]').getByTestId('time-offset').textContent()
    ).toMatch(/^(\d+ s ago|now)$/)
    // The secret went to main with the inspection and never came back.
    for (const response of traffic.bridgeResponses) expect(response.body).not.toContain(secret)
    await page.getByTestId('inspect-secret').fill('wrong secret')
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('invalid')

    // Edit a claim and re-sign with the typed secret: the new URL replaces the input and verifies.
    await page.getByTestId('inspect-secret').fill(secret)
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('valid')
    await page.locator('[data-testid="resign"] > summary').click()
    await page
      .locator('[data-testid="resign-row"][data-name="account_type"]')
      .getByTestId('resign-value')
      .fill('Creator')
    await page.locator('[data-testid="resign-row"][data-name="ver"]').getByTestId('resign-remove').check()
    expect(await page.getByTestId('resign-button').textContent()).toContain('2 changes')
    await page.getByTestId('resign-button').click()
    await expect.poll(() => page.getByTestId('inspect-input').inputValue()).not.toBe(url)
    await expect
      .poll(async () => JSON.parse((await page.getByTestId('jwt-payload').textContent())!).account_type)
      .toBe('Creator')
    expect(JSON.parse((await page.getByTestId('jwt-payload').textContent())!)).not.toHaveProperty('ver')
    await expect.poll(() => page.getByTestId('signature-status').getAttribute('data-status')).toBe('valid')
    for (const response of traffic.bridgeResponses) expect(response.body).not.toContain(secret)
  })
})

describe('one flow from Sign to Preview (issue 14, item 1, part)', () => {
  it("switching to JWT turns the embed path into the workbook URL; Load in Preview loads the same persona, credential and method with Sign's theme", async () => {
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-method-url').click()
    await page.getByTestId('sign-embed-path').fill('https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn')
    await page.locator('[data-testid="sign-display-toggle"]').click()
    await page.getByTestId('sign-theme').selectOption('Dark')
    await page.getByTestId('sign-method-jwt').click()
    await expect
      .poll(() => page.getByTestId('sign-embed-path').inputValue())
      .toBe('https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn')
    await page.locator('[data-testid="persona-tab"][data-name="Sales Person"]').click()
    await page.getByTestId('signed-url').waitFor()
    await page.getByTestId('load-in-preview').click()
    const frame = page.frameLocator('[data-testid="preview-frame"][data-persona="Sales Person"]')
    await frame.getByTestId('sales-table').waitFor()
    expect(await frame.getByTestId('embed-user').textContent()).toContain('sales.person@example.com')
    expect(await frame.locator('html').getAttribute('class')).toContain('ewb-theme-dark')
    expect(await page.getByTestId('preview-display').getAttribute('data-count')).toBe('1')
    const urls = await page.evaluate(() => window.workbench.listEmulatorRequests({}))
    const last = urls.ok ? urls.value.at(-1)! : null
    expect(last?.url).toContain(':jwt=')
    expect(last?.verdict).toBe('allowed')
    // Back on Sign: the method is JWT, and URL turns the path back.
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-method-url').click()
    await expect
      .poll(() => page.getByTestId('sign-embed-path').inputValue())
      .toBe('https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn')
  })
})

describe('one selection for Sign and Preview (issue 14, item 1)', () => {
  it('the credential and persona chosen on one screen are what the other opens with, not the newest credential', async () => {
    await importCustomerCredential(page, 'Newest customer', CLIENT_ID, SECRET)
    /** Picks the option whose text starts with `name` (the text goes on with the client id). */
    const pick = async (testId: string, name: string) => {
      const value = await page
        .getByTestId(testId)
        .evaluate(
          (el, prefix) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(prefix))?.value ?? '',
          name
        )
      await page.getByTestId(testId).selectOption(value)
    }
    await page.getByTestId('nav-credentials').click()
    await page.getByTestId('nav-sign').click()
    await pick('sign-credential', 'Staging embed')
    await page.locator('[data-testid="persona-tab"][data-name="Sales Person"]').click()
    await page.getByTestId('nav-preview').click()
    const selected = (testId: string) =>
      page.getByTestId(testId).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')
    await expect.poll(() => selected('preview-credential')).toMatch(/^Staging embed/)
    expect(
      await page.locator('[data-testid="persona-tab"][data-name="Sales Person"]').getAttribute('aria-selected')
    ).toBe('true')
    await pick('preview-credential', 'Newest customer')
    await page.locator('[data-testid="persona-tab"][data-name="Sales Manager"]').click()
    await page.getByTestId('nav-sign').click()
    await expect.poll(() => selected('sign-credential')).toMatch(/^Newest customer/)
    expect(
      await page.locator('[data-testid="persona-tab"][data-name="Sales Manager"]').getAttribute('aria-selected')
    ).toBe('true')
  })
})
