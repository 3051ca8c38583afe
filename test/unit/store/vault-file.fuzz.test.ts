/**
 * Fuzzing the vault file reader: whatever bytes are in vault.json, opening the vault never throws
 * and never loses the file: it either opens (locked, with the same records) or moves the file
 * aside byte for byte and says so.
 */
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services'
import { fastScrypt, tempDir } from '../helpers'

function mutate(source: Buffer, seed: Buffer): Buffer {
  const bytes = Buffer.from(source)
  const kind = seed[0]! % 5
  const at = seed.readUInt32LE(1) % Math.max(1, bytes.length)
  switch (kind) {
    case 0: // flip a byte
      bytes[at] = bytes[at]! ^ (1 + (seed[5]! % 255))
      return bytes
    case 1: // truncate
      return bytes.subarray(0, at)
    case 2: // insert random bytes (incl. invalid UTF-8)
      return Buffer.concat([bytes.subarray(0, at), seed.subarray(6), bytes.subarray(at)])
    case 3: // delete a run
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + (seed[5]! % 40))])
    default: // duplicate a run
      return Buffer.concat([bytes.subarray(0, at + 20), bytes.subarray(at)])
  }
}

describe('vault file reader under fuzzed input', () => {
  it('opens or moves aside every mutation of a real vault file, never throws, never loses bytes', async () => {
    const dir = tempDir()
    const seedServices = await createServices({ dataDir: dir, scryptParams: fastScrypt })
    await seedServices.vault.setUp('fuzz passphrase', 'fuzz passphrase')
    await seedServices.credentials.create({ name: 'A', description: 'x', owner: 'o', ownerAccountType: 'Admin' })
    await seedServices.credentials.import({
      name: 'B',
      description: '',
      owner: '',
      ownerAccountType: 'Viewer',
      clientId: 'd'.repeat(64),
      secret: 's3cr3t'
    })
    const original = readFileSync(join(dir, 'vault.json'))
    let opened = 0
    let movedAside = 0
    for (let i = 0; i < 300; i++) {
      const caseDir = tempDir()
      const input = mutate(original, randomBytes(24))
      writeFileSync(join(caseDir, 'vault.json'), input)
      const { vault } = await createServices({ dataDir: caseDir, scryptParams: fastScrypt })
      const status = vault.status()
      if (status.notices.length === 0) {
        opened++
        expect(['locked', 'needs-setup']).toContain(status.state)
        expect(readFileSync(join(caseDir, 'vault.json')).equals(input)).toBe(true)
      } else {
        movedAside++
        expect(status.notices[0]!.code).toBe('STORE_MOVED_ASIDE')
        const aside = readdirSync(caseDir).find((f) => f.includes('corrupt'))!
        expect(readFileSync(join(caseDir, aside)).equals(input)).toBe(true)
      }
      rmSync(caseDir, { recursive: true, force: true })
    }
    expect(opened + movedAside).toBe(300)
    expect(movedAside).toBeGreaterThan(100)
  })

  it('a damaged ciphertext that still parses is not a wrong passphrase, and the seal restores it', async () => {
    const dir = tempDir()
    const services = await createServices({ dataDir: dir, scryptParams: fastScrypt })
    await services.vault.setUp('fuzz passphrase', 'fuzz passphrase')
    await services.credentials.create({ name: 'A', description: '', owner: '', ownerAccountType: 'Admin' })
    const path = join(dir, 'vault.json')
    const data = JSON.parse(readFileSync(path, 'utf8'))
    data.credentials[0].secret = data.credentials[0].secret.slice(0, -4) + 'AAAA'
    writeFileSync(path, JSON.stringify(data))
    const reopened = await createServices({ dataDir: dir, scryptParams: fastScrypt })
    await expect(reopened.vault.unlock('not it at all')).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG' })
    const status = await reopened.vault.unlock('fuzz passphrase')
    expect(status.state).toBe('unlocked')
    expect(status.notices.map((n) => n.code)).toContain('VAULT_CHANGED_OUTSIDE')
    expect((await reopened.credentials.list())[0]!.fingerprint).toMatch(/^[0-9a-f]{12}$/)
  })
})
