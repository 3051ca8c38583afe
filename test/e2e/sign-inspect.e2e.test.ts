/**
 * Signing and inspecting as a user does it, in Chromium against the real browser-mode host:
 * switch persona and see the URL's parameters change; paste a tampered URL into the inspector and
 * see the finding and its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, openAppWithCredential, startHost, type RunningHost } from './harness'

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
