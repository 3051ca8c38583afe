/**
 * The smaller defects a new solutions engineer met on a first morning (issue 14), each as the
 * user meets it, in Chromium against the real browser-mode host: the vault form after a
 * mismatch, Ctrl+N, the People table's switch, Regenerate on an imported credential, long names,
 * the upload icon, and a fix that cited a command-line flag on a screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { E2E_PASSPHRASE, importCustomerCredential, launchChromium, startHost, type RunningHost } from './harness'
import { CLIENT_ID, SECRET } from '../fixtures/embed'

let host: RunningHost
let browser: Browser
let page: Page

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  await page.goto(host.launchUrl)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

describe('a first morning', () => {
  it('a confirmation that differs asks for the confirmation again and keeps the passphrase', async () => {
    await page.getByTestId('passphrase').fill(E2E_PASSPHRASE)
    await page.getByTestId('confirmation').fill(`${E2E_PASSPHRASE}!`)
    await page.getByTestId('create-vault').click()
    await expect.poll(() => page.getByTestId('error-confirmation').textContent()).toMatch(/differ/)
    expect(await page.getByTestId('passphrase').inputValue()).toBe(E2E_PASSPHRASE)
    expect(await page.getByTestId('confirmation').inputValue()).toBe('')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirmation')
    await page.getByTestId('confirmation').fill(E2E_PASSPHRASE)
    await page.getByTestId('create-vault').click()
    await page.getByTestId('credentials-screen').waitFor()
  })

  it('Ctrl+N makes a new credential on Credentials, and on another screen does not move the user', async () => {
    await page.getByTestId('nav-sign').click()
    await expect.poll(() => page.getByTestId('nav-sign').getAttribute('aria-current')).toBe('page')
    await page.keyboard.press('Control+n')
    await page.waitForTimeout(300)
    expect(await page.getByTestId('nav-sign').getAttribute('aria-current')).toBe('page')
    expect(await page.getByTestId('new-credential-dialog').count()).toBe(0)
    await page.getByTestId('nav-credentials').click()
    await page.getByTestId('credentials-screen').waitFor()
    await page.keyboard.press('Control+n')
    await page.getByTestId('new-credential-dialog').waitFor()
    const longName = 'Staging embed for the customer success team in EMEA (west region) 2026'
    await page.getByTestId('credential-name').fill(longName)
    await page.getByTestId('submit').click()
    await page.getByTestId('close-reveal').click()
    // A long name is cut on screen, and says itself in full on hover.
    const name = page.locator(`[data-testid="credential-row"][data-name="${longName}"] .credential-name`)
    expect(await name.getAttribute('title')).toBe(longName)
  })

  it("an imported customer credential offers no Regenerate (only the customer's org can); one made here does", async () => {
    await importCustomerCredential(page, 'Customer prod', CLIENT_ID, SECRET)
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('nav-credentials').click()
    const row = (name: string) => page.locator(`[data-testid="credential-row"][data-name="${name}"]`)
    await row('Customer prod').waitFor()
    expect(await row('Customer prod').getByTestId('regenerate').count()).toBe(0)
    expect(await row('Customer prod').getByTestId('revoke').count()).toBe(1)
    expect(
      await page.locator('[data-testid="credential-row"][data-status="active"]').getByTestId('regenerate').count()
    ).toBe(1)
  })

  it('the People table says No under "Deactivated" for an active user, Yes once deactivated', async () => {
    await page.getByTestId('nav-emulator').click()
    const first = page.getByTestId('person-row').first()
    await first.waitFor()
    const toggle = first.getByTestId('deactivate-toggle')
    expect(await first.locator('.switch').textContent()).toBe('No')
    await toggle.click({ force: true })
    await expect.poll(() => first.locator('.switch').textContent(), { timeout: 5000 }).toBe('Yes')
    await toggle.click({ force: true })
    await expect.poll(() => first.locator('.switch').textContent(), { timeout: 5000 }).toBe('No')
  })

  it("a certificate's Upload button shows an upload icon, not a download one", async () => {
    await page.getByTestId('nav-certificates').click()
    await page.getByTestId('empty-new-certificate').click()
    const icons = await page
      .locator('.file-pick-button svg')
      .evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('data-icon')))
    expect(icons.length).toBeGreaterThan(0)
    expect(new Set(icons)).toEqual(new Set(['upload']))
    await page.getByTestId('back-to-list').click()
  })

  it('a fix on a screen names the screen, not a command-line flag', async () => {
    await page.getByTestId('nav-inspector').click()
    const unknown =
      'https://app.sigmacomputing.com/embed/1-x?:nonce=n1&:email=a%40b.c&:external_user_id=a&:client_id=0000000000000000000000000000000000000000000000000000000000000000&:time=1700000000&:session_length=600&:mode=userbacked&:external_user_team=T&:signature=' +
      'ab'.repeat(32)
    await page.getByTestId('inspect-input').fill(unknown)
    await page.getByTestId('inspect-button').click()
    await page.getByTestId('finding').first().waitFor()
    const text = await page.getByTestId('inspector-screen').textContent()
    expect(text).toMatch(/Credentials screen/)
    expect(text).not.toMatch(/--secret-env|--allow-parent|--secret-file/)
  })

  it('work survives navigation: a signed result, the runner request, the Preview event history; locking the vault drops it', async () => {
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-embed-path').fill('https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn')
    await page.getByTestId('sign-button').click()
    const url = await page.getByTestId('signed-url').textContent()
    expect(url).toMatch(/:signature=/)

    const saved = await page.evaluate(() =>
      window.workbench.saveApiCredential({
        name: 'Orders API',
        baseUrl: 'https://orders.example.com',
        environment: 'test',
        contentType: 'json',
        auth: { type: 'none' }
      })
    )
    expect(saved.ok).toBe(true)
    await page.getByTestId('nav-connectors').click()
    await page.getByTestId('tab-runner').click()
    await page.getByTestId('runner-method').selectOption('POST')
    await page.getByTestId('runner-path').fill('/orders?status=open')

    await page.getByTestId('nav-preview').click()
    await page.getByTestId('preview-load').click()
    await expect.poll(() => page.locator('[data-testid="event-row"][data-type="workbook:loaded"]').count()).toBe(1)

    await page.getByTestId('nav-settings').click()
    await page.getByTestId('nav-sign').click()
    expect(await page.getByTestId('signed-url').textContent()).toBe(url)
    await page.getByTestId('nav-connectors').click()
    await page.getByTestId('tab-runner').click()
    expect(await page.getByTestId('runner-path').inputValue()).toBe('/orders?status=open')
    expect(await page.getByTestId('runner-method').inputValue()).toBe('POST')
    await page.getByTestId('nav-preview').click()
    // The screen mounts after the click: its kept history is on its first render, not before it.
    await page.getByTestId('preview-bar').waitFor()
    await expect.poll(() => page.locator('[data-testid="event-row"][data-type="workbook:loaded"]').count()).toBe(1)

    await page.getByTestId('lock-vault').click()
    await page.getByTestId('passphrase').fill(E2E_PASSPHRASE)
    await page.getByTestId('unlock').click()
    await page.getByTestId('nav-sign').click()
    await page.getByTestId('sign-placeholder').waitFor()
    expect(await page.getByTestId('signed-url').count()).toBe(0)
  })
})

describe('a 1024 x 700 screen', () => {
  it('the sidebar starts as a rail of named icons, Ctrl+B or its button expands it (remembered), and a wide table shows its scrollbar', async () => {
    const small = await (await browser.newContext({ viewport: { width: 1024, height: 700 } })).newPage()
    // (The vault is open already: the main process is the one the other window unlocked.)
    await small.goto(host.launchUrl)
    await small.getByTestId('credentials-screen').waitFor()
    const app = small.locator('.app')
    expect(await app.getAttribute('data-sidebar')).toBe('collapsed')
    const sidebarWidth = () => small.locator('.sidebar').evaluate((el) => el.getBoundingClientRect().width)
    expect(await sidebarWidth()).toBeLessThan(60)
    // Each icon keeps its name for a screen reader.
    expect(await small.getByRole('button', { name: 'Preview', exact: true }).count()).toBe(1)
    await small.keyboard.press('Control+b')
    expect(await app.getAttribute('data-sidebar')).toBe('expanded')
    expect(await sidebarWidth()).toBeGreaterThan(200)
    await small.getByTestId('sidebar-toggle').click()
    expect(await app.getAttribute('data-sidebar')).toBe('collapsed')
    await small.getByTestId('sidebar-toggle').click()
    await small.reload()
    await small.getByTestId('credentials-screen').waitFor()
    expect(await app.getAttribute('data-sidebar')).toBe('expanded')

    // The credentials table is wider than the screen here: it scrolls sideways with a scrollbar.
    const wrap = small.locator('.table-wrap').first()
    const sizes = await wrap.evaluate((el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      bar: (el as HTMLElement).offsetHeight - el.clientHeight,
      style: getComputedStyle(el).scrollbarWidth
    }))
    expect(sizes.style).toBe('thin')
    expect(sizes.scrolls).toBe(true)
    expect(sizes.bar).toBeGreaterThan(0)
    await small.context().close()
  })
})
