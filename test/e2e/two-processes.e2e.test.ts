/**
 * Browser mode and the command line on one data folder at the same time (issue 11, item 4): the
 * app was read once and wrote its whole copy back, so a credential the CLI created vanished at the
 * app's next write, and a revocation made by the CLI was undone. Now each write re-reads the file.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { E2E_PASSPHRASE, launchChromium, openAppWithCredential, root, startHost, type RunningHost } from './harness'

let host: RunningHost
let browser: Browser
let page: Page

const cli = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/embed-workbench.js'), ...args, '--data-dir', host.dataDir], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, EMBED_WORKBENCH_PASSPHRASE: E2E_PASSPHRASE },
    timeout: 30_000
  })

const listed = () => {
  const run = cli(['credentials', 'list', '--json'])
  expect(run.stderr).toBe('')
  return (JSON.parse(run.stdout) as { name: string; status: string }[]).map((c) => `${c.name}:${c.status}`).sort()
}

async function createInApp(name: string) {
  await page.getByTestId('new-credential').first().click()
  await page.getByTestId('credential-name').fill(name)
  await page.getByTestId('submit').click()
  await page.getByTestId('close-reveal').click()
}

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  page = await openAppWithCredential(browser, host)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

it('a credential the CLI creates survives the app’s next write, and the app lists it', async () => {
  const secretOut = join(mkdtempSync(join(tmpdir(), 'ewb-secret-')), 'secret.txt')
  const created = cli(['credentials', 'create', '--name', 'From the CLI', '--secret-out', secretOut])
  expect(created.stderr).toContain('Created "From the CLI"')
  expect(created.status).toBe(0)
  await createInApp('From the app')
  expect(listed()).toEqual(['From the CLI:active', 'From the app:active', 'Staging embed:active'])
  // The app's own list shows the CLI's credential too, without a restart.
  await page.reload()
  await page.getByTestId('credentials-screen').waitFor()
  await expect.poll(() => page.locator('[data-testid="credential-row"]').count(), { timeout: 10_000 }).toBe(3)
})

it('a revocation made by the CLI is not undone by the app’s next write', async () => {
  const revoked = cli(['credentials', 'revoke', '--name', 'Staging embed'])
  expect(revoked.stderr).toBe('')
  expect(revoked.status).toBe(0)
  await createInApp('After the revocation')
  expect(listed()).toEqual([
    'After the revocation:active',
    'From the CLI:active',
    'From the app:active',
    'Staging embed:revoked'
  ])
})
