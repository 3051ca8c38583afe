/**
 * Issue 17 in the app: a SigV4 credential's signing options in its editor, the runner signing as
 * of a customer's time and presigning a URL, and the verification server judging as of that time,
 * in a real Chromium against the real browser-mode host.
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
  page.setDefaultTimeout(15_000)
  await page.evaluate(() =>
    window.workbench.saveApiCredential({
      name: 'Reports S3',
      baseUrl: 'https://reports.s3.amazonaws.com',
      environment: 'test',
      contentType: 'json',
      headers: [],
      auth: {
        type: 'aws4',
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'reports-secret-7c1d',
        region: 'us-east-1',
        service: 's3'
      }
    })
  )
  await page.getByTestId('nav-connectors').click()
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

describe('SigV4 in the app', () => {
  it('the editor sets the S3 path rule and payload line; they are saved and shown again', async () => {
    await page.getByTestId('tab-credentials').click()
    await page
      .locator('[data-testid="api-credential-row"][data-name="Reports S3"]')
      .getByTestId('open-api-credential')
      .click()
    await page.getByTestId('sigv4-options').waitFor()
    expect(await page.getByTestId('sigv4-path').inputValue()).toBe('normalized')
    await page.getByTestId('sigv4-path').selectOption('as-sent')
    await page.getByTestId('sigv4-payload').selectOption('unsigned')
    await page.keyboard.press('Control+s')
    await page.getByTestId('saved-indicator').waitFor()
    await page.getByTestId('back-to-list').click()
    await page
      .locator('[data-testid="api-credential-row"][data-name="Reports S3"]')
      .getByTestId('open-api-credential')
      .click()
    expect(await page.getByTestId('sigv4-path').inputValue()).toBe('as-sent')
    expect(await page.getByTestId('sigv4-payload').inputValue()).toBe('unsigned')
    await page.getByTestId('back-to-list').click()
  })

  it('the runner signs as of a given time and presigns: the URL carries that X-Amz-Date and the expiry, no Authorization', async () => {
    await page.getByTestId('tab-runner').click()
    await page.getByTestId('runner-credential').selectOption({ label: 'Reports S3 (test)' })
    await page.getByTestId('runner-path').fill('/q3//report.csv')
    await page.getByTestId('runner-sign-at').fill('2026-12-01T09:30:00')
    await page.getByTestId('runner-sign-in').selectOption('query')
    await page.getByTestId('runner-presign-seconds').fill('600')
    await page.getByTestId('runner-preview').click()
    await expect.poll(() => page.getByTestId('runner-result-area').getAttribute('data-state')).toBe('done')
    const expectedDate = await page.evaluate(() =>
      new Date('2026-12-01T09:30:00').toISOString().replace(/[:-]|\.\d{3}/g, '')
    )
    const url = (await page.getByTestId('result-url').textContent()) ?? ''
    expect(url).toContain(`X-Amz-Date=${expectedDate}`)
    expect(url).toContain('X-Amz-Expires=600')
    expect(url).toMatch(/X-Amz-Signature=[0-9a-f]{64}/)
    expect(url).toContain('/q3//report.csv')
    const headers = (await page.getByTestId('result-request-headers').textContent()) ?? ''
    expect(headers).not.toContain('Authorization')
    const canonical = (await page.getByTestId('signing-canonical-request').textContent()) ?? ''
    expect(canonical).toContain('/q3//report.csv')
    expect(canonical).toContain('UNSIGNED-PAYLOAD')
    // Out of range: said beside the field.
    await page.getByTestId('runner-presign-seconds').fill('999999')
    expect(await page.getByTestId('runner-presign-seconds').getAttribute('aria-invalid')).toBe('true')
    await page.getByTestId('runner-presign-seconds').fill('600')
    // The form survives a visit elsewhere.
    await page.getByTestId('nav-evidence').click()
    await page.getByTestId('nav-connectors').click()
    await page.getByTestId('tab-runner').click()
    expect(await page.getByTestId('runner-sign-at').inputValue()).toMatch(/^2026-12-01T09:30(:00)?$/)
    expect(await page.getByTestId('runner-sign-in').inputValue()).toBe('query')
  })

  it('the verification server judges as of a given time, and says so', async () => {
    await page.getByTestId('tab-verify').click()
    await page.getByTestId('verify-as-of').fill('2026-12-01T09:30:20')
    await page.getByTestId('verify-start').click()
    await expect.poll(() => page.getByTestId('verify-judged-as-of').textContent()).toMatch(/^2026-12-01T\d\d:30:20Z$/)
  })
})
