/**
 * The HAR evidence screen as a solutions engineer meets it with a customer's file, in Chromium
 * against the real browser-mode host: the file read in slices with progress and cancel, every embed
 * request on a timeline with its verdict, what only the sequence shows, one row in detail with the
 * inspector's view of it, two rows compared, and the report kept while the user is elsewhere. The
 * HARs are built around URLs the app itself signed, so their signatures verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, openAppWithCredential, startHost, type RunningHost } from './harness'
import { apiAnswer, entry, har, largeHar, nowSeconds, pickHar, signThroughApp } from './evidence-har'

let host: RunningHost
let browser: Browser
let page: Page

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  page = await openAppWithCredential(browser, host, { width: 1440, height: 900 })
  page.setDefaultTimeout(15_000)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

const rows = () => page.getByTestId('har-row')
const row = (index: number) => page.locator(`[data-testid="har-row"][data-index="${index}"]`)
const attributes = (name: string) =>
  rows().evaluateAll((items, attribute) => items.map((item) => item.getAttribute(attribute)), name)
const chips = (index: number) =>
  row(index)
    .getByTestId('har-finding-chip')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-code')))

/** Picks the HAR and waits for its report (a new file replaces the one on screen). */
async function load(text: string, name = 'customer.har') {
  await pickHar(page, text, name)
  await page.locator(`[data-testid="evidence-report"] [data-testid="har-file-name"][title="${name}"]`).waitFor()
}

describe('the Evidence screen', () => {
  it('is in the sidebar and opens on a drop zone with a real file input and how to get a HAR', async () => {
    await page.getByTestId('nav-evidence').click()
    await page.getByTestId('evidence-drop').waitFor()
    const input = page.getByTestId('evidence-file-input')
    expect(await input.getAttribute('type')).toBe('file')
    expect(await input.getAttribute('accept')).toBe('.har,application/json')
    const how = (await page.getByTestId('evidence-how').textContent()) ?? ''
    for (const browserName of ['Chrome', 'Edge', 'Firefox', 'Safari']) expect(how).toContain(browserName)
    expect(await page.getByTestId('evidence-report').count()).toBe(0)
  })

  it('a clean load is ok, its signature checked with the stored credential', async () => {
    const signed = await signThroughApp(page)
    await load(har([entry({ at: nowSeconds(), url: signed })]), 'clean.har')
    expect(await rows().count()).toBe(1)
    expect(await row(0).getAttribute('data-verdict')).toBe('ok')
    expect(await row(0).getAttribute('data-kind')).toBe('embed-url')
    expect(await row(0).getByTestId('har-signature').textContent()).toBe('valid')
    expect(await page.getByTestId('har-credentials').getAttribute('data-tried')).toBe('1')
    expect(await page.getByTestId('har-sequence').count()).toBe(0)
  })
})

describe('a customer HAR with a refresh and a URL changed on its way to the iframe', () => {
  let first: string
  let second: string

  beforeAll(async () => {
    first = await signThroughApp(page, 'Sales Manager')
    second = await signThroughApp(page, 'Sales Manager')
    expect(second).toContain(':account_type=Creator')
    const at = nowSeconds()
    const changed = second.replace(':account_type=Creator', ':account_type=Viewer')
    await load(
      har([
        entry({ at, url: first }),
        apiAnswer(at + 2, second),
        entry({ at: at + 3, url: changed }),
        entry({ at: at + 5, url: first })
      ])
    )
  })

  it('the same URL loaded twice: the second load is an error with NONCE_REUSED, and the sequence names both', async () => {
    expect(await attributes('data-index')).toEqual(['0', '1', '2', '3'])
    expect(await attributes('data-kind')).toEqual(['embed-url', 'api-response', 'embed-url', 'embed-url'])
    expect(await row(0).getAttribute('data-verdict')).toBe('ok')
    expect(await row(3).getAttribute('data-verdict')).toBe('error')
    expect(await chips(3)).toContain('NONCE_REUSED')
    const reused = page.locator('[data-testid="har-sequence-item"][data-code="NONCE_REUSED"]')
    const named = await reused
      .getByTestId('har-sequence-entry')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-index')))
    expect(named).toEqual(['0', '3'])
    // Each entry it names is a button to its row.
    await reused.locator('[data-testid="har-sequence-entry"][data-index="0"]').click()
    await expect.poll(() => row(0).getAttribute('aria-current')).toBe('true')
    expect(await page.getByTestId('har-detail').getAttribute('data-index')).toBe('0')
  })

  it('a URL changed between the embed API’s JSON body and the iframe: URL_CHANGED_IN_TRANSIT on the load', async () => {
    expect(await row(1).getAttribute('data-verdict')).toBe('ok')
    expect(await row(2).getAttribute('data-verdict')).toBe('error')
    expect(await chips(2)).toContain('URL_CHANGED_IN_TRANSIT')
    const changed = page.locator('[data-testid="har-sequence-item"][data-code="URL_CHANGED_IN_TRANSIT"]')
    expect(await changed.getAttribute('data-entries')).toBe('2 1')
    expect(await changed.textContent()).toContain(':account_type changed')
  })

  it('the filter shows only the errors, with the counts on its segments', async () => {
    expect(await page.getByTestId('har-filter').textContent()).toContain('Errors 2')
    await page.getByTestId('har-filter-error').click()
    await expect.poll(attributes.bind(null, 'data-index')).toEqual(['2', '3'])
    expect(new Set(await attributes('data-verdict'))).toEqual(new Set(['error']))
    await page.getByTestId('har-filter-ok').click()
    await expect.poll(attributes.bind(null, 'data-verdict')).toEqual(['ok', 'ok'])
    await page.getByTestId('har-filter-all').click()
    await expect.poll(() => rows().count()).toBe(4)
  })

  it('arrow keys move the selection, Enter opens the detail: the finding’s fix and the inspector’s parameters', async () => {
    await row(0).getByTestId('har-row-open').focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => row(2).getAttribute('aria-current')).toBe('true')
    expect(await row(0).getAttribute('aria-current')).toBeNull()
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('har-detail')
    await expect.poll(() => detail.getAttribute('data-index')).toBe('2')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('evidence-detail-title')
    const finding = detail.locator('[data-testid="finding"][data-code="URL_CHANGED_IN_TRANSIT"]')
    expect(await finding.getByTestId('finding-fix').textContent()).toMatch(/^Fix: \S/)
    // The inspector's own view of the embed, as of the request's time.
    const param = detail.locator('[data-testid="inspect-param"][data-name=":account_type"]')
    await param.waitFor()
    expect(await param.textContent()).toContain('Viewer')
    expect(await detail.getByTestId('signature-status').getAttribute('data-status')).toBe('invalid')
    expect(await detail.locator('[data-testid="inspect-param"][data-name=":nonce"]').count()).toBe(1)
    // ArrowUp goes back; Home and End go to the ends.
    await row(2).getByTestId('har-row-open').focus()
    await page.keyboard.press('End')
    await expect.poll(() => row(3).getAttribute('aria-current')).toBe('true')
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => row(2).getAttribute('aria-current')).toBe('true')
  })

  it('two rows compared: the diff of their embeds names the changed parameter', async () => {
    await row(1).getByTestId('har-compare').check()
    await row(2).getByTestId('har-compare').check()
    const diff = page.getByTestId('har-diff')
    await diff.waitFor()
    const changed = diff.locator('[data-testid="diff-row"][data-name=":account_type"]')
    await changed.waitFor()
    expect(await changed.getAttribute('data-status')).toBe('changed')
    expect(await changed.textContent()).toContain('Creator')
    expect(await changed.textContent()).toContain('Viewer')
    // Unchanged parameters are left out until asked for.
    expect(await diff.locator('[data-testid="diff-row"][data-status="same"]').count()).toBe(0)
    // The detail is one tab away; a third row replaces the oldest pick.
    await page.getByTestId('har-pane-detail').click()
    await expect.poll(() => page.getByTestId('har-detail').getAttribute('data-index')).toBe('2')
    await row(3).click({ modifiers: ['Shift'] })
    await diff.waitFor()
    expect(await row(1).getByTestId('har-compare').isChecked()).toBe(false)
    expect(await row(3).getByTestId('har-compare').isChecked()).toBe(true)
    await page.getByTestId('har-diff-close').click()
    await page.getByTestId('har-detail').waitFor()
  })

  it('the report and the selected row survive going to another screen and back; Open in Inspector hands the embed over', async () => {
    await row(2).click()
    await expect.poll(() => page.getByTestId('har-detail').getAttribute('data-index')).toBe('2')
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-screen').waitFor()
    await page.getByTestId('nav-evidence').click()
    await page.getByTestId('evidence-report').waitFor()
    expect(await rows().count()).toBe(4)
    expect(await row(2).getAttribute('aria-current')).toBe('true')
    expect(await page.getByTestId('har-detail').getAttribute('data-index')).toBe('2')

    const embed = (await page.getByTestId('har-embed').textContent())!
    await page.getByTestId('har-open-inspector').click()
    await page.getByTestId('inspector-screen').waitFor()
    expect(await page.getByTestId('inspect-input').inputValue()).toBe(embed)
    await page.getByTestId('nav-evidence').click()
    await expect.poll(() => row(2).getAttribute('aria-current')).toBe('true')
  })
})

describe('files that are not what they should be', () => {
  it('a file cut short: HAR_TRUNCATED, and the rows before the cut', async () => {
    const signed = await signThroughApp(page)
    const at = nowSeconds()
    const whole = har([
      entry({ at, url: signed }),
      entry({ at: at + 1, url: 'https://customer.example.com/app.js', body: 'console.log(1)' })
    ])
    const cut = whole.slice(0, whole.indexOf('https://customer.example.com/app.js') + 10)
    await load(cut, 'cut.har')
    await page.locator('[data-testid="har-problems"] [data-testid="finding"][data-code="HAR_TRUNCATED"]').waitFor()
    expect(await page.getByTestId('har-truncated').textContent()).toContain('cut short')
    expect(await attributes('data-index')).toEqual(['0'])
    expect(await row(0).getAttribute('data-verdict')).toBe('ok')
  })

  it('a file that is not a HAR says so: HAR_NOT_A_HAR, and no timeline', async () => {
    await load('Dear support, the dashboard is blank. Thanks!', 'notes.har')
    await page.locator('[data-testid="har-problems"] [data-testid="finding"][data-code="HAR_NOT_A_HAR"]').waitFor()
    expect(await rows().count()).toBe(0)
    expect(await page.getByTestId('har-table').count()).toBe(0)
  })

  it('a 30 MB file shows its progress, and Cancel returns to the drop zone without a report', async () => {
    const big = largeHar(30, nowSeconds())
    expect(big.length).toBeGreaterThan(30 * 1024 * 1024)
    await pickHar(page, big, 'big.har')
    const progress = page.getByTestId('evidence-progress')
    await progress.waitFor()
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuemax')).toBe('100')
    expect(await progress.textContent()).toContain('MB')
    await page.getByTestId('evidence-cancel').click()
    await page.getByTestId('evidence-drop').waitFor()
    expect(await page.getByTestId('evidence-progress').count()).toBe(0)
    expect(await page.getByTestId('evidence-report').count()).toBe(0)
    // And it stays that way: no report turns up later from the import that was stopped.
    await page.waitForTimeout(1500)
    expect(await page.getByTestId('evidence-report').count()).toBe(0)
    expect(await page.getByTestId('evidence-error').count()).toBe(0)
  })
})

describe('getting a file in, and out again', () => {
  /** Holds every slice back a while, so the reading can be caught half-way. */
  const slowSlices = () =>
    page.route('**/__bridge/sendHarChunk', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      await route.continue().catch(() => undefined)
    })

  it('a file dropped anywhere on the screen is read', async () => {
    const signed = await signThroughApp(page)
    const text = har([entry({ at: nowSeconds(), url: signed })])
    const dataTransfer = await page.evaluateHandle((harText) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([harText], 'dropped.har', { type: 'application/json' }))
      return transfer
    }, text)
    // On the header, not the drop zone: the whole screen takes it.
    const header = page.locator('[data-testid="evidence-screen"] .screen-header')
    await header.dispatchEvent('dragenter', { dataTransfer })
    await expect.poll(() => page.getByTestId('evidence-screen').getAttribute('class')).toContain('is-dragging')
    await header.dispatchEvent('drop', { dataTransfer })
    await page.locator('[data-testid="har-file-name"][title="dropped.har"]').waitFor()
    expect(await page.getByTestId('evidence-screen').getAttribute('class')).not.toContain('is-dragging')
    expect(await row(0).getAttribute('data-verdict')).toBe('ok')
  })

  it('a failed call says why in a banner at the top (never a stack), and the drop zone is back', async () => {
    await slowSlices()
    try {
      await pickHar(page, largeHar(8, nowSeconds()), 'replaced.har')
      await page.getByTestId('evidence-progress').waitFor()
      // Another import in this window replaces this one: its next slice is refused by main.
      await page.evaluate(() => window.workbench.openHarImport({ fileName: 'other.har', bytes: 1 }))
      const banner = page.getByTestId('evidence-error')
      await banner.waitFor()
      const said = (await banner.textContent()) ?? ''
      expect(said).toContain('Could not read replaced.har')
      expect(said).toMatch(/no longer running/)
      expect(said).not.toMatch(/\bat \S+:\d+|Error:/)
      await page.getByTestId('evidence-drop').waitFor()
      // The focus is back on the way in.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('evidence-file-input')
    } finally {
      await page.unroute('**/__bridge/sendHarChunk')
    }
  })

  it('Esc cancels the reading too; the Cancel button has the focus while it runs', async () => {
    await slowSlices()
    try {
      await pickHar(page, largeHar(8, nowSeconds()), 'escaped.har')
      await page.getByTestId('evidence-progress').waitFor()
      expect(await page.getByTestId('evidence-error').count()).toBe(0)
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('evidence-cancel')
      await page.keyboard.press('Escape')
      await page.getByTestId('evidence-drop').waitFor()
      expect(await page.getByTestId('evidence-report').count()).toBe(0)
    } finally {
      await page.unroute('**/__bridge/sendHarChunk')
    }
  })
})
