/** The data folder holds the vault: only its owner may list or enter it. */
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services'
import { fastScrypt, tempDir } from '../helpers'

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('a new data folder is created 0700, not 0755', async () => {
    const dataDir = join(tempDir(), 'nested', 'embed-workbench')
    await createServices({ dataDir, scryptParams: fastScrypt })
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
  })

  it('an existing data folder that others can read is narrowed to 0700', async () => {
    const dataDir = join(tempDir(), 'embed-workbench')
    mkdirSync(dataDir, { mode: 0o755 })
    await createServices({ dataDir, scryptParams: fastScrypt })
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
  })
})

describe('temporary files a killed write left behind', () => {
  it('are removed at start (they hold a full copy of the vault); a write in progress is left alone', async () => {
    const dataDir = tempDir()
    const stale = join(dataDir, 'vault.json.tmp-1764590000abc123')
    const live = join(dataDir, 'personas.json.tmp-1764590001abc124')
    const unrelated = join(dataDir, 'notes.txt.tmp-1')
    for (const file of [stale, live, unrelated]) writeFileSync(file, '{"credentials":[]}')
    const old = new Date(Date.now() - 5 * 60_000)
    utimesSync(stale, old, old)
    utimesSync(unrelated, old, old)
    await createServices({ dataDir, scryptParams: fastScrypt })
    expect(existsSync(stale)).toBe(false)
    expect(existsSync(live)).toBe(true)
    expect(existsSync(unrelated)).toBe(true)
  })
})
