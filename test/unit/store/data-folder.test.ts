/** The data folder holds the vault: only its owner may list or enter it. */
import { mkdirSync, statSync } from 'node:fs'
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
