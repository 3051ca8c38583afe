/**
 * The built Electron main bundle (out/main/index.js) boots: its ESM-only dependencies
 * (electron-store, conf) are bundled into the CommonJS output, the window gets the secure web
 * preferences, and IPC answers the app and refuses a stranger. `electron` is a recorded stub
 * here, since the binary cannot be downloaded on these machines.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { channelNames } from '../../preload/contract'
import { root } from './harness'

it('the built main process boots with the security policy and a working IPC dispatcher', () => {
  const userData = mkdtempSync(join(tmpdir(), 'ewb-bundle-'))
  try {
    const result = spawnSync(
      process.execPath,
      ['--require', join(root, 'test/fixtures/electron-stub.cjs'), join(root, 'out/main/index.js')],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, EWB_STUB_USER_DATA: userData }
      }
    )
    expect(result.stderr).toBe('')
    const record = JSON.parse(result.stdout.trim().split('\n').pop()!)
    expect(record.sandbox).toBe(true)
    expect(record.loaded).toBe('app://workbench/index.html')
    expect(record.protocols).toEqual(['app'])
    expect(record.permissionHandlers).toBe(2)
    expect(record.windows[0].webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    })
    expect([...record.ipc].sort()).toEqual([...channelNames].sort())
    // electron-store's own unauthenticated sync listener is removed; the one left is the
    // customer-app relay, which checks its sender's session and frame.
    expect(record.ipcOn).toEqual(['customer-app:message'])
    expect(record.status).toMatchObject({
      ok: true,
      value: { state: 'needs-setup', scheme: 'passphrase', storePath: join(userData, 'vault.json') }
    })
    expect(record.forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  } finally {
    rmSync(userData, { recursive: true, force: true })
  }
})
