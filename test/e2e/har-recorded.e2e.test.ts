/**
 * Issue 15 with evidence nobody here wrote: Chromium loads a customer's parent page whose embed
 * API returns a signed URL, against the emulator; playwright records the HAR itself
 * (`recordHar`, as the browser's own export would); then `embed-workbench har` judges it. The page
 * is refreshed with a cached URL (the nonce is used twice) and, on another visit, the parent adds a
 * parameter after signing (the URL changed in transit).
 */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  E2E_PASSPHRASE,
  importCustomerCredential,
  launchChromium,
  openAppWithCredential,
  root,
  startHost,
  type RunningHost
} from './harness'
import { CLIENT_ID, SECRET, options, salesManager } from '../fixtures/embed'
import { signUrl } from '../../main/signing/signer'

const run = promisify(execFile)

/** The customer's parent page: asks its embed API for a URL and puts it in the iframe. */
const parentPage = `<!doctype html><meta charset="utf-8"><title>Customer app</title>
<iframe id="embed" style="width:1000px;height:700px;border:0"></iframe>
<script>
const mode = new URLSearchParams(location.search).get('mode') || 'fresh'
fetch('/api/embed-url?mode=' + mode).then((r) => r.json()).then(({ url }) => {
  // "rewrite": the customer's front end adds a theme after the URL was signed.
  document.getElementById('embed').src = mode === 'rewrite' ? url.replace('&:signature=', '&:theme=Dark&:signature=') : url
})
</script>`

let host: RunningHost
let appBrowser: Browser
let app: Page
let browser: Browser
let parentServer: Server
let harPath: string
let embedBase: string

beforeAll(async () => {
  host = await startHost()
  appBrowser = await launchChromium()
  app = await openAppWithCredential(appBrowser, host)
  await importCustomerCredential(app, 'Customer', CLIENT_ID, SECRET)
  let cached: string | null = null
  parentServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    if (url.pathname === '/api/embed-url') {
      // The customer's embed API. "cache" keeps the first URL it signed: the refresh bug.
      const fresh = () =>
        signUrl({
          persona: salesManager,
          options: options({ embedPath: `${embedBase}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn` }),
          key: { clientId: CLIENT_ID, secret: SECRET },
          now: Math.floor(Date.now() / 1000)
        }).url
      const signed = url.searchParams.get('mode') === 'cache' ? (cached ??= fresh()) : fresh()
      response.writeHead(200, { 'Content-Type': 'application/json' })
      return response.end(JSON.stringify({ url: signed, expiresIn: 600 }))
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    response.end(parentPage)
  })
  await new Promise<void>((resolve) => parentServer.listen(0, '127.0.0.1', resolve))
  const parent = `http://127.0.0.1:${(parentServer.address() as AddressInfo).port}`
  const status = await app.evaluate(
    (origin) => window.workbench.updateEmulatorSettings({ allowedParents: [origin] }),
    parent
  )
  if (!status.ok || !status.value.baseUrl) throw new Error(`emulator: ${JSON.stringify(status)}`)
  embedBase = status.value.baseUrl

  harPath = join(mkdtempSync(join(tmpdir(), 'ewb-har-')), 'customer.har')
  browser = await launchChromium()
  const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } })
  const page = await context.newPage()
  const frame = page.frameLocator('#embed')
  await page.goto(`${parent}/?mode=cache`)
  await frame.getByTestId('sales-table').waitFor()
  // The refresh: the embed API hands out the same URL again, and the host refuses it.
  await page.reload()
  await frame.locator('[data-testid="host-error-message"]').waitFor()
  await page.goto(`${parent}/?mode=rewrite`)
  await frame.locator('[data-testid="host-error-message"]').waitFor()
  await context.close() // writes the HAR
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await appBrowser?.close()
  parentServer?.close()
  await host?.stop()
})

interface JsonEntry {
  index: number
  kind: string
  status: number | null
  hostCode: string | null
  signature: string
  verdict: string
  findings: { code: string; message: string }[]
}

const har = (args: string[], env: Record<string, string> = {}) => cli(['har', ...args], env)
const bundle = (args: string[], env: Record<string, string> = {}) => cli(['bundle', ...args], env)

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/embed-workbench.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      maxBuffer: 64 * 1024 * 1024
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('a HAR recorded by the browser, judged by embed-workbench har', () => {
  it('finds the embed API’s answers and the iframe loads, names the reused nonce and the URL changed after signing', async () => {
    expect(JSON.parse(readFileSync(harPath, 'utf8')).log.creator.name).toBe('Playwright')
    const { code, stdout } = await har([harPath, '--json', '--secret-env', 'CUSTOMER_SECRET'], {
      CUSTOMER_SECRET: SECRET
    })
    expect(code).toBe(1)
    const report = JSON.parse(stdout) as { entries: JsonEntry[]; sequence: { code: string; entries: number[] }[] }
    const loads = report.entries.filter((e) => e.kind === 'embed-url')
    const answers = report.entries.filter((e) => e.kind === 'api-response')
    expect(answers).toHaveLength(3)
    expect(loads).toHaveLength(3)
    // First load: accepted, signature valid.
    expect(loads[0]).toMatchObject({ status: 200, signature: 'valid', verdict: 'ok' })
    // The refresh: the same nonce, refused by the host, and named as such.
    expect(loads[1]!.status).toBeGreaterThanOrEqual(400)
    expect(loads[1]!.findings.map((f) => f.code)).toContain('NONCE_REUSED')
    expect(report.sequence.find((f) => f.code === 'NONCE_REUSED')?.entries).toEqual([loads[0]!.index, loads[1]!.index])
    // The rewrite: the parameter the parent added, and the signature that no longer verifies.
    const changed = loads[2]!.findings.find((f) => f.code === 'URL_CHANGED_IN_TRANSIT')
    expect(changed?.message).toContain(':theme added')
    expect(loads[2]!.signature).toBe('invalid')
  })

  it('with the vault passphrase, checks signatures with the stored credentials; without anything, says it checked structure only', async () => {
    const withVault = await har([harPath, '--json', '--data-dir', host.dataDir], {
      EMBED_WORKBENCH_PASSPHRASE: E2E_PASSPHRASE
    })
    const report = JSON.parse(withVault.stdout) as {
      entries: (JsonEntry & { verdict: string })[]
      summary: { credentialsTried: number }
    }
    expect(report.summary.credentialsTried).toBeGreaterThanOrEqual(2)
    expect(report.entries.find((e) => e.kind === 'embed-url')?.signature).toBe('valid')

    const bare = await har([harPath])
    expect(bare.stderr).toContain('signatures are not checked')
    expect(bare.stdout).toContain('no credential to check signatures with (structure only)')
  })

  it('bundle export leaves the secret, signatures and client id out; bundle open brings the same findings back with a sandbox credential', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ewb-bundle-')), 'customer.repro.json')
    const exported = await bundle(['export', harPath, '--out', out, '--secret-env', 'CUSTOMER_SECRET'], {
      CUSTOMER_SECRET: SECRET
    })
    expect(exported.code).toBe(0)
    expect(exported.stdout).toContain('signature (:signature)')
    const text = readFileSync(out, 'utf8')
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(CLIENT_ID)
    expect(text).not.toMatch(/:signature=[0-9a-f]{64}/)
    const opened = await bundle(['open', out, '--json'])
    expect(opened.code).toBe(0)
    const repro = JSON.parse(opened.stdout) as { reproduced: boolean; comparison: { expected: string[] }[] }
    expect(repro.reproduced).toBe(true)
    const codes = repro.comparison.flatMap((c) => c.expected)
    expect(codes).toContain('NONCE_REUSED')
    expect(codes).toContain('URL_CHANGED_IN_TRANSIT')
  })

  it('the same recorded HAR, dropped on the Evidence screen: the reload is named as a reuse of the first load, with the time of each', async () => {
    await app.getByTestId('nav-evidence').click()
    await app.setInputFiles('[data-testid=evidence-file-input]', harPath)
    const reused = app.locator('[data-testid="har-sequence-item"][data-code="NONCE_REUSED"]')
    await reused.waitFor()
    const recorded = JSON.parse(readFileSync(harPath, 'utf8')) as {
      log: { entries: { startedDateTime: string; request: { url: string } }[] }
    }
    const loads = recorded.log.entries.filter(
      (e) => e.request.url.includes(':nonce=') && e.request.url.startsWith(embedBase)
    )
    const text = (await reused.textContent())!
    expect(text).toContain(loads[0]!.startedDateTime)
    expect(text).toContain(loads[1]!.startedDateTime)
    const second = app.locator(`[data-testid="har-row"][data-index="${recorded.log.entries.indexOf(loads[1]!)}"]`)
    expect(await second.getAttribute('data-verdict')).toBe('error')
  })

  it('bad usage exits 2; a file that is not a HAR exits 1 and says so', async () => {
    expect((await har([])).code).toBe(2)
    const notHar = join(mkdtempSync(join(tmpdir(), 'ewb-har-')), 'screenshot.png')
    writeFileSync(notHar, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))
    const result = await har([notHar])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('HAR_NOT_A_HAR')
    expect((await har([join(tmpdir(), 'no-such.har')])).stderr).toContain('Cannot read')
  })
})
