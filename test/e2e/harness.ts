/**
 * End-to-end harness: the real browser-mode host (out/main/browser.js, as `npm run browser` runs
 * it) in a child process, and a real Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const root = resolve(__dirname, '../..')

export interface RunningHost {
  launchUrl: string
  origin: string
  port: number
  dataDir: string
  output: () => string
  stop(): Promise<void>
}

export async function startHost(dataDir = mkdtempSync(join(tmpdir(), 'ewb-e2e-'))): Promise<RunningHost> {
  const entry = join(root, 'out/main/browser.js')
  if (!existsSync(entry) || !existsSync(join(root, 'out/renderer/index.html'))) {
    throw new Error('The app is not built: run "npm run build" (npm test does it first).')
  }
  const child: ChildProcess = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const launchUrl = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 20_000)
    const check = () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolvePromise(match[1]!)
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${output}`)))
  })
  const url = new URL(launchUrl)
  return {
    launchUrl,
    origin: url.origin,
    port: Number(url.port),
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium'
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's "chromium" (bash .ci/run does) or set CHROMIUM_PATH.`
    )
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs
    ]
  })
}

export const E2E_PASSPHRASE = 'correct horse battery staple'

/** Opens the app, creates the vault and one credential ("Staging embed"): where most journeys start. */
export async function openAppWithCredential(
  browser: Browser,
  host: RunningHost,
  viewport = { width: 1280, height: 900 }
) {
  const page = await (await browser.newContext({ viewport })).newPage()
  await page.goto(host.launchUrl)
  await page.getByTestId('passphrase').fill(E2E_PASSPHRASE)
  await page.getByTestId('confirmation').fill(E2E_PASSPHRASE)
  await page.getByTestId('create-vault').click()
  await page.getByTestId('credentials-screen').waitFor()
  await page.getByTestId('new-credential').first().click()
  await page.getByTestId('credential-name').fill('Staging embed')
  await page.getByTestId('submit').click()
  await page.getByTestId('close-reveal').click()
  return page
}

/**
 * Imports a customer's credential (client id + secret) into the open app's vault, through the
 * bridge, as the Credentials screen's import does. Throws if the app refuses it.
 */
export async function importCustomerCredential(page: Page, name: string, clientId: string, secret: string) {
  const imported = await page.evaluate(
    ([n, c, s]) =>
      window.workbench.importCredential({
        name: n!,
        clientId: c!,
        secret: s!,
        description: '',
        owner: '',
        ownerAccountType: 'Admin'
      }),
    [name, clientId, secret]
  )
  if (!imported.ok) throw new Error(`the app refused the credential: ${imported.error.message}`)
}

export interface PageTraffic {
  /** Every bridge response the page received: the channel and its raw body. */
  bridgeResponses: { channel: string; body: string }[]
  /** Console messages and page errors. */
  consoleLines: string[]
}

/** Records what a page saw, so a test can assert that no secret reached it by any road. */
export function recordTraffic(page: Page): PageTraffic {
  const traffic: PageTraffic = { bridgeResponses: [], consoleLines: [] }
  page.on('console', (message) => traffic.consoleLines.push(message.text()))
  page.on('pageerror', (error) => traffic.consoleLines.push(`pageerror: ${error.message}`))
  page.on('response', async (response) => {
    const url = new URL(response.url())
    if (url.pathname.startsWith('/__bridge/')) {
      traffic.bridgeResponses.push({
        channel: url.pathname.slice('/__bridge/'.length),
        body: await response.text().catch(() => '')
      })
    }
  })
  return traffic
}
