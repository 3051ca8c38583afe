/**
 * The emulator's workbook page in a real Chromium, framed by a small parent app written the way
 * the vendor's QuickStart writes its page (an iframe whose src is the signed URL, and a message
 * listener), with its own HMAC code.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openOrg } from '../../main/emulator/org'
import { hostMessages } from '../../main/emulator/verify'
import { startEmulator, type Emulator } from '../../main/emulator/server'
import { CLIENT_ID, SECRET } from '../fixtures/embed'
import { launchChromium, root } from './harness'

let dir: string
let emulator: Emulator
let parent: Server
let parentOrigin: string
let browser: Browser

function signedUrl(user: { email: string; team: string; accountType: string; extra?: string }): string {
  let searchParams = `?:nonce=${randomUUID()}&:client_id=${CLIENT_ID}&:email=${user.email}&:external_user_id=${user.email}`
  searchParams += `&:external_user_team=${user.team}&:account_type=${user.accountType}&:mode=userbacked&:session_length=600`
  searchParams += `&:time=${Math.floor(Date.now() / 1000)}${user.extra ?? ''}`
  const url = `${emulator.baseUrl}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn${searchParams}`
  return `${url}&:signature=${createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(Buffer.from(url, 'utf8')).digest('hex')}`
}

/** Opens the parent page with the embed in an iframe; returns the page, the frame and the messages it received. */
async function embed(
  url: string
): Promise<{ page: Page; frame: Frame; messages: () => Promise<{ type: string; [k: string]: unknown }[]> }> {
  const page = await browser.newPage()
  await page.goto(`${parentOrigin}/?src=${encodeURIComponent(url)}`)
  const handle = await page.waitForSelector('iframe')
  const frame = (await handle.contentFrame())!
  await frame.waitForLoadState()
  return {
    page,
    frame,
    messages: () => page.evaluate(() => (window as unknown as { received: { type: string }[] }).received)
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ewb-e2e-emulator-'))
  emulator = await startEmulator({
    org: openOrg({ dataDir: dir }),
    credentials: async () => [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' }],
    port: 0,
    pageDir: join(root, 'out/renderer')
  })
  // The parent application: an iframe with the embed URL, and a listener for the embed's events.
  parent = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? ''
    if (req.url?.startsWith('/parent.js')) {
      res.writeHead(200, { 'Content-Type': 'text/javascript' })
      return res.end(
        `window.received = []; window.addEventListener('message', (e) => { if (e.origin === ${JSON.stringify(emulator.baseUrl)}) window.received.push(e.data) });`
      )
    }
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(
      `<!doctype html><script src="/parent.js"></script><h1>Parent app</h1><iframe width="1000" height="700" src="${src.replace(/"/g, '&quot;')}"></iframe>`
    )
  })
  await new Promise<void>((r) => parent.listen(0, '127.0.0.1', () => r()))
  parentOrigin = `http://127.0.0.1:${(parent.address() as AddressInfo).port}`
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await emulator?.close()
  parent?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the emulated workbook in a parent app', () => {
  it('a Creator sees the workbook with edit controls; the events arrive with their payloads', async () => {
    const { page, frame, messages } = await embed(
      signedUrl({ email: 'creator@example.com', team: 'Sales_Managers', accountType: 'Creator' })
    )
    await frame.getByTestId('sales-table').waitFor()
    expect(await frame.getByTestId('action-edit').count()).toBe(1)
    expect(await frame.getByTestId('action-save-as').count()).toBe(1)
    expect(await frame.getByTestId('action-explore').count()).toBe(1)
    await expect
      .poll(async () => (await messages()).map((m) => m.type))
      .toEqual(expect.arrayContaining(['workbook:loaded', 'workbook:dataloaded']))
    expect((await messages()).find((m) => m.type === 'workbook:loaded')).toEqual({
      type: 'workbook:loaded',
      // The SDK types variables as Record<string, string>: an unset control is "".
      workbook: { variables: { 'Region-Control': '' } }
    })
    // Inbound: the parent sets a control and asks for the variables.
    await page.evaluate(() => {
      const target = document.querySelector('iframe')!.contentWindow!
      target.postMessage({ type: 'workbook:variables:update', variables: { 'Region-Control': 'East' } }, '*')
      target.postMessage({ type: 'workbook:variables:list' }, '*')
    })
    await expect
      .poll(async () => (await messages()).find((m) => m.type === 'workbook:variables:current'))
      .toEqual({ type: 'workbook:variables:current', variables: { 'Region-Control': 'East' } })
    expect((await messages()).find((m) => m.type === 'workbook:variables:onchange')).toEqual({
      type: 'workbook:variables:onchange',
      workbook: { variables: { 'Region-Control': 'East' } }
    })
    const regions = await frame
      .getByTestId('sales-row')
      .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-region')))])
    expect(regions).toEqual(['East'])
    await page.close()
  })

  it('a Viewer sees no edit, save-as or explore controls', async () => {
    const { page, frame } = await embed(
      signedUrl({ email: 'viewer@example.com', team: 'Sales_People', accountType: 'Viewer' })
    )
    await frame.getByTestId('sales-table').waitFor()
    for (const action of ['action-edit', 'action-save-as', 'action-explore'])
      expect(await frame.getByTestId(action).count(), action).toBe(0)
    await page.close()
  })

  it('a user with Region=West sees only West rows, and the chart shows only West', async () => {
    const { page, frame } = await embed(
      signedUrl({
        email: 'west@example.com',
        team: 'Sales_Managers',
        accountType: 'Creator',
        extra: '&:ua_Region=West'
      })
    )
    await frame.getByTestId('sales-table').waitFor()
    const regions = await frame
      .getByTestId('sales-row')
      .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-region')))])
    expect(regions).toEqual(['West'])
    expect(
      await frame.getByTestId('chart-bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-region')))
    ).toEqual(['West'])
    expect(await frame.getByTestId('rls-badge').textContent()).toContain('West')
    await page.close()
  })

  it('the same URL again shows the documented error in the frame and posts workbook:error', async () => {
    const url = signedUrl({ email: 'again@example.com', team: 'Sales_People', accountType: 'Viewer' })
    const first = await embed(url)
    await first.frame.getByTestId('sales-table').waitFor()
    await first.page.close()
    const second = await embed(url)
    expect(await second.frame.getByTestId('host-error-message').textContent()).toBe(hostMessages.invalidRequest)
    await expect
      .poll(async () => (await second.messages()).find((m) => m.type === 'workbook:error'))
      .toEqual({ type: 'workbook:error', code: 'EINVAL', message: hostMessages.invalidRequest })
    await second.page.close()
  })

  it('a tampered URL shows "Invalid embed signature" without a code, as the signed-URL error page shows it', async () => {
    const { page, frame, messages } = await embed(
      signedUrl({ email: 't@example.com', team: 'Sales_People', accountType: 'Viewer' }).replace('Viewer', 'Creator')
    )
    expect(await frame.getByTestId('host-error-message').textContent()).toBe(hostMessages.badSignature)
    expect(await frame.getByTestId('host-error-code').count()).toBe(0)
    await expect
      .poll(async () => (await messages()).find((m) => m.type === 'workbook:error'))
      .toEqual({ type: 'workbook:error', message: hostMessages.badSignature })
    await page.close()
  })

  it('after the session length the page says "Session expired. Reload the page."', async () => {
    const url = signedUrl({ email: 'short@example.com', team: 'Sales_People', accountType: 'Viewer' }).replace(
      /:session_length=600/,
      ':session_length=2'
    )
    // Re-sign: the session length is part of the signed URL.
    const unsigned = url.split('&:signature=')[0]!
    const { page, frame, messages } = await embed(
      `${unsigned}&:signature=${createHmac('sha256', SECRET).update(unsigned).digest('hex')}`
    )
    await frame.getByTestId('session-expired').waitFor({ timeout: 10_000 })
    expect(await frame.getByTestId('session-expired').textContent()).toContain('Session expired. Reload the page.')
    // As the error-code pages show it: the message, without a code (ESTALE means a deleted object).
    const error = (await messages()).find((m) => m.type === 'workbook:error')!
    expect(error).toMatchObject({ message: 'Session expired. Reload the page.' })
    expect(error).not.toHaveProperty('code')
    expect(await frame.getByTestId('host-error-code').count()).toBe(0)
    await page.close()
  })
})
