/** The embed-workbench command line, run in-process with its streams captured. */
import { execFile } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { promisify } from 'node:util'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../main/cli/index'
import { CLIENT_ID, EMBED_PATH, NOW, SECRET, WORKBOOK_URL } from '../../fixtures/embed'
import { KEY_PASSPHRASE, makePki, type Pki } from '../../fixtures/pki'
import { dispatch } from '../../../main/core/dispatch'
import { createHandlers, createServices } from '../../../main/services'
import type { Result } from '../../../preload/contract'
import { fastScrypt, tempDir, unwrap } from '../helpers'

async function run(args: string[], env: Record<string, string> = {}, stdin = '', now = NOW) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { EMBED_SECRET: SECRET, ...env },
    readStdin: () => stdin,
    now: () => now
  })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}
/** A long-running command (emulator, verify-server) in process: its output so far, and how to stop it. */
function startCommand(args: string[], env: Record<string, string>) {
  const out: string[] = []
  let stop = () => {}
  const stopped = new Promise<void>((resolve) => (stop = resolve))
  const done = runCli(args, {
    stdout: (t) => out.push(t),
    stderr: () => {},
    env,
    readStdin: () => '',
    now: () => Math.floor(Date.now() / 1000),
    untilStopped: () => stopped
  })
  return { text: () => out.join('\n'), stop, done }
}

/** The customer's credential, imported with the CLI into a data folder of its own. */
async function importCustomer(passphrase: Record<string, string>): Promise<string> {
  const dir = tempDir()
  await run(
    [
      'credentials',
      'import',
      '--data-dir',
      dir,
      '--name',
      'Customer',
      '--client-id',
      CLIENT_ID,
      '--secret-env',
      'EMBED_SECRET'
    ],
    passphrase
  )
  return dir
}
const signArgs = [
  'sign',
  '--method',
  'url',
  '--embed-path',
  EMBED_PATH,
  '--client-id',
  CLIENT_ID,
  '--secret-env',
  'EMBED_SECRET',
  '--email',
  'sales.manager@example.com',
  '--external-user-id',
  'sm-1',
  '--teams',
  'Sales_Managers,Sales_People',
  '--account-type',
  'Creator',
  '--ua',
  'Region=West,East',
  '--session-length',
  '600'
]

describe('embed-workbench sign', () => {
  it('prints a URL that verifies by the bare algorithm, and never the secret', async () => {
    const { code, stdout, stderr } = await run(signArgs)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^https:\/\/app\.sigmacomputing\.com\/embed\/.+&:signature=[0-9a-f]{64}$/)
    const [unsigned, signature] = stdout.split('&:signature=')
    expect(signature).toBe(createHmac('sha256', SECRET).update(unsigned!).digest('hex'))
    expect(stdout).toContain(':external_user_team=Sales_Managers,Sales_People&')
    expect(stdout).toContain(':ua_Region=West,East&')
    expect(stdout + stderr).not.toContain(SECRET)
  })

  it('--json gives the params, expiry and findings; JWT via --persona-file', async () => {
    const dir = tempDir()
    const file = join(dir, 'personas.json')
    writeFileSync(
      file,
      JSON.stringify({
        format: 'embed-workbench-personas',
        version: 1,
        personas: [
          { name: 'A', email: 'a@example.com', teams: ['T'] },
          { name: 'B', email: 'b@example.com', teams: ['U'], accountType: 'Viewer' }
        ]
      })
    )
    const { code, stdout } = await run([
      'sign',
      '--method',
      'jwt',
      '--embed-path',
      WORKBOOK_URL,
      '--client-id',
      CLIENT_ID,
      '--secret-env',
      'EMBED_SECRET',
      '--persona-file',
      file,
      '--persona',
      'B',
      '--json'
    ])
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    expect(result).toMatchObject({
      method: 'jwt',
      issuedAt: NOW,
      expiresAt: NOW + 3600,
      jwt: { header: { kid: CLIENT_ID }, payload: { sub: 'b@example.com', teams: ['U'], account_type: 'Viewer' } },
      findings: []
    })
    expect(
      (
        await run([
          'sign',
          '--method',
          'jwt',
          '--embed-path',
          WORKBOOK_URL,
          '--client-id',
          CLIENT_ID,
          '--secret-env',
          'EMBED_SECRET',
          '--persona-file',
          file
        ])
      ).stderr
    ).toContain('choose one with --persona')
  })

  it('reads the secret from a file, trimming a trailing newline and saying so', async () => {
    const file = join(tempDir(), 'secret')
    writeFileSync(file, `${SECRET}\n`)
    const { code, stdout, stderr } = await run([
      ...signArgs.filter((a) => a !== '--secret-env' && a !== 'EMBED_SECRET'),
      '--secret-file',
      file
    ])
    expect(code).toBe(0)
    expect(stderr).toContain('trailing newline')
    const [unsigned, signature] = stdout.split('&:signature=')
    expect(signature).toBe(createHmac('sha256', SECRET).update(unsigned!).digest('hex'))
  })

  it('refuses an embed path with a query string exactly as the app does, and prints no URL', async () => {
    // What the app's Sign screen answers, through the same dispatcher the renderer uses.
    const services = await createServices({ dataDir: tempDir(), scryptParams: fastScrypt })
    await services.vault.setUp('a long enough passphrase', 'a long enough passphrase')
    const handlers = createHandlers(services)
    const { credential } = unwrap(
      (await dispatch(handlers, 'importCredential', {
        name: 'Staging',
        clientId: CLIENT_ID,
        secret: SECRET
      })) as Result<{ credential: { id: string } }>
    )
    const [persona] = unwrap((await dispatch(handlers, 'listPersonas', {})) as Result<{ id: string }[]>)
    const withQuery = `${EMBED_PATH}?x=1`
    const app = await dispatch(handlers, 'signEmbedUrl', {
      method: 'url',
      credentialId: credential.id,
      personaId: persona!.id,
      options: { embedPath: withQuery, sessionLength: 600 }
    })
    expect(app.ok).toBe(false)
    const appMessage = app.ok ? '' : app.error.message
    expect(appMessage).toContain('query string')

    const { code, stdout, stderr } = await run(signArgs.map((a) => (a === EMBED_PATH ? withQuery : a)))
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr).toContain(appMessage)
  })

  it.each([
    [['sign', '--secret', SECRET], '--secret is not accepted'],
    [['sign', `--client-secret=${SECRET}`], '--client-secret is not accepted'],
    [['inspect', 'x', '--passphrase', 'p'], '--passphrase is not accepted'],
    [['sign', '--method', 'soap'], '--method must be'],
    [[...signArgs.slice(0, 7), '--secret-env', 'NOT_SET', '--email', 'a@b.c'], 'NOT_SET is not set'],
    [['inspect'], 'inspect takes one URL'],
    [['frobnicate'], 'Unknown command'],
    [['inspect', 'x', '--bogus'], "Unknown option '--bogus'"]
  ])('bad usage %j exits 2 with a message', async (args, message) => {
    const { code, stderr, stdout } = await run(args as string[])
    expect(code).toBe(2)
    expect(stderr).toContain(message)
    expect(stdout + stderr).not.toContain(SECRET)
  })
})

describe('embed-workbench inspect', () => {
  it('prints the documented JSON and exits 0 for a good URL', async () => {
    const url = (await run(signArgs)).stdout
    const { code, stdout } = await run(['inspect', url, '--secret-env', 'EMBED_SECRET', '--json'])
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    expect(Object.keys(result)).toEqual(['method', 'signature', 'findings', 'params'])
    expect(result).toMatchObject({ method: 'url', signature: 'valid' })
    // Only the encoding is explained (info): nothing is wrong with it.
    expect(result.findings.map((f: { code: string }) => f.code)).toEqual(['ENCODING_STYLE'])
    expect(result.params[2]).toEqual({ name: ':email', value: 'sales.manager@example.com' })
  })

  it('exits 1 with the finding and its fix for a tampered URL', async () => {
    const url = (await run(signArgs)).stdout.replace('&:signature=', '&:hide_menu=true&:menu_position=top&:signature=')
    const { code, stdout } = await run(['inspect', url, '--secret-env', 'EMBED_SECRET', '--json'])
    expect(code).toBe(1)
    const { findings, signature } = JSON.parse(stdout)
    expect(signature).toBe('invalid')
    expect(findings[0]).toEqual({
      code: 'PARAM_ADDED_AFTER_SIGNING',
      severity: 'error',
      param: ':hide_menu',
      message: expect.any(String),
      fix: expect.any(String)
    })
  })

  it('--now travels in time; "-" reads standard input; without a secret the signature is unchecked', async () => {
    const url = (await run(signArgs)).stdout
    expect(
      JSON.parse(
        (await run(['inspect', url, '--secret-env', 'EMBED_SECRET', '--now', String(NOW + 601), '--json'])).stdout
      ).findings.map((f: { code: string }) => f.code)
    ).toContain('EXPIRED')
    const piped = await run(['inspect', '-', '--json'], {}, `${url}\n`)
    expect(piped.code).toBe(0)
    expect(JSON.parse(piped.stdout).signature).toBe('unchecked')
  })

  it('human output lists the parameters, findings and fixes', async () => {
    const { code, stdout } = await run(['inspect', `${EMBED_PATH}?:email=x&:signature=abc`])
    expect(code).toBe(1)
    expect(stdout).toMatch(/ERROR REQUIRED_PARAM_MISSING \(:nonce\)\n {2}The required parameter ":nonce" is missing/)
    expect(stdout).toContain('fix: ')
  })
})

describe('embed-workbench diff', () => {
  it('shows what changed and exits 1 when anything did', async () => {
    const a = `${EMBED_PATH}?:email=a@example.com&:theme=Dark`
    const { code, stdout } = await run(['diff', a, a.replace('Dark', 'Light')])
    expect(code).toBe(1)
    expect(stdout).toContain('~ :theme  Dark → Light')
    expect((await run(['diff', a, a])).code).toBe(0)
  })
})

describe('embed-workbench credentials and emulator (headless, same data folder as the app)', () => {
  const PASS = { EMBED_WORKBENCH_PASSPHRASE: 'cli vault passphrase' }

  it('create opens the secret file first: an existing file or a missing folder saves no credential', async () => {
    const dir = tempDir()
    const { existsSync, readFileSync, writeFileSync: write } = await import('node:fs')
    const first = await run(
      ['credentials', 'create', '--data-dir', dir, '--name', 'Kept', '--secret-out', join(dir, 'kept.secret')],
      PASS
    )
    expect(first.code).toBe(0)
    const taken = join(dir, 'taken.secret')
    write(taken, 'keep me\n')
    const onTaken = await run(['credentials', 'create', '--data-dir', dir, '--name', 'A', '--secret-out', taken], PASS)
    expect(onTaken.code).toBe(2)
    expect(onTaken.stderr).toContain(taken)
    expect(readFileSync(taken, 'utf8')).toBe('keep me\n')
    const missing = join(dir, 'no-such-folder', 'a.secret')
    const onMissing = await run(
      ['credentials', 'create', '--data-dir', dir, '--name', 'B', '--secret-out', missing],
      PASS
    )
    expect(onMissing.code).toBe(2)
    expect(existsSync(missing)).toBe(false)
    // Neither attempt left a credential whose secret nobody has.
    const listed = await run(['credentials', 'list', '--data-dir', dir, '--json'], PASS)
    expect(listed.code).toBe(0)
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((c) => c.name)).toEqual(['Kept'])
  })

  it('list and revoke on a folder without a vault say so and create nothing', async () => {
    const { readdirSync } = await import('node:fs')
    const dir = tempDir()
    const listed = await run(['credentials', 'list', '--data-dir', dir], PASS)
    expect(listed.code).toBe(1)
    expect(listed.stderr).toContain('no vault')
    const revoked = await run(['credentials', 'revoke', '--data-dir', dir, '--name', 'X'], PASS)
    expect(revoked.code).toBe(1)
    expect(readdirSync(dir)).toEqual([])
  })

  it('create writes the secret to a file only; import, list and revoke work on the same vault', async () => {
    const dir = tempDir()
    const secretFile = join(dir, 'new-secret')
    const created = await run(
      ['credentials', 'create', '--data-dir', dir, '--name', 'From CLI', '--secret-out', secretFile],
      PASS
    )
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/^[0-9a-f]{64}$/)
    const { readFileSync, statSync } = await import('node:fs')
    const secret = readFileSync(secretFile, 'utf8').trim()
    expect(secret).toMatch(/^[0-9a-f]{128}$/)
    expect(statSync(secretFile).mode & 0o077).toBe(0)
    expect(created.stdout + created.stderr).not.toContain(secret)
    expect(
      (
        await run(
          [
            'credentials',
            'import',
            '--data-dir',
            dir,
            '--name',
            'Customer',
            '--client-id',
            CLIENT_ID,
            '--secret-env',
            'EMBED_SECRET'
          ],
          PASS
        )
      ).code
    ).toBe(0)
    const list = JSON.parse((await run(['credentials', 'list', '--data-dir', dir, '--json'], PASS)).stdout)
    expect(list.map((c: { name: string }) => c.name).sort()).toEqual(['Customer', 'From CLI'])
    expect(JSON.stringify(list)).not.toContain(SECRET)
    expect((await run(['credentials', 'revoke', '--data-dir', dir, '--name', 'Customer'], PASS)).stdout).toBe(
      `revoked ${CLIENT_ID}`
    )
    expect(
      (await run(['credentials', 'list', '--data-dir', dir], { EMBED_WORKBENCH_PASSPHRASE: 'wrong passphrase!' })).code
    ).toBe(1)
    expect((await run(['credentials', 'list', '--data-dir', dir])).stderr).toContain('EMBED_WORKBENCH_PASSPHRASE')
    expect((await run(['credentials', 'create', '--data-dir', dir, '--name', 'X'], PASS)).stderr).toContain(
      '--secret-out'
    )
  })

  it('emulator prints its base URL and embed paths, and logs each verdict', async () => {
    const dir = await importCustomer(PASS)
    const cmd = startCommand(['emulator', '--data-dir', dir, '--port', '0'], { ...PASS, EMBED_SECRET: SECRET })
    // Unlocking (scrypt) and starting take a while on a busy CI machine: wait as long as a user would.
    await vi.waitFor(() => expect(cmd.text()).toContain('Ctrl+C stops'), { timeout: 15_000 })
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(cmd.text())![1]!
    expect(cmd.text()).toContain(`${base}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`)
    const signed = await run(
      [
        'sign',
        '--method',
        'url',
        '--embed-path',
        `${base}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`,
        '--client-id',
        CLIENT_ID,
        '--secret-env',
        'EMBED_SECRET',
        '--email',
        'cli@example.com',
        '--teams',
        'Sales_People',
        '--account-type',
        'Viewer'
      ],
      {},
      '',
      Math.floor(Date.now() / 1000)
    )
    expect((await fetch(signed.stdout)).status).toBe(200)
    expect((await fetch(signed.stdout)).status).toBe(400)
    await vi.waitFor(() => expect(cmd.text()).toMatch(/400 REFUSED EINVAL cli@example\.com|400 REFUSED EINVAL/), {
      timeout: 15_000
    })
    expect(cmd.text()).toMatch(/200 ALLOWED cli@example\.com/)
    expect(cmd.text()).toContain('NONCE_REUSED')
    cmd.stop()
    expect(await cmd.done).toBe(0)
  })
})

describe('embed-workbench emulator --serve-as (issue 13, item 3)', () => {
  const PASS = { EMBED_WORKBENCH_PASSPHRASE: 'cli vault passphrase' }
  it('answers as the real host, prints the CA, its SPKI and a Chromium line, and curl reaches it as app.sigmacomputing.com', async () => {
    const dir = await importCustomer(PASS)
    const cmd = startCommand(
      [
        'emulator',
        '--data-dir',
        dir,
        '--port',
        '0',
        '--serve-as',
        'https://app.sigmacomputing.com',
        '--tls-port',
        '0',
        '--allow-parent',
        'http://customer-staging.test'
      ],
      { ...PASS }
    )
    await vi.waitFor(() => expect(cmd.text()).toContain('Ctrl+C stops'), { timeout: 15_000 })
    const text = cmd.text()
    const port = /Answering as https:\/\/app\.sigmacomputing\.com \(TLS on 127\.0\.0\.1:(\d+)/.exec(text)![1]!
    const caPath = /CA certificate: (\S+)/.exec(text)![1]!
    expect(readFileSync(caPath, 'utf8')).toMatch(/BEGIN CERTIFICATE/)
    const spki = /CA SPKI SHA-256: (\S+)/.exec(text)![1]!
    expect(text).toContain(
      `chromium '--host-resolver-rules=MAP app.sigmacomputing.com 127.0.0.1:${port}' --ignore-certificate-errors-spki-list=${spki} --user-data-dir="$(mktemp -d)"`
    )
    const unsigned = `https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn?:nonce=cli-${Date.now()}&:client_id=${CLIENT_ID}&:email=cli@example.com&:external_user_id=cli&:external_user_team=Sales_Managers&:mode=userbacked&:session_length=600&:time=${Math.floor(Date.now() / 1000)}`
    const url = `${unsigned}&:signature=${createHmac('sha256', SECRET).update(unsigned).digest('hex')}`
    const { stdout } = await promisify(execFile)(
      'curl',
      [
        '-sS',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        '--connect-to',
        `app.sigmacomputing.com:443:127.0.0.1:${port}`,
        '--cacert',
        caPath,
        url
      ],
      { encoding: 'utf8' }
    )
    expect(stdout).toBe('200')
    await vi.waitFor(
      () => expect(cmd.text()).toMatch(/200 ALLOWED cli@example\.com https:\/\/app\.sigmacomputing\.com\/embed\//),
      {
        timeout: 15_000
      }
    )
    cmd.stop()
    expect(await cmd.done).toBe(0)
  })

  it('refuses --serve-as without the vault passphrase: the CA key is in the vault', async () => {
    const result = await run(['emulator', '--data-dir', tempDir(), '--serve-as', 'https://app.sigmacomputing.com'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/EMBED_WORKBENCH_PASSPHRASE/)
  })
})

describe('embed-workbench cert check', () => {
  let pki: Pki
  beforeAll(() => {
    pki = makePki()
  }, 60_000)
  const runCert = (args: string[], env: Record<string, string> = {}) =>
    run(['cert', 'check', ...args], env, '', Math.floor(Date.now() / 1000))

  it('prints the documented JSON and exits 0 for a valid certificate, key and CA', async () => {
    const { code, stdout } = await runCert([
      '--cert',
      pki.path('via-int-chain.crt'),
      '--key',
      pki.path('via-int.key'),
      '--ca',
      pki.path('root.crt'),
      '--json'
    ])
    expect(code).toBe(0)
    const json = JSON.parse(stdout)
    expect(json).toMatchObject({
      ok: true,
      keyMatches: true,
      chainValid: true,
      certificate: { subject: 'CN=via-int client', keyDescription: 'EC P-256' },
      findings: []
    })
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['ok', 'keyMatches', 'chainValid', 'certificate', 'findings'])
    )
  })

  it('exits 1 with code, severity, message and fix; the passphrase comes only from the environment', async () => {
    const wrong = await runCert(
      [
        '--cert',
        pki.path('rsa.crt'),
        '--key',
        pki.path('rsa-pkcs8-scrypt.key'),
        '--passphrase-env',
        'KEY_PASS',
        '--json'
      ],
      { KEY_PASS: 'wrong' }
    )
    expect(wrong.code).toBe(1)
    expect(JSON.parse(wrong.stdout).findings[0]).toEqual({
      code: 'PASSPHRASE_WRONG',
      severity: 'error',
      field: 'passphrase',
      message: expect.any(String),
      fix: expect.any(String)
    })
    const right = await runCert(
      ['--cert', pki.path('rsa-legacy.pfx'), '--passphrase-env', 'KEY_PASS', '--ca', pki.path('root.crt')],
      { KEY_PASS: KEY_PASSPHRASE }
    )
    expect(right.code).toBe(0)
    expect(right.stdout).toContain('key matches   yes')
    expect(right.stdout).toContain('PKCS#12 (legacy')
    expect((await runCert(['--cert', pki.path('rsa.crt'), `--passphrase=${KEY_PASSPHRASE}`])).code).toBe(2)
  })

  it('--host is checked against --domains: HOST_NOT_AUTHORIZED for a look-alike host', async () => {
    const evil = await runCert([
      '--cert',
      pki.path('rsa.crt'),
      '--key',
      pki.path('rsa.key'),
      '--domains',
      'api.example.com,*.example.net:8443',
      '--host',
      'api.example.com.evil.net',
      '--json'
    ])
    expect(evil.code).toBe(1)
    expect(JSON.parse(evil.stdout).findings.map((f: { code: string }) => f.code)).toContain('HOST_NOT_AUTHORIZED')
    expect(
      (
        await runCert([
          '--cert',
          pki.path('rsa.crt'),
          '--key',
          pki.path('rsa.key'),
          '--domains',
          'api.example.com,*.example.net:8443',
          '--host',
          'x.example.net:8443'
        ])
      ).code
    ).toBe(0)
    expect((await runCert(['--cert', pki.path('rsa.crt'), '--host', 'x'])).stderr).toContain('--domains')
  })

  it('bad usage exits 2 and says why', async () => {
    expect((await runCert([])).stderr).toContain('needs --cert')
    expect((await runCert(['--cert', '/nonexistent.pem'])).code).toBe(2)
    expect((await run(['cert', 'verify'])).code).toBe(2)
  })
})

describe('embed-workbench request and verify-server', () => {
  it('the verification server and the runner, from the command line, on the same vault', async () => {
    const dataDir = tempDir()
    const env = { EMBED_WORKBENCH_PASSPHRASE: 'a long enough passphrase' }
    const services = await (await import('../../../main/services')).createServices({ dataDir })
    await services.vault.setUp(env.EMBED_WORKBENCH_PASSPHRASE, env.EMBED_WORKBENCH_PASSPHRASE)
    const saved = await services.apiCredentials.save({
      name: 'Orders API',
      baseUrl: 'https://127.0.0.1:1',
      environment: 'test',
      contentType: 'json',
      headers: [],
      orgSpecific: false,
      orgs: [],
      auth: { type: 'hmac', clientId: 'c1', clientSecret: 'cli-hmac-secret' }
    })
    let stop!: () => void
    const out: string[] = []
    const server = runCli(['verify-server', '--credential', 'orders api', '--port', '0', '--data-dir', dataDir], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      env: { ...env }, // its own process environment: the passphrase is dropped from it once read
      readStdin: () => '',
      now: () => Math.floor(Date.now() / 1000),
      untilStopped: () => new Promise<void>((resolve) => (stop = resolve))
    })
    await vi.waitFor(() => expect(out.join('\n')).toMatch(/listening on https:\/\/127\.0\.0\.1:\d+/), {
      timeout: 10_000
    })
    const url = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(out.join('\n'))![1]!
    expect(out.join('\n')).toContain('-----BEGIN CERTIFICATE-----')
    await services.apiCredentials.save({
      ...saved,
      id: saved.id,
      baseUrl: url,
      orgs: [],
      // Pointed at the server: a new destination, so the secret is given again.
      auth: { type: 'hmac', clientId: 'c1', clientSecret: 'cli-hmac-secret' }
    })

    // The runner in another "process" (its own services on the same data folder) cannot trust the
    // server's self-signed certificate, and says so.
    const untrusted = await run(
      ['request', '--credential', 'Orders API', '--method', 'POST', '--path', '/orders', '--data-dir', dataDir],
      env
    )
    expect(untrusted.code).toBe(1)
    expect(untrusted.stdout).toMatch(/FAILED (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/)
    expect(untrusted.stdout).toContain('--- string signed (HMAC-SHA256)')
    expect(untrusted.stdout + untrusted.stderr).not.toContain('cli-hmac-secret')

    const caFile = join(tempDir(), 'verifier.pem')
    writeFileSync(caFile, /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(out.join('\n'))![0])
    const trusted = await run(
      [
        'request',
        '--credential',
        'Orders API',
        '--method',
        'POST',
        '--path',
        '/orders',
        '--cacert',
        caFile,
        '--data-dir',
        dataDir
      ],
      env
    )
    expect(trusted.stdout).toContain('verification server: OK')
    expect(trusted.code).toBe(0)
    await vi.waitFor(() => expect(out.join('\n')).toMatch(/OK {3}POST \/orders \[HMAC-SHA256\]/), {
      timeout: 15_000
    })

    const dry = await run(
      [
        'request',
        '--credential',
        'Orders API',
        '--method',
        'GET',
        '--path',
        '/x?b=1',
        '--dry-run',
        '--json',
        '--data-dir',
        dataDir
      ],
      env
    )
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout)).toMatchObject({
      request: { method: 'GET', url: `${url}/x?b=1` },
      signing: { kind: 'hmac' },
      response: null
    })
    expect(
      (
        await run(
          ['request', '--credential', 'Orders API', '--environment', 'production', '--dry-run', '--data-dir', dataDir],
          env
        )
      ).stderr
    ).toContain('is a test credential')
    expect((await run(['request', '--data-dir', dataDir], env)).code).toBe(2)
    // The channel's own checks: a header value a header cannot carry is refused before anything is sent.
    const broken = await run(
      ['request', '--credential', 'Orders API', '--header', 'X-Note: one\ntwo', '--dry-run', '--data-dir', dataDir],
      env
    )
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('cannot be sent in a header')
    expect(
      (await run(['request', '--credential', 'Orders API', '--now', 'someday', '--data-dir', dataDir], env)).code
    ).toBe(2)
    stop()
    expect(await server).toBe(0)
    expect(out.join('\n')).not.toContain('cli-hmac-secret')
  })
})

describe('terminal output', () => {
  it('a control character in what the CLI prints is shown escaped (a pasted URL cannot drive the terminal)', async () => {
    const { stdout, stderr } = await run([
      'inspect',
      'https://app.sigmacomputing.com/embed/x?:nonce=a\u001b[2J&:client_id=b'
    ])
    expect(stdout + stderr).not.toContain('\u001b')
    expect(stdout + stderr).toContain('\\x1b[2J')
  })
})

describe('the vault passphrase in the environment', () => {
  it('is dropped from the environment once read, so a long-running command does not keep it; vault warnings reach stderr', async () => {
    const dir = tempDir()
    const services = await createServices({ dataDir: dir, scryptParams: fastScrypt })
    await services.vault.setUp('the vault passphrase', 'the vault passphrase')
    await services.credentials.create({ name: 'A', description: '', owner: '', ownerAccountType: 'Admin' })
    const env: Record<string, string> = { EMBED_WORKBENCH_PASSPHRASE: 'the vault passphrase' }
    const err: string[] = []
    const code = await runCli(['credentials', 'list', '--data-dir', dir], {
      stdout: () => {},
      stderr: (t) => err.push(t),
      env,
      readStdin: () => '',
      now: () => Math.floor(Date.now() / 1000)
    })
    expect(code).toBe(0)
    expect(env).not.toHaveProperty('EMBED_WORKBENCH_PASSPHRASE')
    // An edit made outside the app is named on the next unlock, here on stderr.
    const path = join(dir, 'vault.json')
    const data = JSON.parse(readFileSync(path, 'utf8'))
    data.credentials[0].status = 'revoked'
    writeFileSync(path, JSON.stringify(data))
    await runCli(['credentials', 'list', '--data-dir', dir], {
      stdout: () => {},
      stderr: (t) => err.push(t),
      env: { EMBED_WORKBENCH_PASSPHRASE: 'the vault passphrase' },
      readStdin: () => '',
      now: () => Math.floor(Date.now() / 1000)
    })
    expect(err.join('\n')).toMatch(/warning: The vault file was changed outside Embed Workbench/)
  })
})
