/**
 * One embed workspace for Sign and Preview (issue 14, item 1), as a user meets it in Chromium
 * against the real browser-mode host: Sign picks what to embed from the emulator (no copying the
 * path from the Emulator screen), and the Preview edits the same display options and controls
 * that Sign signs with.
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

const selectedText = (testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const select = el as HTMLSelectElement
    return select.selectedOptions[0]?.text ?? ''
  })
const path = () => page.getByTestId('sign-embed-path').inputValue()
const HOST = 'https://app.sigmacomputing.com'
const WORKBOOK = `${HOST}/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn`

describe('what to embed, picked on Sign', () => {
  it('names the target a typed path is, fills the path of a picked one in the form of the method, and keeps the host', async () => {
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-method-url').click()
    await page.getByTestId('sign-embed-path').fill(`${HOST}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`)
    await expect.poll(() => selectedText('sign-target')).toBe('Plugs Sales')
    expect(await selectedText('sign-host')).toBe('app.sigmacomputing.com')

    await page.getByTestId('sign-target').selectOption({ label: 'Plugs Sales › Dashboard › Sales' })
    expect(await path()).toBe(`${HOST}/embed/3-6pQ8rS0tU2vW4xY6zA8bCd`)
    await page.getByTestId('sign-method-jwt').click()
    await expect.poll(path).toBe(`${WORKBOOK}/element/SalesTable`)
    expect(await selectedText('sign-target')).toBe('Plugs Sales › Dashboard › Sales')

    // A path that is none of them says so, and is left as typed.
    await page.getByTestId('sign-embed-path').fill(`${HOST}/embed/1-notAWorkbook`)
    await expect.poll(() => selectedText('sign-target')).toBe('Typed path (not an emulator target)')
  })

  it('the emulator as the host: the path is the local one, and signing it loads in the Preview', async () => {
    await page.getByTestId('sign-target').selectOption({ label: 'Plugs Sales › Dashboard' })
    const status = await page.evaluate(() => window.workbench.getEmulator({}))
    const base = status.ok ? status.value.baseUrl : ''
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await page.getByTestId('sign-host').selectOption(base)
    await expect.poll(path).toBe(`${base}/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn/page/Dashboard`)
    await page.locator('[data-testid="persona-tab"][data-name="Sales Person"]').click()
    await page.getByTestId('signed-url').waitFor()
    expect(await page.getByTestId('signed-url').textContent()).toContain(`${base}/plugs-electronics/workbook/`)
    await page.getByTestId('load-in-preview').click()
    expect(await selectedText('preview-target')).toBe('Plugs Sales › Dashboard')
    const frame = page.frameLocator('[data-testid="preview-frame"][data-persona="Sales Person"]')
    await frame.getByTestId('sales-table').waitFor()
  })
})

describe('one target for both screens', () => {
  it('the target picked on the Preview is what Sign opens on, in its method and host; a path typed by hand stays', async () => {
    await page.getByTestId('preview-target').selectOption({ label: 'Plugs Sales › Dashboard › Revenue by region' })
    await page.getByTestId('nav-sign').click()
    await expect.poll(() => selectedText('sign-target')).toBe('Plugs Sales › Dashboard › Revenue by region')
    // Sign was on JWT (Load in Preview handed it over) and on the emulator's host.
    expect(await path()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/plugs-electronics\/workbook\/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn\/element\/RevenueByRegion$/
    )

    const typed = `${HOST}/acme/workbook/Customer-Board-9f8e7d`
    await page.getByTestId('sign-embed-path').fill(typed)
    await page.getByTestId('nav-preview').click()
    await page.getByTestId('preview-target').selectOption({ label: 'Plugs Sales' })
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-target').waitFor()
    await page.waitForTimeout(300)
    expect(await path()).toBe(typed)
  })
})

describe('display options and controls, edited on the Preview', () => {
  it('are the ones Sign signs with: set on Preview, they load in the frame and Sign shows them', async () => {
    await page.getByTestId('nav-preview').click()
    const toggle = page.getByTestId('preview-display')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await page.getByTestId('preview-theme').selectOption('Surface')
    await page.getByTestId('preview-add-control').click()
    await page.getByTestId('preview-control-name-0').fill('Region-Control')
    await page.getByTestId('preview-control-value-0').fill('West')
    await page.getByTestId('preview-hide-hide_tooltip').check()
    await expect.poll(() => toggle.getAttribute('data-count')).toBe('3')
    await page.getByTestId('preview-load').click()
    const frame = page.frameLocator('[data-testid="preview-frame"][data-persona="Sales Person"]')
    await frame.getByTestId('sales-table').waitFor()
    await expect.poll(() => frame.locator('html').getAttribute('class')).toContain('ewb-theme-surface')
    expect(await frame.getByTestId('control-Region-Control').inputValue()).toBe('West')
    const log = await page.evaluate(() => window.workbench.listEmulatorRequests({}))
    const last = log.ok ? log.value.at(-1)! : null
    expect(last?.url).toContain(':hide_tooltip=true')
    expect(last?.verdict).toBe('allowed')

    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-display-toggle').click()
    expect(await page.getByTestId('sign-theme').inputValue()).toBe('Surface')
    expect(await page.getByTestId('sign-control-name-0').inputValue()).toBe('Region-Control')
    expect(await page.getByTestId('sign-hide-hide_tooltip').isChecked()).toBe(true)
    // And back: a change on Sign is what the Preview shows.
    await page.getByTestId('sign-theme').selectOption('Dark')
    await page.getByTestId('nav-preview').click()
    await page.getByTestId('preview-display').click()
    expect(await page.getByTestId('preview-theme').inputValue()).toBe('Dark')
  })
})
