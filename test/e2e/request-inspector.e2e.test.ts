/**
 * The Request inspector as a solutions engineer meets it with a request a customer already sent,
 * in Chromium against the real browser-mode host: requests signed by the app's own runner (a dry
 * run of sendApiRequest, so nothing leaves the machine) pasted as cURL, as a presigned URL and in
 * a HAR; judged Accepted with the credential that matched, refused with what changed after
 * signing on its canonical line, refused once expired, one HAR entry picked after another; a paste
 * that is not a request refused in words under the box; the work kept while the user is
 * elsewhere; Ctrl+Enter from any field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ApiRequestResult } from '../../preload/contract'
import { launchChromium, openAppWithCredential, startHost, type RunningHost } from './harness'

type SentRequest = ApiRequestResult['request']

let host: RunningHost
let browser: Browser
let page: Page

/** 2025-12-01T09:06:40Z: a fixed signing time, so a presigned URL's expiry is known. */
const SIGNED_AT = 1_764_580_000

const aws = {
  type: 'aws4',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'e2e-request-inspector-secret',
  region: 'us-east-1',
  service: 'execute-api'
} as const

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  page = await openAppWithCredential(browser, host, { width: 1440, height: 900 })
  page.setDefaultTimeout(15_000)
  const saved = await page.evaluate(
    (auth) =>
      window.workbench.saveApiCredential({
        name: 'Orders API (AWS)',
        baseUrl: 'https://api.example.com/v1',
        environment: 'test',
        contentType: 'json',
        headers: [{ name: 'X-Tenant', value: 'acme' }],
        auth
      }),
    aws
  )
  if (!saved.ok) throw new Error(`the app refused the credential: ${saved.error.message}`)
  credentialId = saved.value.id
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

let credentialId = ''

/** What the app's runner would send (a dry run: signed, not sent), with its signing. */
async function dryRun(over: Record<string, unknown>): Promise<ApiRequestResult> {
  const made = await page.evaluate(
    ([id, input]) =>
      window.workbench.sendApiRequest({
        credentialId: id!,
        method: 'POST',
        path: '/orders?b=2&a=1',
        body: '{"qty":1}',
        send: false,
        ...(input as object)
      }),
    [credentialId, over] as const
  )
  if (!made.ok) throw new Error(`the runner refused: ${made.error.message}`)
  return made.value
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`

/** The request as the cURL command a customer would paste; `change` rewrites a header value on its way. */
const curlOf = (request: SentRequest, change: (name: string, value: string) => string = (_n, v) => v) =>
  [
    'curl',
    `-X ${request.method}`,
    quote(request.url),
    ...request.headers.map(([name, value]) => `-H ${quote(`${name}: ${change(name, value)}`)}`),
    ...(request.body ? [`--data-raw ${quote(request.body)}`] : [])
  ].join(' \\\n  ')

/** A HAR as Chrome exports it, one entry per request (a page asset without authentication between them). */
const harOf = (requests: { at: number; request: SentRequest; status: number }[]) =>
  JSON.stringify(
    {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: requests.map(({ at, request, status }) => ({
          startedDateTime: new Date(at * 1000).toISOString(),
          time: 40,
          request: {
            method: request.method,
            url: request.url,
            httpVersion: 'HTTP/1.1',
            headers: request.headers.map(([name, value]) => ({ name, value })),
            queryString: [],
            cookies: [],
            headersSize: -1,
            bodySize: request.body.length,
            ...(request.body ? { postData: { mimeType: 'application/json', text: request.body } } : {})
          },
          response: {
            status,
            statusText: '',
            httpVersion: 'HTTP/1.1',
            headers: [],
            cookies: [],
            content: { size: 0, mimeType: 'text/plain' },
            redirectURL: '',
            headersSize: -1,
            bodySize: 0
          },
          cache: {},
          timings: { send: 1, wait: 38, receive: 1 }
        }))
      }
    },
    null,
    2
  )

/** Waits for the next answer of the channel while `act` runs, then for the screen to show it. */
async function answered(act: () => Promise<void>) {
  const response = page.waitForResponse((r) => r.url().endsWith('/__bridge/inspectApiRequest'))
  await act()
  await response
  await expect.poll(() => page.getByTestId('ri-pending').count()).toBe(0)
}

async function inspect(text: string) {
  await page.getByTestId('ri-text').fill(text)
  await answered(() => page.getByTestId('ri-inspect').click())
}

/** A Unix time as the datetime-local value the page's own time zone shows. */
const localInput = (seconds: number) =>
  page.evaluate((at) => {
    const date = new Date(at * 1000)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  }, seconds)

const text = (testId: string) => page.getByTestId(testId).textContent()
const verdict = () => page.getByTestId('ri-verdict')

describe('the Request inspector', () => {
  it('sits right after the Inspector and opens on what can be pasted, with a real file input', async () => {
    const order = await page
      .locator('nav[aria-label="Screens"] [data-testid^="nav-"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')))
    expect(order.indexOf('nav-request-inspector')).toBe(order.indexOf('nav-inspector') + 1)
    expect(await page.getByTestId('nav-request-inspector').textContent()).toContain('Request inspector')
    await page.getByTestId('nav-request-inspector').click()
    await page.getByTestId('ri-empty').waitFor()
    const empty = (await text('ri-empty')) ?? ''
    for (const form of ['Raw HTTP', 'cURL', 'HAR', 'AWS4-HMAC-SHA256']) expect(empty).toContain(form)
    expect(await page.getByTestId('ri-file-input').getAttribute('type')).toBe('file')
    expect(await page.locator('label[for="ri-text"]').textContent()).toBe(
      'Paste a raw HTTP request, a cURL command or a HAR'
    )
    expect(await page.getByTestId('ri-credential').inputValue()).toBe('')
    expect(await page.locator('#ri-credential option:checked').textContent()).toBe('Matched automatically')
  })

  it('a SigV4 request the runner signed, pasted as cURL: Accepted, with the credential and how it was matched', async () => {
    const { request } = await dryRun({})
    expect(request.headers.find(([n]) => n === 'Authorization')?.[1]).toMatch(/^AWS4-HMAC-SHA256 Credential=/)
    await inspect(curlOf(request))
    expect(await verdict().getAttribute('data-ok')).toBe('true')
    expect(await text('ri-verdict-title')).toBe('Accepted')
    expect(await text('ri-credential-name')).toBe('Orders API (AWS)')
    expect(await text('ri-matched-by')).toBe('matched by its access key AKIDEXAMPLE')
    expect(await page.getByTestId('ri-scheme').getAttribute('data-kind')).toBe('sigv4-header')
    expect(await page.getByTestId('ri-source').getAttribute('data-source')).toBe('curl')
    expect(await page.getByTestId('ri-as-of-used').getAttribute('data-from')).toBe('signed-time')
    const signed = await page
      .getByTestId('ri-signed-header')
      .evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-name')))
    expect(signed).toEqual(['content-type', 'host', 'x-amz-date', 'x-tenant'])
    expect(await page.getByTestId('ri-change').count()).toBe(0)
    expect(await page.getByTestId('ri-problems').count()).toBe(0)
    expect(await page.getByTestId('ri-canonical-request-changed').count()).toBe(0)
  })

  it('Content-Type changed after signing ("; charset=utf-8"): the change block names header content-type and its canonical line, highlighted', async () => {
    const made = await dryRun({})
    await inspect(curlOf(made.request, (n, v) => (/^content-type$/i.test(n) ? `${v}; charset=utf-8` : v)))
    expect(await verdict().getAttribute('data-ok')).toBe('false')
    expect(await text('ri-verdict-title')).toMatch(/^Refused: \d problems?$/)
    const change = page.getByTestId('ri-change')
    expect(await change.getAttribute('data-part')).toBe('header content-type')
    expect(await text('ri-change-part')).toBe('header content-type')
    expect(await text('ri-change-sentence')).toMatch(/content-type header was changed after signing/)
    expect(await text('ri-change-signed')).toBe('application/json')
    expect(await text('ri-change-arrived')).toBe('application/json; charset=utf-8')
    // The line is the one the runner signed as content-type:application/json.
    const line =
      made.signing!.kind === 'aws4'
        ? made.signing!.canonicalRequest.split('\n').indexOf('content-type:application/json') + 1
        : 0
    expect(line).toBeGreaterThan(0)
    expect(await change.getAttribute('data-line')).toBe(String(line))
    expect(await text('ri-change-line')).toContain(`Canonical request, line ${line}`)
    const highlighted = page.getByTestId('ri-canonical-request-changed')
    expect(await highlighted.count()).toBe(1)
    expect(await highlighted.getAttribute('data-line')).toBe(String(line))
    expect(await highlighted.textContent()).toContain('content-type:application/json; charset=utf-8')
    expect(await highlighted.textContent()).toContain('signed as')
    expect(
      await page.locator('[data-testid="ri-header-row"][data-name="content-type"]').getAttribute('data-changed')
    ).toBe('true')
    // "Show in the canonical request" brings the line into view.
    await page.getByTestId('ri-change-show-line').click()
    await expect.poll(() => highlighted.isVisible()).toBe(true)
  })

  it('a value changed some other way, with the client’s canonical request from its log: the line that differs, and that it is what was signed', async () => {
    const made = await dryRun({})
    const tampered = curlOf(made.request, (n, v) => (/^x-tenant$/i.test(n) ? 'globex' : v))
    await page.locator('[data-testid="ri-client"] > summary').click()
    await page.getByTestId('ri-client-text').fill(made.signing!.kind === 'aws4' ? made.signing!.canonicalRequest : '')
    await inspect(tampered)
    expect(await page.getByTestId('ri-client-signed').getAttribute('data-signed')).toBe('true')
    const rows = page.getByTestId('ri-client-diff-row')
    expect(await rows.count()).toBe(1)
    expect(await rows.textContent()).toContain('x-tenant:acme')
    expect(await rows.textContent()).toContain('x-tenant:globex')
    expect(await page.getByTestId('ri-canonical-request-changed').textContent()).toContain('x-tenant:globex')
    // Cleared again for the journeys below.
    await page.getByTestId('ri-client-text').fill('')
    await page.locator('[data-testid="ri-client"] > summary').click()
  })

  it('a presigned URL, as of after it expired: refused with the expiry; as of its own time: accepted', async () => {
    const { request } = await dryRun({
      method: 'GET',
      path: '/reports/q3.csv',
      body: '',
      signAt: SIGNED_AT,
      presignSeconds: 900
    })
    expect(request.url).toMatch(/X-Amz-Expires=900&.*X-Amz-Signature=[0-9a-f]{64}$/)
    const pasted = curlOf(request)
    await page.getByTestId('ri-as-of').fill(await localInput(SIGNED_AT + 3600))
    await inspect(pasted)
    expect(await verdict().getAttribute('data-ok')).toBe('false')
    expect(await page.getByTestId('ri-scheme').getAttribute('data-kind')).toBe('sigv4-query')
    expect(await page.getByTestId('ri-as-of-used').getAttribute('data-from')).toBe('given')
    expect(await page.getByTestId('ri-as-of-used').getAttribute('data-at')).toBe(
      new Date((SIGNED_AT + 3600) * 1000).toISOString()
    )
    expect(await page.getByTestId('ri-problem').allTextContents()).toContainEqual(
      expect.stringMatching(/expired 45 minutes ago .*valid 900 s from 20251201T090640Z/)
    )
    expect(await page.getByTestId('ri-sigv4-in').getAttribute('data-in')).toBe('query')
    expect(await page.getByTestId('ri-sigv4-expires-at').getAttribute('data-expired')).toBe('true')

    await page.getByTestId('ri-as-of-clear').click()
    expect(await page.getByTestId('ri-stale').count()).toBe(1)
    await answered(() => page.getByTestId('ri-inspect-again').click())
    expect(await verdict().getAttribute('data-ok')).toBe('true')
    expect(await page.getByTestId('ri-stale').count()).toBe(0)
  })

  it('a HAR with two signed entries lists both; picking the second judges it', async () => {
    const first = await dryRun({ method: 'GET', path: '/orders?status=open', body: '', signAt: SIGNED_AT })
    const second = await dryRun({ path: '/orders', body: '{"qty":2}', signAt: SIGNED_AT + 60 })
    const asset: SentRequest = { method: 'GET', url: 'https://cdn.example.com/app.js', headers: [], body: '' }
    const changed = {
      ...second.request,
      headers: second.request.headers.map(([n, v]): [string, string] => [n, /^x-tenant$/i.test(n) ? 'globex' : v])
    }
    await inspect(
      harOf([
        { at: SIGNED_AT, request: first.request, status: 200 },
        { at: SIGNED_AT + 1, request: asset, status: 200 },
        { at: SIGNED_AT + 60, request: changed, status: 403 }
      ])
    )
    const entries = page.getByTestId('ri-har-entry')
    expect(await entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-index')))).toEqual([
      '0',
      '2'
    ])
    const entry = (index: number) => page.locator(`[data-testid="ri-har-entry"][data-index="${index}"]`)
    expect(await entry(0).getAttribute('aria-pressed')).toBe('true')
    expect(await verdict().getAttribute('data-ok')).toBe('true')
    expect(await page.getByTestId('ri-as-of-used').getAttribute('data-from')).toBe('har')
    expect(await text('ri-request-method')).toBe('GET')

    await answered(() => entry(2).click())
    expect(await entry(2).getAttribute('aria-pressed')).toBe('true')
    expect(await entry(0).getAttribute('aria-pressed')).toBe('false')
    expect(await text('ri-source')).toBe('in entry #2 of the HAR')
    expect(await text('ri-request-method')).toBe('POST')
    expect(await verdict().getAttribute('data-ok')).toBe('false')
    expect(await page.getByTestId('ri-stale').count()).toBe(0)

    // The keyboard: Up moves to the first entry, Enter judges it.
    await entry(2).focus()
    await page.keyboard.press('ArrowUp')
    await answered(() => page.keyboard.press('Enter'))
    expect(await entry(0).getAttribute('aria-pressed')).toBe('true')
    expect(await verdict().getAttribute('data-ok')).toBe('true')
  })

  it('a paste that is not a request: the reason in words, under the box, and the box marked', async () => {
    await inspect('hello there, this is not a request')
    const error = page.getByTestId('ri-error')
    expect(await error.getAttribute('data-code')).toBe('REQUEST_UNREADABLE')
    expect(await error.getAttribute('data-field')).toBe('text')
    expect(await text('ri-error-message')).toMatch(/a raw request starts with its request line, such as "GET \/orders/)
    expect(await error.textContent()).not.toMatch(/Too small|Invalid input|expected string|ZodError|at Object\./)
    const box = (await page.getByTestId('ri-text').boundingBox())!
    const under = (await error.boundingBox())!
    expect(under.y).toBeGreaterThanOrEqual(box.y + box.height)
    expect(under.y - (box.y + box.height)).toBeLessThan(60)
    expect(Math.abs(under.x - box.x)).toBeLessThan(2)
    expect(await page.getByTestId('ri-text').getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByTestId('ri-text').getAttribute('aria-describedby')).toBe('ri-error')
  })

  it('Open file… reads the file’s text; a file over the paste limit is not read nor sent, and says so under the box', async () => {
    const { request } = await dryRun({})
    const answer = page.waitForResponse((r) => r.url().endsWith('/__bridge/inspectApiRequest'))
    await page.setInputFiles('[data-testid="ri-file-input"]', {
      name: 'customer-request.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(curlOf(request))
    })
    await answer
    await expect.poll(() => text('ri-file-name')).toBe('customer-request.txt')
    expect(await page.getByTestId('ri-text').inputValue()).toBe(curlOf(request))
    expect(await verdict().getAttribute('data-ok')).toBe('true')
    expect(await page.getByTestId('ri-error').count()).toBe(0)

    // Over the paste limit: refused by its size before it is read or sent.
    let sent = 0
    const count = (r: { url(): string }) => void (r.url().endsWith('/__bridge/inspectApiRequest') && sent++)
    page.on('request', count)
    await page.setInputFiles('[data-testid="ri-file-input"]', {
      name: 'huge.har',
      mimeType: 'application/json',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 4096, 'x')
    })
    await expect
      .poll(() => text('ri-error-message'))
      .toMatch(/^huge\.har \(10\.0 MB\) was not opened: .*reads up to 10\.0 MB/)
    page.off('request', count)
    expect(sent).toBe(0)
    expect(await page.getByTestId('ri-error').getAttribute('data-field')).toBe('text')
    // The paste before it stays, and so does its result.
    expect(await page.getByTestId('ri-text').inputValue()).toBe(curlOf(request))
    expect(await text('ri-file-name')).toBe('customer-request.txt')

    // A HAR dropped onto the box is read the same way.
    const har = harOf([{ at: SIGNED_AT, request, status: 200 }])
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([content], 'dropped.har', { type: 'application/json' }))
      return transfer
    }, har)
    const dropped = page.waitForResponse((r) => r.url().endsWith('/__bridge/inspectApiRequest'))
    await page.dispatchEvent('[data-testid="ri-text"]', 'drop', { dataTransfer })
    await dropped
    await expect.poll(() => text('ri-file-name')).toBe('dropped.har')
    expect(await page.getByTestId('ri-text').inputValue()).toBe(har)
    expect(await page.getByTestId('ri-har-entry').count()).toBe(1)
    expect(await page.getByTestId('ri-error').count()).toBe(0)
  })

  it('the paste, the options and the result survive going to another screen and back', async () => {
    const { request } = await dryRun({})
    const pasted = curlOf(request, (n, v) => (/^content-type$/i.test(n) ? `${v}; charset=utf-8` : v))
    const asOf = await localInput(SIGNED_AT)
    await page.getByTestId('ri-as-of').fill(asOf)
    await page.getByTestId('ri-credential').selectOption({ label: 'Orders API (AWS) (AWS SigV4)' })
    await page.locator('[data-testid="ri-client"] > summary').click()
    await page.getByTestId('ri-client-text').fill('POST\n/v1/orders')
    await inspect(pasted)
    expect(await text('ri-matched-by')).toBe('matched by its access key AKIDEXAMPLE')
    const title = await text('ri-verdict-title')

    await page.getByTestId('nav-settings').click()
    await page.getByTestId('settings-screen').waitFor()
    await page.getByTestId('nav-request-inspector').click()
    await page.getByTestId('ri-result').waitFor()
    expect(await page.getByTestId('ri-text').inputValue()).toBe(pasted)
    expect(await page.getByTestId('ri-as-of').inputValue()).toBe(asOf)
    expect(await page.locator('#ri-credential option:checked').textContent()).toBe('Orders API (AWS) (AWS SigV4)')
    expect(await page.getByTestId('ri-client').getAttribute('open')).not.toBeNull()
    expect(await page.getByTestId('ri-client-text').inputValue()).toBe('POST\n/v1/orders')
    expect(await text('ri-verdict-title')).toBe(title)
    expect(await page.getByTestId('ri-change').getAttribute('data-part')).toBe('header content-type')
    expect(await page.getByTestId('ri-stale').count()).toBe(0)

    await page.getByTestId('ri-clear').click()
    expect(await page.getByTestId('ri-text').inputValue()).toBe('')
    await page.getByTestId('ri-empty').waitFor()
  })

  it('the keyboard: Ctrl+Enter inspects from the box, from As of and from the credential select', async () => {
    const { request } = await dryRun({})
    await page.getByTestId('ri-text').fill(curlOf(request))
    await page.getByTestId('ri-text').focus()
    await answered(() => page.keyboard.press('Control+Enter'))
    expect(await text('ri-verdict-title')).toBe('Accepted')
    // Moved an hour past its signing time: refused for clock skew, run from the As of field.
    await page.getByTestId('ri-as-of').fill(await localInput(SIGNED_AT + 7200))
    await answered(() => page.getByTestId('ri-as-of').press('Control+Enter'))
    expect(await verdict().getAttribute('data-ok')).toBe('false')
    await page.getByTestId('ri-as-of-clear').click()
    await page.getByTestId('ri-credential').selectOption('')
    await answered(() => page.getByTestId('ri-credential').press('Control+Enter'))
    expect(await text('ri-verdict-title')).toBe('Accepted')
    // The box took no line break from the shortcut.
    expect(await page.getByTestId('ri-text').inputValue()).toBe(curlOf(request))
  })
})
