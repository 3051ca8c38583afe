/**
 * `npm start` on a machine where the Electron binary cannot be downloaded: it builds, tries
 * Electron's own install step, and then exits non-zero with a short message (no stack trace) that
 * says how to get the binary and that `npm run browser` runs the same app.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { root } from './harness'

it('explains a missing Electron binary instead of crashing', () => {
  const empty = mkdtempSync(join(tmpdir(), 'ewb-no-electron-'))
  try {
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        // No binary where the start script looks, and a download that fails at once, as offline.
        ELECTRON_OVERRIDE_DIST_PATH: empty,
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: empty
      }
    })
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('install-electron')
    expect(result.stderr).toContain('Could not download the Electron binary')
    expect(result.stderr).toContain('npm run browser')
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(8)
  } finally {
    rmSync(empty, { recursive: true, force: true })
  }
})
