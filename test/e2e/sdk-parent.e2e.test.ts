/**
 * Issue 13's "Done when": a customer's parent page that uses the vendor's own SDK
 * (@sigmacomputing/embed-sdk, unchanged, from the npm registry) is pointed at the real host name,
 * and in Chromium the SDK's listeners receive the emulator's events and its mutations take effect,
 * for both signing methods. Chromium reaches "https://app.sigmacomputing.com" and the parent's
 * "http://customer-staging.test" through the flags the emulator prints; nothing is installed.
 */
import { createServer, type Server } from 'node:http'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { build } from 'vite'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { importCustomerCredential, launchChromium, openAppWithCredential, startHost, type RunningHost } from './harness'
import { sampleJwtUrl, sampleSignedUrl } from '../fixtures/vendor-samples'
import { CLIENT_ID, SECRET } from '../fixtures/embed'
import type { EmulatorFront } from '../../preload/contract'
import { createCustomerAppMessages } from '../../main/emulator/customer-messages'

const SDK = readFileSync(join(__dirname, '../../node_modules/@sigmacomputing/embed-sdk/dist/index.mjs'), 'utf8')
const PARENT = 'http://customer-staging.test'

/**
 * The customer's parent page: an iframe and the SDK's listeners, each recording what it receives.
 * Its code calls the SDK as a customer's does; nothing in it knows about the emulator.
 */
const parentPage = `<!doctype html><meta charset="utf-8"><title>Customer staging</title>
<iframe id="sigma" style="width:1100px;height:800px;border:0"></iframe>
<script type="module">
import * as sdk from '/sdk/embed-sdk.mjs'
const iframe = document.getElementById('sigma')
window.received = []
window.sdk = sdk
window.iframe = iframe
const listeners = Object.entries(sdk).filter(([name, fn]) => name.endsWith('Listener') && typeof fn === 'function')
window.addEventListener('message', (event) => {
  for (const [name, listener] of listeners) listener(event, iframe, (data) => window.received.push({ listener: name, data }))
})
iframe.src = new URLSearchParams(location.search).get('embed')
</script>`

let host: RunningHost
let app: Page
let browser: Browser
let appBrowser: Browser
let parentServer: Server
let front: EmulatorFront
/** The React parent (test/fixtures/react-parent), bundled by Vite for this run. */
const reactDist = mkdtempSync(join(tmpdir(), 'ewb-react-parent-'))

beforeAll(async () => {
  host = await startHost()
  appBrowser = await launchChromium()
  app = await openAppWithCredential(appBrowser, host)
  await importCustomerCredential(app, 'Customer', CLIENT_ID, SECRET)
  const status = await app.evaluate(() =>
    window.workbench.updateEmulatorSettings({
      serveAs: ['https://app.sigmacomputing.com'],
      tlsPort: 0,
      allowedParents: ['http://customer-staging.test']
    })
  )
  if (!status.ok || !status.value.front) throw new Error(`no TLS front: ${JSON.stringify(status)}`)
  front = status.value.front
  await build({
    configFile: false,
    root: join(__dirname, '../fixtures/react-parent'),
    base: '/react/',
    logLevel: 'silent',
    build: { outDir: reactDist, emptyOutDir: true }
  })
  parentServer = createServer((request, response) => {
    if (request.url?.startsWith('/sdk/embed-sdk.mjs')) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' })
      return response.end(SDK)
    }
    if (request.url?.startsWith('/react/')) {
      const path = new URL(request.url, 'http://x').pathname.slice('/react/'.length) || 'index.html'
      const file = normalize(join(reactDist, path))
      if (!file.startsWith(reactDist) || !existsSync(file)) {
        response.writeHead(404)
        return response.end()
      }
      const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
      response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' })
      return response.end(readFileSync(file))
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    response.end(parentPage)
  })
  await new Promise<void>((resolve) => parentServer.listen(0, '127.0.0.1', resolve))
  const parentPort = (parentServer.address() as AddressInfo).port
  // The emulator's own flags, plus one more rule for the customer's staging host name.
  const [rules, spki] = front.chromiumFlags
  browser = await launchChromium([`${rules}, MAP customer-staging.test 127.0.0.1:${parentPort}`, spki!])
})

afterAll(async () => {
  await browser?.close()
  await appBrowser?.close()
  parentServer?.close()
  await host?.stop()
  rmSync(reactDist, { recursive: true, force: true })
})

type Received = { listener: string; data: Record<string, unknown> }
async function openParent(embedUrl: string) {
  const page = await browser.newPage()
  await page.goto(`${PARENT}/?embed=${encodeURIComponent(embedUrl)}`)
  const received = () => page.evaluate(() => (window as unknown as { received: Received[] }).received)
  const via = async (listener: string) => (await received()).filter((r) => r.listener === listener).map((r) => r.data)
  return { page, frame: page.frameLocator('#sigma'), received, via }
}

const signed = (extra: [string, string][] = []) =>
  sampleSignedUrl('quickstart', {
    embedPath: 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn',
    clientId: CLIENT_ID,
    secret: SECRET,
    user: { email: 'sdk.user@example.com', teams: ['Sales_Managers'], accountType: 'Creator' },
    extra
  })
const jwt = (params: [string, string][] = []) =>
  sampleJwtUrl({
    workbookUrl: 'https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn',
    clientId: CLIENT_ID,
    secret: SECRET,
    claims: { sub: 'sdk.jwt@example.com', account_type: 'Build', teams: ['Sales_Managers'] },
    params
  })

for (const [method, url] of [
  ['signed URL', () => signed([[':responsive_height', 'true']])],
  ['JWT', () => jwt([[':responsive_height', 'true']])]
] as const) {
  describe(`the vendor's SDK in a customer's parent page, ${method} signed for https://app.sigmacomputing.com`, () => {
    it('every listener the workbook page feeds receives its event, and the mutations take effect', async () => {
      const { page, frame, via } = await openParent(url())
      await frame.getByTestId('sales-table').waitFor()
      await expect
        .poll(() => via('workbookLoadedListener'))
        .toEqual([{ type: 'workbook:loaded', workbook: { variables: { 'Region-Control': '' } } }])
      await expect.poll(async () => (await via('workbookDataLoadedListener')).length).toBe(1)
      await expect.poll(async () => (await via('workbookPageHeightListener')).length).toBeGreaterThan(0)
      expect(typeof (await via('workbookPageHeightListener'))[0]!.pageHeight).toBe('number')

      // Mutations, through the SDK's own functions (they post to https://app.sigmacomputing.com).
      await page.evaluate(() => {
        const w = window as unknown as { sdk: Record<string, (...a: unknown[]) => void>; iframe: HTMLIFrameElement }
        w.sdk.workbookVariablesUpdate!(w.iframe, { 'Region-Control': 'East' })
        w.sdk.workbookVariablesList!(w.iframe)
      })
      await expect
        .poll(() => via('workbookVariableChangeListener'))
        .toEqual([{ type: 'workbook:variables:onchange', workbook: { variables: { 'Region-Control': 'East' } } }])
      await expect
        .poll(() => via('workbookVariableCurrentListener'))
        .toEqual([{ type: 'workbook:variables:current', variables: { 'Region-Control': 'East' } }])
      const regions = await frame
        .getByTestId('sales-row')
        .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-region')))])
      expect(regions).toEqual(['East'])

      // User actions in the workbook.
      await frame.locator('[data-testid="sales-row"] td[data-column="store"]').first().click()
      await expect.poll(async () => (await via('workbookTableCellSelectListener')).length).toBe(1)
      const cell = (await via('workbookTableCellSelectListener'))[0]!
      expect(cell).toMatchObject({ type: 'workbook:table:oncellselect', nodeId: 'SalesTable', title: 'Sales' })
      expect((cell.cells as Record<string, unknown>[])[0]).toMatchObject({
        cellType: 'valueCell',
        columnName: 'Store',
        underlyingData: { isTruncated: false, length: 1 }
      })
      await frame.locator('[data-testid="chart-bar"][data-region="East"]').click()
      await expect
        .poll(() => via('workbookChartValueSelectListener'))
        .toEqual([
          {
            type: 'workbook:chart:onvalueselect',
            nodeId: 'RevenueByRegion',
            title: 'Revenue by region',
            values: [{ Region: 'East' }]
          }
        ])
      await page.close()
    })

    it('the same URL loaded again reaches the SDK as workbook:error', async () => {
      const once = url()
      const first = await openParent(once)
      await first.frame.getByTestId('sales-table').waitFor()
      await first.page.close()
      const again = await openParent(once)
      await expect
        .poll(() => again.via('workbookErrorListener'))
        .toEqual([{ type: 'workbook:error', code: 'EINVAL', message: 'Invalid embed request.' }])
      await again.page.close()
    })
  })
}

describe("the rest of the SDK's events: user actions in the workbook and the SDK's mutations", () => {
  it('selection, full screen, bookmarks, explore, save as, publish, chart error, a workbook action and the URL reach their listeners', async () => {
    const { page, frame, via } = await openParent(jwt())
    await frame.getByTestId('sales-table').waitFor()
    const call = (name: string, ...args: unknown[]) =>
      page.evaluate(
        ([fn, rest]) => {
          const w = window as unknown as { sdk: Record<string, (...a: unknown[]) => void>; iframe: HTMLIFrameElement }
          w.sdk[fn as string]!(w.iframe, ...(rest as unknown[]))
        },
        [name, args] as const
      )
    const last = async (listener: string) => (await via(listener)).at(-1)

    // Selection: the page tab, then an element chosen by the parent.
    await frame.getByTestId('page-tab').click()
    await expect
      .poll(() => last('workbookSelectedNodeListener'))
      .toEqual({
        type: 'workbook:selectednodeid:onchange',
        selectedNodeId: 'Dashboard',
        nodeType: 'page'
      })
    await call('workbookSelectedNodeIdUpdate', 'SalesTable', 'element')
    await expect
      .poll(() => last('workbookSelectedNodeListener'))
      .toMatchObject({ selectedNodeId: 'SalesTable', nodeType: 'element' })

    // Full screen: the element's button, then the parent's mutation closes it.
    await frame.locator('[data-testid="fullscreen-toggle"][data-node="RevenueByRegion"]').click()
    await expect
      .poll(() => last('workbookFullScreenListener'))
      .toEqual({ type: 'workbook:fullscreen:onchange', fullScreen: true })
    await call('workbookFullscreenUpdate', null)
    await expect
      .poll(() => last('workbookFullScreenListener'))
      .toEqual({ type: 'workbook:fullscreen:onchange', fullScreen: false })

    // Bookmarks through the SDK: create, update, select none, delete; the URL follows.
    await call('workbookVariablesUpdate', { 'Region-Control': 'West' })
    await call('workbookBookmarkCreate', { name: 'West only', isDefault: false, isShared: true })
    await expect
      .poll(() => last('workbookBookmarkCreateListener'))
      .toMatchObject({
        type: 'workbook:bookmark:oncreate',
        bookmarkName: 'West only',
        workbookId: '3kxOdcUS4xsaEFdy1Wkwgn',
        versionTagName: null
      })
    const bookmarkId = ((await last('workbookBookmarkCreateListener')) as { bookmarkId: string }).bookmarkId
    await expect
      .poll(() => last('workbookBookmarkOnChangeListener'))
      .toMatchObject({ bookmarkId, bookmarkName: 'West only' })
    await expect.poll(async () => String((await last('urlOnChangeListener'))?.url)).toContain(`:bookmark=${bookmarkId}`)
    expect(String((await last('urlOnChangeListener'))!.url)).not.toMatch(/:jwt=/)
    await call('workbookBookmarkUpdate')
    await expect.poll(() => last('workbookBookmarkOnUpdateListener')).toMatchObject({ bookmarkId, isShared: true })
    await call('workbookBookmarkSelect')
    await expect
      .poll(() => last('workbookBookmarkOnChangeListener'))
      .toMatchObject({ bookmarkId: null, bookmarkName: null })
    await call('workbookBookmarkDelete', bookmarkId)
    await expect
      .poll(() => last('workbookBookmarkOnDeleteListener'))
      .toMatchObject({ bookmarkId, bookmarkName: 'West only' })

    // The header's actions (a Build user may explore and edit).
    await frame.getByTestId('action-explore').click()
    await expect.poll(async () => typeof (await last('workbookExploreKeyOnChangeListener'))?.exploreKey).toBe('string')
    await frame.getByTestId('action-save-as').click()
    await expect.poll(async () => typeof (await last('workbookIdOnChangeListener'))?.id).toBe('string')
    await frame.getByTestId('action-publish').click()
    await expect
      .poll(() => last('workbookPublishedListener'))
      .toEqual({
        type: 'workbook:published',
        workbookId: '3kxOdcUS4xsaEFdy1Wkwgn'
      })

    // A workbook action on the selected row.
    await call('workbookVariablesUpdate', { 'Region-Control': '' })
    await frame.locator('[data-testid="sales-row"] td[data-column="store"]').first().click()
    await frame.getByTestId('action-send-row').click()
    await expect
      .poll(() => last('actionOutboundListener'))
      .toMatchObject({ type: 'action:outbound', name: 'Send to app' })
    expect(Object.keys(((await last('actionOutboundListener')) as { values: object }).values)).toContain('Store')

    // The pivot table: a value cell, with its row and column paths.
    await frame.locator('[data-testid="pivot-cell"][data-region="East"][data-product="Smart Plug"]').click()
    await expect
      .poll(() => last('workbookPivotTableCellSelectListener'))
      .toMatchObject({
        type: 'workbook:pivottable:oncellselect',
        nodeId: 'RevenuePivot',
        title: 'Revenue by region and product',
        cells: [
          {
            cellType: 'valueCell',
            columnName: 'Revenue',
            rowPath: [{ name: 'Region', value: 'East' }],
            columnPath: [{ name: 'Product', value: 'Smart Plug' }]
          }
        ]
      })
    expect(
      typeof ((await last('workbookPivotTableCellSelectListener')) as { cells: { value: unknown }[] }).cells[0]!.value
    ).toBe('number')

    // A control value with no rows: the chart reports it.
    await call('workbookVariablesUpdate', { 'Region-Control': 'Atlantis' })
    await expect
      .poll(() => last('workbookChartErrorListener'))
      .toMatchObject({
        type: 'workbook:chart:error',
        nodeId: 'RevenueByRegion',
        code: 'NO_DATA'
      })

    // The sharing link the parent sets shows where the user's eyes are.
    await call('workbookSharingLinkUpdate', 'https://customer.test/share', null)
    await expect.poll(() => frame.getByTestId('workbook-note').textContent()).toContain('https://customer.test/share')
    await page.close()
  })
})

describe("a React parent with the vendor's @sigmacomputing/react-embed-sdk hooks", () => {
  it('useSigmaIframe loads, the hooks receive the events, and the SDK functions mutate the workbook', async () => {
    const page = await browser.newPage()
    await page.goto(`${PARENT}/react/?embed=${encodeURIComponent(signed())}`)
    const frame = page.frameLocator('#sigma')
    await frame.getByTestId('sales-table').waitFor()
    await expect.poll(() => page.locator('#state').textContent()).toBe('loaded')
    const via = async (hook: string) =>
      (await page.evaluate(() => (window as unknown as { received: { hook: string; data: unknown }[] }).received))
        .filter((r) => r.hook === hook)
        .map((r) => r.data)
    await expect.poll(async () => (await via('useWorkbookLoaded')).length).toBe(1)
    await expect.poll(async () => (await via('useWorkbookDataLoaded')).length).toBe(1)
    await page.evaluate(() => {
      const m = (window as unknown as { mutate: Record<string, (...a: unknown[]) => void> }).mutate
      m.updateWorkbookVariables!({ 'Region-Control': 'North' })
      m.getWorkbookVariables!()
      m.createWorkbookBookmark!({ name: 'North', isDefault: false, isShared: false })
    })
    await expect
      .poll(() => via('useVariableChange'))
      .toEqual([{ type: 'workbook:variables:onchange', workbook: { variables: { 'Region-Control': 'North' } } }])
    await expect
      .poll(() => via('useWorkbookCurrentVariables'))
      .toEqual([{ type: 'workbook:variables:current', variables: { 'Region-Control': 'North' } }])
    await expect.poll(async () => (await via('useWorkbookBookmarkOnCreate')).length).toBe(1)
    await expect.poll(async () => (await via('useUrlOnChange')).length).toBeGreaterThan(0)
    await frame.locator('[data-testid="sales-row"] td[data-column="product"]').first().click()
    await expect.poll(async () => (await via('useTableCellSelect')).length).toBe(1)
    await frame.locator('[data-testid="chart-bar"][data-region="North"]').click()
    await expect.poll(async () => (await via('useWorkbookChartValueSelect')).length).toBe(1)
    await page.close()
  })
})

describe('a parent the emulator does not allow', () => {
  it('is refused before the nonce is used: the same URL then loads in an allowed parent', async () => {
    const status = await app.evaluate(() => window.workbench.updateEmulatorSettings({ allowedParents: [] }))
    expect(status.ok).toBe(true)
    const url = signed()
    const refused = await openParent(url)
    await expect
      .poll(async () => {
        const log = await app.evaluate(() => window.workbench.listEmulatorRequests({}))
        return log.ok ? log.value.at(-1)?.findings.map((f) => f.code) : null
      })
      .toEqual(['PARENT_NOT_ALLOWED'])
    expect(await refused.via('workbookLoadedListener')).toEqual([])
    await refused.page.close()
    await app.evaluate(() =>
      window.workbench.updateEmulatorSettings({ allowedParents: ['http://customer-staging.test'] })
    )
    const allowed = await openParent(url)
    await allowed.frame.getByTestId('sales-table').waitFor()
    await expect.poll(async () => (await allowed.via('workbookLoadedListener')).length).toBe(1)
    await allowed.page.close()
  })
})

describe("the customer-app window's observer (its preload's own code) feeding main's message log", () => {
  it("sees every SDK event and mutation between the customer's parent and the embed, and nothing else", async () => {
    // preload/customer-app/observer.ts as the preload bundles it, run in every frame; the
    // binding stands in for ipcRenderer.send, and its frame for Electron's senderFrame.
    const bundle = (await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        lib: { entry: join(__dirname, '../../preload/customer-app/observer.ts'), formats: ['iife'], name: 'Observer' }
      }
    })) as { output: { code?: string }[] }[]
    const observer = bundle[0]!.output[0]!.code!
    const log = createCustomerAppMessages((origin) => origin === 'https://app.sigmacomputing.com')
    const context = await browser.newContext()
    await context.exposeBinding('reportToMain', ({ frame }, report: unknown) =>
      log.report(report, { origin: new URL(frame.url()).origin })
    )
    await context.addInitScript(`${observer}
Observer.observeEmbedMessages(window, (report) => window.reportToMain(report))
window.Observer = Observer`)
    const page = await context.newPage()
    await page.goto(`${PARENT}/?embed=${encodeURIComponent(jwt())}`)
    const frame = page.frameLocator('#sigma')
    await frame.getByTestId('sales-table').waitFor()
    const seen = () => log.since().map((m) => `${m.direction} ${m.type}`)
    await expect.poll(seen).toEqual(expect.arrayContaining(['in workbook:loaded', 'in workbook:dataloaded']))
    expect(log.since()[0]).toMatchObject({ parent: PARENT, embed: 'https://app.sigmacomputing.com' })

    // The parent's own messages, and one it forges as if from the embed: not the embed's.
    await page.evaluate(() => {
      window.postMessage({ type: 'customer:own' }, '*')
      const embed = (document.getElementById('sigma') as HTMLIFrameElement).contentWindow
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { type: 'workbook:forged' },
          origin: 'https://app.sigmacomputing.com',
          source: embed
        })
      )
    })

    // An SDK mutation from the customer's code, and the event it answers with.
    await page.evaluate(() => {
      const w = window as unknown as { sdk: Record<string, (...a: unknown[]) => void>; iframe: HTMLIFrameElement }
      w.sdk.workbookVariablesUpdate!(w.iframe, { 'Region-Control': 'East' })
    })
    await expect
      .poll(seen)
      .toEqual(expect.arrayContaining(['out workbook:variables:update', 'in workbook:variables:onchange']))
    const update = log.since().find((m) => m.type === 'workbook:variables:update')!
    expect(JSON.parse(update.json)).toEqual({
      type: 'workbook:variables:update',
      variables: { 'Region-Control': 'East' }
    })

    // A user action in the workbook.
    await frame.locator('[data-testid="chart-bar"][data-region="East"]').click()
    await expect.poll(seen).toContain('in workbook:chart:onvalueselect')

    // The Preview's send form, as main asks the parent frame's preload: the SDK's listener
    // answers, and '*' as the target is refused.
    const posted = await page.evaluate(() => {
      const o = (window as unknown as { Observer: { postToChildFrames(w: Window, input: unknown): number } }).Observer
      const message = {
        type: 'workbook:bookmark:create',
        name: 'From the workbench',
        isDefault: false,
        isShared: false
      }
      return [
        o.postToChildFrames(window, { message, targetOrigin: '*' }),
        o.postToChildFrames(window, { message, targetOrigin: 'https://app.sigmacomputing.com' })
      ]
    })
    expect(posted).toEqual([0, 1])
    await expect
      .poll(seen)
      .toEqual(expect.arrayContaining(['out workbook:bookmark:create', 'in workbook:bookmark:oncreate']))
    const received = await page.evaluate(() => (window as unknown as { received: Received[] }).received)
    expect(received.filter((r) => r.listener === 'workbookBookmarkCreateListener').map((r) => r.data)).toMatchObject([
      { type: 'workbook:bookmark:oncreate', bookmarkName: 'From the workbench' }
    ])
    expect(seen().filter((line) => /customer:own|forged/.test(line))).toEqual([])
    await context.close()
  })
})
