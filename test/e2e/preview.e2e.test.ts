/**
 * The preview as a user meets it, in Chromium against the real browser-mode host and its emulator:
 * persona switch loads the frame under another user, events show in the console (in and out), the
 * request log shows the verdicts, and the persona matrix loads two personas side by side.
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
  page = await openAppWithCredential(browser, host, { width: 1400, height: 900 })
  await page.getByTestId('nav-preview').click()
  await page.getByTestId('preview-screen').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

const frameOf = (persona: string) => page.frameLocator(`[data-testid="preview-frame"][data-persona="${persona}"]`)
const eventTypes = (direction: 'in' | 'out') =>
  page
    .locator(`[data-testid="event-row"][data-direction="${direction}"]`)
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')))

describe('preview against the emulator', () => {
  it('loads the workbook as the Sales Manager (Creator): edit controls, and its events in the console', async () => {
    await page.locator('[data-testid="persona-tab"][data-name="Sales Manager"]').click()
    await page.getByTestId('preview-load').click()
    await frameOf('Sales Manager').getByTestId('sales-table').waitFor()
    expect(await frameOf('Sales Manager').getByTestId('action-edit').count()).toBe(1)
    await expect
      .poll(() => eventTypes('in'))
      .toEqual(expect.arrayContaining(['workbook:loaded', 'workbook:dataloaded']))
  })

  it('switching persona loads the Sales Person (Viewer) with no edit controls', async () => {
    await page.locator('[data-testid="persona-tab"][data-name="Sales Person"]').click()
    await frameOf('Sales Person').getByTestId('sales-table').waitFor()
    expect(await frameOf('Sales Person').getByTestId('action-edit').count()).toBe(0)
    expect(await frameOf('Sales Person').getByTestId('embed-user').textContent()).toContain('sales.person@example.com')
  })

  it('an inbound event sent from the form reaches the frame and its answer shows in the console', async () => {
    await page.getByTestId('panel-tab-events').click()
    await page.getByTestId('send-event-payload').fill(JSON.stringify({ variables: { 'Region-Control': 'East' } }))
    await page.getByTestId('send-event-button').click()
    await expect.poll(() => eventTypes('out')).toContain('workbook:variables:update')
    await expect.poll(() => eventTypes('in')).toContain('workbook:variables:onchange')
    const regions = await frameOf('Sales Person')
      .getByTestId('sales-row')
      .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-region')))])
    expect(regions).toEqual(['East'])
  })

  it('every SDK mutation is offered with an example and answered; a type the SDK does not define is marked ignored', async () => {
    const offered = await page
      .getByTestId('send-event-type')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    expect(offered).toEqual(
      expect.arrayContaining(['workbook:bookmark:create', 'workbook:fullscreen:update', 'workbook:sharinglink:update'])
    )
    await page.getByTestId('send-event-type').selectOption('workbook:fullscreen:update')
    await page.getByTestId('send-event-payload').fill(JSON.stringify({ nodeId: 'RevenueByRegion' }))
    await page.getByTestId('send-event-button').click()
    await expect.poll(() => eventTypes('in')).toContain('workbook:fullscreen:onchange')
    await page.getByTestId('send-event-type').selectOption('custom')
    await page.getByTestId('send-event-custom-type').fill('workbook:made:up')
    await page.getByTestId('send-event-payload').fill('{}')
    await page.getByTestId('send-event-button').click()
    const row = page.locator('[data-testid="event-row"][data-direction="out"][data-type="workbook:made:up"]')
    await row.waitFor()
    expect(await row.getByTestId('event-ignored').count()).toBe(1)
    const known = page.locator(
      '[data-testid="event-row"][data-direction="out"][data-type="workbook:fullscreen:update"]'
    )
    expect(await known.getByTestId('event-ignored').count()).toBe(0)
  })

  it('frames are sandboxed, and a message that is not from the frame is ignored, not logged', async () => {
    const sandbox = (await page.locator('[data-testid="preview-frame"]').first().getAttribute('sandbox'))!
    expect(sandbox).toContain('allow-scripts')
    expect(sandbox).not.toMatch(/allow-top-navigation|allow-popups-to-escape-sandbox|allow-modals/)
    const before = await page.locator('[data-testid="event-row"][data-type="workbook:error"]').count()
    // A forged workbook:error posted by another window (here the app page itself) must not count.
    await page.evaluate(() => window.postMessage({ type: 'workbook:error', code: 'EACCES', message: 'forged' }, '*'))
    await expect
      .poll(async () => Number(await page.getByTestId('events-ignored').getAttribute('data-count')))
      .toBeGreaterThan(0)
    expect(await page.locator('[data-testid="event-row"][data-type="workbook:error"]').count()).toBe(before)
  })

  it('the request log shows each load as allowed, with the signature redacted', async () => {
    await page.getByTestId('panel-tab-requests').click()
    await expect
      .poll(() => page.locator('[data-testid="request-row"][data-verdict="allowed"]').count())
      .toBeGreaterThanOrEqual(2)
    const urls = await page.getByTestId('request-url').allTextContents()
    for (const url of urls) expect(url).not.toMatch(/signature=[0-9a-f]{64}/)
  })

  it('a refused request opens in the Inspector with the findings the log shows, the signature still redacted', async () => {
    const status = await page.evaluate(() => window.workbench.getEmulator({}))
    const base = status.ok ? status.value.baseUrl! : ''
    const forged = `${base}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn?:nonce=n-${Date.now()}&:client_id=${'c'.repeat(64)}&:email=eve@example.com&:external_user_id=eve&:external_user_team=Sales_People&:mode=userbacked&:session_length=600&:time=${Math.floor(Date.now() / 1000)}&:signature=${'ab'.repeat(32)}`
    expect((await fetch(forged)).status).toBe(403)
    const row = page.locator('[data-testid="request-row"][data-verdict="refused"]').last()
    await row.waitFor()
    await row.locator('button.request-summary').click()
    const logged = await row
      .locator('[data-testid="request-findings"] [data-testid="finding"]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))
    expect(logged.length).toBeGreaterThan(0)
    await row.getByTestId('request-open-inspector').click()
    await page.getByTestId('inspect-judged').waitFor()
    expect(await page.getByTestId('inspect-judged').textContent()).toMatch(/403 refused/)
    const inspected = await page
      .locator('[data-testid="inspect-result"] [data-testid="findings"] [data-testid="finding"]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))
    expect(inspected).toEqual(logged)
    const signature = page.locator('[data-testid="inspect-param"][data-name=":signature"]')
    expect(await signature.textContent()).toMatch(/abab…/)
    expect(await signature.textContent()).not.toMatch(/(ab){8}/)
    // Editing the URL leaves the emulator's verdict: the inspector judges the text anew.
    await page.getByTestId('inspect-input').press('End')
    await page.getByTestId('inspect-input').pressSequentially('&x=1')
    await expect.poll(() => page.getByTestId('inspect-judged').count()).toBe(0)
    await page.getByTestId('nav-preview').click()
    await page.getByTestId('preview-screen').waitFor()
  })

  it('the persona matrix loads two personas side by side, each under its own identity', async () => {
    await page.getByTestId('preview-matrix-toggle').click()
    for (const name of ['Sales Manager', 'Sales Person']) {
      const box = page.locator(`[data-testid="matrix-persona"][data-name="${name}"]`)
      if (!(await box.isChecked())) await box.check()
    }
    await page.getByTestId('preview-load').click()
    const manager = page.frameLocator('[data-testid="matrix-frame"][data-persona="Sales Manager"]')
    const person = page.frameLocator('[data-testid="matrix-frame"][data-persona="Sales Person"]')
    await manager.getByTestId('sales-table').waitFor()
    await person.getByTestId('sales-table').waitFor()
    expect(await manager.getByTestId('action-edit').count()).toBe(1)
    expect(await person.getByTestId('action-edit').count()).toBe(0)
  })

  it('on the Emulator screen a team can be added, and removing a shared team is refused where the user looks', async () => {
    await page.getByTestId('nav-emulator').click()
    await page.getByTestId('team-add-input').fill('Finance')
    await page.getByTestId('team-add').click()
    await page.locator('[data-testid="team-row"][data-name="Finance"]').waitFor()
    await page.locator('[data-testid="team-row"][data-name="Sales_People"]').getByTestId('team-remove').click()
    await expect.poll(() => page.getByTestId('error-teams').textContent()).toContain('still shared')
    expect(await page.locator('[data-testid="team-row"][data-name="Sales_People"]').count()).toBe(1)
  })

  it('the license model picks which default account types the org has; the grid follows and the choice is kept', async () => {
    const defaults = () =>
      page
        .locator('[data-testid="account-type-default-row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))
    expect(await defaults()).toEqual(
      expect.arrayContaining(['Viewer', 'Creator', 'Lite', 'Essential', 'Pro', 'View', 'Act', 'Analyze', 'Build'])
    )
    await page.getByTestId('emulator-license-model').selectOption('view-act-analyze-build')
    await expect.poll(defaults).toEqual(['View', 'Act', 'Analyze', 'Build', 'Admin'])
    const status = await page.evaluate(() => window.workbench.getEmulator({}))
    expect(status.ok && status.value.settings.licenseModel).toBe('view-act-analyze-build')
    await page.getByTestId('emulator-license-model').selectOption('all')
    await expect.poll(async () => (await defaults()).length).toBe(10)
  })
  it('version tags: add one at an older version, re-point it, publish a version, and a refusal shows under the table', async () => {
    const row = (name: string) => page.locator(`[data-testid="tag-row"][data-name="${name}"]`)
    await page.getByTestId('tag-add-input').fill('qa')
    await page.getByTestId('tag-add-version').selectOption('1')
    await page.getByTestId('tag-add').click()
    await expect.poll(() => row('qa').getAttribute('data-version')).toBe('1')
    await row('qa').getByTestId('tag-version').selectOption('2')
    await expect.poll(() => row('qa').getAttribute('data-version')).toBe('2')
    await page.getByTestId('publish-version').click()
    await expect.poll(() => page.getByTestId('publish-version').textContent()).toContain('Publish version 5')
    const status = await page.evaluate(() => window.workbench.getEmulator({}))
    expect(status.ok && status.value.workbooks[0]!.latestVersion).toBe(4)
    await page.getByTestId('tag-add-input').fill('my tag')
    await page.getByTestId('tag-add').click()
    await expect.poll(() => page.getByTestId('error-tags').textContent()).toContain('URL path')
    expect(await page.getByTestId('tag-add-input').inputValue()).toBe('my tag')
    await row('qa').getByTestId('tag-remove').click()
    await expect.poll(() => row('qa').count()).toBe(0)
  })

  it('serve as the real host from the Emulator screen: the front starts, shows its CA and the browser line; a bad parent is refused at the field', async () => {
    await page.getByTestId('emulator-serve-as-origins').fill('https://app.sigmacomputing.com')
    await page.getByTestId('emulator-serve-as-origins-save').click()
    await page.getByTestId('emulator-front').waitFor()
    const status = await page.evaluate(() => window.workbench.getEmulator({}))
    const front = status.ok ? status.value.front! : null
    expect(front?.origins).toEqual(['https://app.sigmacomputing.com'])
    expect(await page.getByTestId('emulator-ca-spki').textContent()).toBe(front!.caSpki)
    expect(await page.getByTestId('emulator-chromium-command').textContent()).toContain(
      `--host-resolver-rules=MAP app.sigmacomputing.com 127.0.0.1:${front!.port}`
    )
    await page.getByTestId('isolated-browser-url').fill('javascript:alert(1)')
    await page.getByTestId('isolated-browser-open').click()
    await expect.poll(() => page.getByTestId('isolated-browser-result').textContent()).toMatch(/not a page address/)
    // Browser mode has no windows of its own: it says so, and points at the isolated browser.
    await page.getByTestId('isolated-browser-url').fill('http://localhost:3000')
    await page.getByTestId('customer-app-open').click()
    await expect.poll(() => page.getByTestId('isolated-browser-result').textContent()).toMatch(/desktop app only/)
    await page.getByTestId('emulator-allowed-parents').fill('customer staging')
    await page.getByTestId('emulator-allowed-parents-save').click()
    await expect.poll(() => page.locator('#emulator-allowed-parents-error').textContent()).toMatch(/is not an origin/)
    await page.getByTestId('emulator-serve-as-origins').fill('')
    await page.getByTestId('emulator-serve-as-origins-save').click()
    await page.getByTestId('emulator-front-off').waitFor()
  })

  it("a desktop customer-app window's messages show in the Preview's console, and the form sends to its embed", async () => {
    // Browser mode opens no such window: main's two answers are routed here as the desktop app
    // gives them (the relay behind them is tested with the SDK in sdk-parent.e2e.test.ts).
    const at = Date.now()
    const message = (id: number, direction: 'in' | 'out', data: Record<string, unknown>) => ({
      id,
      at,
      direction,
      type: data['type'],
      json: JSON.stringify(data),
      truncated: false,
      parent: 'http://localhost:3000',
      embed: 'https://app.sigmacomputing.com'
    })
    const posted: unknown[] = []
    await page.route('**/__bridge/listCustomerAppMessages', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          ok: true,
          value: {
            windows: 1,
            messages: [
              message(1, 'in', { type: 'workbook:loaded', workbook: { variables: {} } }),
              message(2, 'out', { type: 'workbook:variables:update', variables: { 'Region-Control': 'East' } }),
              message(3, 'in', { type: 'workbook:error', code: 'EINVAL', message: 'Invalid embed request.' })
            ].filter((m) => m.id > (JSON.parse(route.request().postData() ?? '{}').sinceId ?? 0))
          }
        })
      })
    )
    await page.route('**/__bridge/postToCustomerApp', (route) => {
      posted.push(JSON.parse(route.request().postData() ?? 'null'))
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: true, value: { windows: 1 } })
      })
    })
    await page.getByTestId('nav-preview').click()
    await page.getByTestId('panel-tab-events').click()
    const customerRows = page.locator('[data-testid="event-row"][data-frame="Customer app · localhost:3000"]')
    await expect.poll(() => customerRows.count(), { timeout: 8000 }).toBe(3)
    expect(
      await customerRows.evaluateAll((rows) => rows.map((r) => `${r.dataset['direction']} ${r.dataset['type']}`))
    ).toEqual(['in workbook:loaded', 'out workbook:variables:update', 'in workbook:error'])
    expect(await customerRows.last().getAttribute('class')).toContain('is-error')
    expect(await customerRows.first().locator('.preview-event-frame').textContent()).toBe(
      'Customer app · localhost:3000'
    )
    // Polled again: nothing is shown twice.
    await page.waitForTimeout(1500)
    expect(await customerRows.count()).toBe(3)

    await page.getByTestId('send-event-type').selectOption('workbook:variables:list')
    await page.getByTestId('send-event-payload').fill('{}')
    const to = page.getByTestId('send-event-to')
    if (await to.count()) await to.selectOption({ label: 'Customer app window' })
    await page.getByTestId('send-event-button').click()
    await expect.poll(() => posted).toEqual([{ message: { type: 'workbook:variables:list' } }])
    await page.unroute('**/__bridge/listCustomerAppMessages')
    await page.unroute('**/__bridge/postToCustomerApp')
  })
})
