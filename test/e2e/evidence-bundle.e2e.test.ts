/**
 * Issue 15's "Done when", on the screen: a HAR with a refresh (one URL loaded twice) is imported,
 * the reuse is named; "Export repro bundle" saves a file with no secret, signature or cookie in
 * it; a colleague's app on a fresh data folder opens that file and sees the same findings, signed
 * again with a sandbox credential.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, openAppWithCredential, startHost, type RunningHost } from './harness'
import { apiAnswer, entry, har, nowSeconds, pickHar, signThroughApp } from './evidence-har'

let mine: RunningHost
let colleagues: RunningHost
let browser: Browser
let page: Page
let other: Page

beforeAll(async () => {
  mine = await startHost()
  colleagues = await startHost()
  browser = await launchChromium()
  page = await openAppWithCredential(browser, mine, { width: 1440, height: 900 })
  other = await openAppWithCredential(browser, colleagues, { width: 1440, height: 900 })
  page.setDefaultTimeout(15_000)
  other.setDefaultTimeout(15_000)
})

afterAll(async () => {
  await browser?.close()
  await mine?.stop()
  await colleagues?.stop()
})

let bundlePath = ''
let first = ''

describe('a repro bundle, exported and opened elsewhere', () => {
  it('exports the report without the secret, the signatures or the cookies, and lists what it removed', async () => {
    first = await signThroughApp(page, 'Sales Manager')
    const second = await signThroughApp(page, 'Sales Person')
    const at = nowSeconds()
    const text = har([
      { ...entry({ at, url: first, headers: { 'Set-Cookie': 'session=s3cr3t-cookie' } }) },
      apiAnswer(at + 2, second),
      entry({ at: at + 3, url: second.replace('&:signature=', '&:theme=Dark&:signature=') }),
      entry({ at: at + 9, url: first, status: 403 })
    ])
    await page.getByTestId('nav-evidence').click()
    await pickHar(page, text)
    await page.getByTestId('evidence-report').waitFor()
    const reuse = page.locator('[data-testid="har-row"][data-index="3"]')
    expect(await reuse.getAttribute('data-verdict')).toBe('error')

    const download = page.waitForEvent('download')
    await page.getByTestId('evidence-export-bundle').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('customer.repro.json')
    bundlePath = await file.path()
    const saved = readFileSync(bundlePath, 'utf8')
    for (const url of [first, second]) {
      const signature = /:signature=([0-9a-f]{64})/.exec(url)![1]!
      expect(saved).not.toContain(signature)
      expect(saved).not.toContain(/:client_id=([0-9a-f]{64})/.exec(url)![1]!)
    }
    expect(saved).not.toContain('s3cr3t-cookie')
    await page.getByTestId('evidence-bundle-saved').waitFor()
    expect(await page.getByTestId('evidence-bundle-removed').textContent()).toContain('signature (:signature)')
  })

  it('opens on a colleague’s fresh data folder with the same findings: the reuse and the parameter added after signing', async () => {
    await other.getByTestId('nav-evidence').click()
    await other.setInputFiles('[data-testid=evidence-bundle-input]', bundlePath)
    await other.getByTestId('evidence-repro').waitFor()
    expect(await other.getByTestId('evidence-repro-verdict').textContent()).toContain(
      'Every request’s findings came back'
    )
    expect(await other.getByTestId('har-credentials').textContent()).toContain('sandbox credential')
    const reused = other.locator('[data-testid="har-sequence-item"][data-code="NONCE_REUSED"]')
    await reused.waitFor()
    const codes = await other
      .locator('[data-testid="har-row"][data-index="2"] [data-testid="har-finding-chip"]')
      .evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-code')))
    expect(codes).toContain('URL_CHANGED_IN_TRANSIT')
    expect(await other.locator('[data-testid="har-row"][data-index="3"]').getAttribute('data-verdict')).toBe('error')
    // There is nothing to export from a bundle's report (it is already one).
    expect(await other.getByTestId('evidence-export-bundle').count()).toBe(0)
  })

  it('a file that is not a bundle says so where the user looks', async () => {
    await other.getByTestId('evidence-close').click()
    await other.setInputFiles('[data-testid=evidence-bundle-input]', {
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello":1}')
    })
    await other.getByTestId('evidence-error').waitFor()
    expect(await other.getByTestId('evidence-error').textContent()).toContain('not a repro bundle')
  })
})
