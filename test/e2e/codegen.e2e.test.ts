/**
 * Issue 16, "proven, not just printed": the embed API programs `embed-workbench codegen` exports
 * (Node.js with Express + jsonwebtoken from the npm registry; Python with Flask + PyJWT and Ruby
 * with jwt from Debian) are run as they are, with the secret in EMBED_SECRET; each URL they print
 * is loaded from the emulator, which must accept it with the persona's user, permissions and rows:
 * the same as the app's own signed URL for that persona.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  importCustomerCredential,
  launchChromium,
  openAppWithCredential,
  root,
  startHost,
  type RunningHost
} from './harness'
import { CLIENT_ID, SECRET } from '../fixtures/embed'
import { seedPersonas } from '../../main/personas/personas-service'

const run = promisify(execFile)
let host: RunningHost
let browser: Browser
let app: Page
let base: string
const dir = mkdtempSync(join(tmpdir(), 'ewb-codegen-'))

beforeAll(async () => {
  host = await startHost()
  browser = await launchChromium()
  app = await openAppWithCredential(browser, host)
  await importCustomerCredential(app, 'Customer', CLIENT_ID, SECRET)
  const status = await app.evaluate(() => window.workbench.getEmulator({}))
  if (!status.ok || !status.value.baseUrl) throw new Error('the emulator is not running')
  base = status.value.baseUrl
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

interface Loaded {
  status: number
  email: string | null
  permissions: string[]
  rows: number
  controls: Record<string, string>
  message: string
}

/** The URL loaded from the emulator as a frame would: its verdict and what its page holds. */
async function load(url: string): Promise<Loaded> {
  const response = await fetch(url, { headers: { 'Sec-Fetch-Dest': 'iframe' } })
  const html = await response.text()
  const json = /<script type="application\/json" id="ewb-bootstrap">([\s\S]*?)<\/script>/.exec(html)?.[1]
  const bootstrap = JSON.parse(json ?? '{}') as {
    session?: { identity: { email: string }; permissions: string[]; controls: Record<string, string> }
    rows?: unknown[]
  }
  return {
    status: response.status,
    email: bootstrap.session?.identity.email ?? null,
    permissions: bootstrap.session?.permissions ?? [],
    rows: bootstrap.rows?.length ?? 0,
    controls: bootstrap.session?.controls ?? {},
    message: JSON.stringify((bootstrap as { error?: unknown }).error ?? null)
  }
}

async function cli(args: string[]) {
  const { stdout } = await run(process.execPath, [join(root, 'bin/embed-workbench.js'), ...args])
  return stdout
}

const programs = [
  { lang: 'node', file: 'embed-api.js', command: process.execPath, env: { NODE_PATH: join(root, 'node_modules') } },
  // Debian's python3, where apt installs python3-flask and python3-jwt (not a pyenv or venv one).
  { lang: 'python', file: 'embed_api.py', command: '/usr/bin/python3', env: {} },
  // Debian's ruby with its ruby-jwt package (.ci/run installs both).
  { lang: 'ruby', file: 'embed_api.rb', command: '/usr/bin/ruby', env: {} }
] as const

describe.each(programs)('the $lang embed API, run', (program) => {
  it.each(seedPersonas.flatMap((persona) => (['jwt', 'url'] as const).map((method) => ({ ...persona, method }))))(
    '$method for $name: the emulator loads its URL with the persona’s user, permissions and rows',
    async (persona) => {
      const embedPath =
        persona.method === 'jwt'
          ? `${base}/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn/page/Dashboard`
          : `${base}/embed/2-5Rq2dXbWzP8tYkL0mN3vHa`
      // One email per method and language: the emulator, like the host, refuses an email it already
      // knows under another external user id (a JWT's user is known by its email alone).
      const email = `${program.lang}.${persona.method}.${persona.email}`
      const file = join(dir, `${program.lang}-${persona.method}-${persona.externalUserId}-${program.file}`)
      const flags = [
        '--method',
        persona.method,
        '--embed-path',
        embedPath,
        '--client-id',
        CLIENT_ID,
        '--email',
        email,
        '--external-user-id',
        `${program.lang}.${persona.method}.${persona.externalUserId}`,
        '--teams',
        persona.teams!.join(','),
        '--account-type',
        persona.accountType!,
        '--ua',
        'Region=West',
        '--control',
        'Region-Control=West',
        '--session-length',
        '600'
      ]
      await cli(['codegen', '--lang', program.lang, ...flags, '--out', file])
      const code = readFileSync(file, 'utf8')
      expect(code).not.toContain(SECRET)
      expect(code).toContain('EMBED_SECRET')
      const { stdout } = await run(program.command, [file, '--print'], {
        env: { PATH: process.env.PATH ?? '', EMBED_SECRET: SECRET, ...program.env }
      })
      const printed = stdout.trim()
      expect(printed.startsWith(embedPath)).toBe(true)

      // The app's own URL for the same persona and options, signed by the CLI's signer.
      writeFileSync(join(dir, 'secret'), SECRET)
      const own = (await cli(['sign', ...flags, '--secret-file', join(dir, 'secret')])).trim()
      const [fromProgram, fromApp] = [await load(printed), await load(own)]
      expect(fromProgram.status, `${printed}\n${fromProgram.message}`).toBe(200)
      expect(fromProgram.email).toBe(email)
      expect(fromProgram.permissions).toEqual(fromApp.permissions)
      expect(fromProgram.permissions.length).toBeGreaterThan(0)
      expect(fromProgram.rows).toBe(fromApp.rows)
      expect(fromProgram.rows).toBeGreaterThan(0)
      expect(fromProgram.controls).toEqual({ 'Region-Control': 'West' })
    }
  )
})
