/**
 * The built command line as a user runs it after `npm ci && npm run build`: the package's bin
 * (bin/embed-workbench.js -> out/main/cli.js), in a child process with the secret in the
 * environment only.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { CLIENT_ID, EMBED_PATH, SECRET } from '../fixtures/embed'
import { KEY_PASSPHRASE, makePki } from '../fixtures/pki'
import { root } from './harness'

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(root, 'bin/embed-workbench.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, EMBED_SECRET: SECRET },
    timeout: 30_000
  })

it('signs, inspects and catches a tamper through the built bin, with exit codes 0, 1 and 2', () => {
  const signed = cli([
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
    'sales.person@example.com',
    '--external-user-id',
    'sp-1',
    '--teams',
    'Sales_People',
    '--account-type',
    'Viewer'
  ])
  expect(signed.stderr).toBe('')
  expect(signed.status).toBe(0)
  const url = signed.stdout.trim()
  expect(url).toMatch(/&:signature=[0-9a-f]{64}$/)

  const good = cli(['inspect', url, '--secret-env', 'EMBED_SECRET', '--json'])
  expect(good.status).toBe(0)
  expect(JSON.parse(good.stdout)).toMatchObject({ method: 'url', signature: 'valid' })
  expect(JSON.parse(good.stdout).findings.filter((f: { severity: string }) => f.severity !== 'info')).toEqual([])

  const bad = cli(
    ['inspect', '-', '--secret-env', 'EMBED_SECRET', '--json'],
    url.replace('Sales_People', 'Sales_Managers')
  )
  expect(bad.status).toBe(1)
  expect(JSON.parse(bad.stdout).signature).toBe('invalid')

  const usage = cli(['sign', '--secret', SECRET])
  expect(usage.status).toBe(2)
  for (const run of [signed, good, bad, usage]) expect(run.stdout + run.stderr).not.toContain(SECRET)
})

it('cert check through the built bin: the key worker and node-forge load from the bundle (legacy PKCS#12, EC key)', () => {
  const pki = makePki()
  const env = { ...process.env, KEY_PASS: KEY_PASSPHRASE }
  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin/embed-workbench.js'), 'cert', 'check', ...args], {
      cwd: root,
      encoding: 'utf8',
      env,
      timeout: 30_000
    })
  const pfx = run([
    '--cert',
    pki.path('ec256-legacy.pfx'),
    '--passphrase-env',
    'KEY_PASS',
    '--ca',
    pki.path('root.crt'),
    '--json'
  ])
  expect(pfx.stderr).toBe('')
  expect(pfx.status).toBe(0)
  expect(JSON.parse(pfx.stdout)).toMatchObject({
    ok: true,
    keyMatches: true,
    chainValid: true,
    certificate: { keyDescription: 'EC P-256' }
  })
  const mismatch = run([
    '--cert',
    pki.path('rsa.crt'),
    '--key',
    pki.path('ec256-legacy.key'),
    '--passphrase-env',
    'KEY_PASS'
  ])
  expect(mismatch.status).toBe(1)
  expect(mismatch.stdout).toContain('KEY_MISMATCH')
  for (const r of [pfx, mismatch]) expect(r.stdout + r.stderr).not.toContain(KEY_PASSPHRASE)
})
