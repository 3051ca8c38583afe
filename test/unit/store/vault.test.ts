import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services'
import type { AsyncSafeStorage } from '../../../main/store/cipher'
import type { Keychain } from '../../../main/store/vault'
import { confBackingStore, type BackingStoreFactory } from '../../../main/store/json-file'
import { fastScrypt, tempDir } from '../helpers'

const open = (dataDir: string, extra: { keychain?: Keychain; backingStore?: BackingStoreFactory } = {}) =>
  createServices({ dataDir, scryptParams: fastScrypt, ...extra })

const PASS = 'a long enough passphrase'

async function vaultWithSecrets(dataDir: string) {
  const services = await open(dataDir)
  await services.vault.setUp(PASS, PASS)
  const created = await services.credentials.create({
    name: 'Staging',
    description: 'QA org',
    owner: 'ada@example.com',
    ownerAccountType: 'Admin'
  })
  const imported = await services.credentials.import({
    name: 'Customer prod',
    description: '',
    owner: '',
    ownerAccountType: 'Admin',
    clientId: 'c'.repeat(64),
    secret: 'customer-secret-with-a-memorable-shape-0123456789'
  })
  return { services, created, imported }
}

describe('vault: master passphrase', () => {
  it('starts in needs-setup and rejects a short or mistyped passphrase with field-level errors', async () => {
    const { vault } = await open(tempDir())
    expect(vault.status().state).toBe('needs-setup')
    await expect(vault.setUp('short', 'short')).rejects.toMatchObject({
      code: 'PASSPHRASE_TOO_SHORT',
      field: 'passphrase'
    })
    await expect(vault.setUp(PASS, PASS + 'x')).rejects.toMatchObject({
      code: 'PASSPHRASE_MISMATCH',
      field: 'confirmation'
    })
    expect(vault.status().state).toBe('needs-setup')
    expect((await vault.setUp(PASS, PASS)).state).toBe('unlocked')
  })

  it('never writes a secret or the passphrase to the file in plain text', async () => {
    const dir = tempDir()
    const { created, imported } = await vaultWithSecrets(dir)
    const bytes = readFileSync(join(dir, 'vault.json'))
    const text = bytes.toString('utf8')
    for (const needle of [created.secret, 'customer-secret-with-a-memorable-shape-0123456789', PASS]) {
      expect(bytes.includes(Buffer.from(needle))).toBe(false)
      expect(text).not.toContain(Buffer.from(needle).toString('base64'))
      expect(text).not.toContain(Buffer.from(needle).toString('hex'))
    }
    // Non-secret metadata is readable (so a user can see what the file holds).
    expect(text).toContain(created.credential.clientId)
    expect(text).toContain(imported.credential.name)
    expect(text).toContain('aes-256-gcm:v2:')
  })

  it('reopens locked; a wrong passphrase is refused with a clear message, and a retry works with nothing lost', async () => {
    const dir = tempDir()
    const { created } = await vaultWithSecrets(dir)
    const again = await open(dir)
    expect(again.vault.status().state).toBe('locked')
    await expect(again.credentials.list()).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    await expect(again.vault.unlock('not the passphrase')).rejects.toMatchObject({
      code: 'PASSPHRASE_WRONG',
      field: 'passphrase'
    })
    expect(again.vault.status().state).toBe('locked')
    await again.vault.unlock(PASS)
    const list = await again.credentials.list()
    expect(list.map((c) => c.name).sort()).toEqual(['Customer prod', 'Staging'])
    expect(await again.credentials.signingSecret(created.credential.clientId)).toBe(created.secret)
  })

  it('locking forgets the key, and tells what keeps keys made from its secrets (the JWT signing keys)', async () => {
    const { services } = await vaultWithSecrets(tempDir())
    let forgotten = 0
    services.vault.onForget(() => forgotten++)
    expect(services.vault.lock().state).toBe('locked')
    expect(forgotten).toBe(1)
    await expect(services.credentials.list()).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
  })

  it('changing the passphrase re-encrypts every secret: the old one stops working, the new one opens the same secrets', async () => {
    const dir = tempDir()
    const { services, created } = await vaultWithSecrets(dir)
    const before = readFileSync(join(dir, 'vault.json'), 'utf8')
    const fingerprints = (await services.credentials.list()).map((c) => c.fingerprint)
    await expect(
      services.vault.changePassphrase('wrong current', 'new passphrase!', 'new passphrase!')
    ).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG', field: 'current' })
    await expect(services.vault.changePassphrase(PASS, 'new', 'new')).rejects.toMatchObject({
      code: 'PASSPHRASE_TOO_SHORT',
      field: 'next'
    })
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe(before)
    await services.vault.changePassphrase(PASS, 'new passphrase!', 'new passphrase!')
    const after = readFileSync(join(dir, 'vault.json'), 'utf8')
    // Every ciphertext changed.
    for (const value of before.match(/aes-256-gcm:v2:[^"]+/g)!) expect(after).not.toContain(value)
    const reopened = await open(dir)
    await expect(reopened.vault.unlock(PASS)).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG' })
    await reopened.vault.unlock('new passphrase!')
    expect((await reopened.credentials.list()).map((c) => c.fingerprint)).toEqual(fingerprints)
    expect(await reopened.credentials.signingSecret(created.credential.clientId)).toBe(created.secret)
  })

  it('changing the passphrase is atomic: a failure part-way leaves the file and the old passphrase intact', async () => {
    const dir = tempDir()
    await vaultWithSecrets(dir)
    // Damage the second secret's ciphertext, and the seal that could restore it, so re-encryption
    // fails after the first one succeeded.
    const path = join(dir, 'vault.json')
    const data = JSON.parse(readFileSync(path, 'utf8'))
    const [iv, tag] = data.credentials[1].secret.split(':').slice(2)
    data.credentials[1].secret = `aes-256-gcm:v2:${iv}:${tag}:AAAA`
    delete data.seal
    writeFileSync(path, JSON.stringify(data))
    const services = await open(dir)
    await services.vault.unlock(PASS)
    expect(services.vault.status().notices.map((n) => n.code)).toContain('VAULT_CHANGED_OUTSIDE')
    const before = readFileSync(path)
    await expect(services.vault.changePassphrase(PASS, 'new passphrase!', 'new passphrase!')).rejects.toMatchObject({
      code: 'SECRET_UNREADABLE',
      message: expect.stringContaining('Customer prod')
    })
    expect(readFileSync(path).equals(before)).toBe(true)
    // The damaged one is listed (flagged, no fingerprint) instead of hiding the whole list.
    const listed = await services.credentials.list()
    expect(listed.find((c) => c.name === 'Customer prod')!.fingerprint).toBeNull()
    expect(listed.find((c) => c.name === 'Staging')!.fingerprint).toMatch(/^[0-9a-f]{12}$/)
    await expect(services.credentials.signingSecret('c'.repeat(64))).rejects.toMatchObject({
      code: 'SECRET_UNREADABLE'
    })
    const reopened = await open(dir)
    expect((await reopened.vault.unlock(PASS)).state).toBe('unlocked')
  })

  it('a failed write says so and changes nothing in memory', async () => {
    const dir = tempDir()
    let fail = false
    const flaky: BackingStoreFactory = (o) => {
      const real = confBackingStore(o)
      return {
        path: real.path,
        write: (d) => {
          if (fail) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' })
          real.write(d)
        }
      }
    }
    const services = await open(dir, { backingStore: flaky })
    await services.vault.setUp(PASS, PASS)
    fail = true
    await expect(
      services.credentials.create({ name: 'X', description: '', owner: '', ownerAccountType: 'Admin' })
    ).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED', message: expect.stringContaining('ENOSPC') })
    expect(await services.credentials.list()).toEqual([])
  })
})

describe('vault: a corrupt or unreadable file', () => {
  it('moves a non-JSON file aside with a timestamp, says where, and starts an empty vault', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'vault.json'), '{"version":1, "credentials": [ truncated')
    const { vault } = await open(dir)
    const status = vault.status()
    expect(status.state).toBe('needs-setup')
    expect(status.notices).toHaveLength(1)
    expect(status.notices[0]).toMatchObject({ code: 'STORE_MOVED_ASIDE', severity: 'warning' })
    const aside = readdirSync(dir).find((f) => f.startsWith('vault.json.corrupt-'))!
    expect(aside).toMatch(/^vault\.json\.corrupt-\d{4}-\d{2}-\d{2}T/)
    expect(status.notices[0]!.message).toContain(aside)
    expect(status.notices[0]!.message).toContain('not valid JSON')
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"version":1, "credentials": [ truncated')
  })

  it('moves aside a JSON file of the wrong shape and names the problem', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ version: 1, cipher: null, credentials: [{ id: 'x' }] }))
    const { vault } = await open(dir)
    expect(vault.status().notices[0]!.message).toMatch(/credentials\.0/)
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toHaveLength(1)
  })

  it('never overwrites an earlier moved-aside file', async () => {
    const dir = tempDir()
    const clock = { now: () => new Date('2026-11-21T10:00:00Z') }
    writeFileSync(join(dir, 'vault.json'), 'first')
    await createServices({ dataDir: dir, clock })
    writeFileSync(join(dir, 'vault.json'), 'second')
    await createServices({ dataDir: dir, clock })
    const aside = readdirSync(dir)
      .filter((f) => f.includes('corrupt'))
      .sort()
    expect(aside).toHaveLength(2)
    expect(aside.map((f) => readFileSync(join(dir, f), 'utf8')).sort()).toEqual(['first', 'second'])
  })

  it('treats an unreadable vault path (a folder) the same way', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'vault.json'))
    const { vault } = await open(dir)
    expect(vault.status().notices[0]!.message).toContain('could not be read (EISDIR)')
  })

  it('keeps fields it does not know (written by a newer version) through an update', async () => {
    const dir = tempDir()
    const { services: newer } = await vaultWithSecrets(dir)
    const path = join(dir, 'vault.json')
    // A newer version writes (and seals) fields this one does not know.
    newer.vault.update((data) => ({
      ...data,
      futureSetting: { keep: true },
      credentials: data.credentials.map((c, i) => (i === 0 ? { ...c, futureField: 'kept' } : c))
    }))
    const services = await open(dir)
    await services.vault.unlock(PASS)
    await services.credentials.create({ name: 'Third', description: '', owner: '', ownerAccountType: 'Admin' })
    const after = JSON.parse(readFileSync(path, 'utf8'))
    expect(after.futureSetting).toEqual({ keep: true })
    expect(after.credentials[0].futureField).toBe('kept')
    expect(readdirSync(dir).some((f) => f.includes('corrupt'))).toBe(false)
  })

  it('a change is a new vault, never an edit of the one in use: an edit in place fails and changes nothing (issue 18)', async () => {
    const dir = tempDir()
    const { services } = await vaultWithSecrets(dir)
    const path = join(dir, 'vault.json')
    const before = readFileSync(path, 'utf8')
    const names = services.vault.peek().credentials.map((c) => c.name)
    expect(() =>
      services.vault.update((data) => {
        data.credentials[0]!.name = 'Changed in place'
        return data
      })
    ).toThrow(TypeError)
    expect(readFileSync(path, 'utf8')).toBe(before)
    expect(services.vault.peek().credentials.map((c) => c.name)).toEqual(names)
    // What update returns is the vault as written, shared with the next readers: frozen too.
    const written = services.vault.update((data) => ({ ...data }))
    expect(Object.isFrozen(written.credentials[0])).toBe(true)
  })

  it('writes the vault file readable by its owner only', async () => {
    const dir = tempDir()
    await vaultWithSecrets(dir)
    chmodSync(dir, 0o700)
    const { statSync } = await import('node:fs')
    expect(statSync(join(dir, 'vault.json')).mode & 0o077).toBe(0)
  })
})

describe('vault: system keychain (Electron safeStorage)', () => {
  const storage: AsyncSafeStorage = {
    encryptStringAsync: async (plain) => Buffer.from(plain).reverse(),
    decryptStringAsync: async (data) => ({ result: Buffer.from(data).reverse().toString(), shouldReEncrypt: false })
  }
  const keychain = (backend: string, available = true): Keychain => ({ storage, available, backend })

  it('uses the keychain when a real backend is there: unlocked, tagged safestorage, backend recorded', async () => {
    const dir = tempDir()
    const services = await open(dir, { keychain: keychain('gnome_libsecret') })
    expect(services.vault.status()).toMatchObject({ state: 'unlocked', scheme: 'safestorage' })
    const { secret } = await services.credentials.create({
      name: 'K',
      description: '',
      owner: '',
      ownerAccountType: 'Admin'
    })
    const text = readFileSync(join(dir, 'vault.json'), 'utf8')
    expect(text).not.toContain(secret)
    // The keychain wraps the vault key; the secrets are bound to their records under it.
    expect(JSON.parse(text).cipher).toMatchObject({
      scheme: 'safestorage',
      backend: 'gnome_libsecret',
      wrappedKey: expect.stringMatching(/^safestorage:v1:/)
    })
    expect(JSON.parse(text).credentials[0].secret).toMatch(/^aes-256-gcm:v2:/)
    const reopened = await open(dir, { keychain: keychain('gnome_libsecret') })
    expect(await reopened.credentials.signingSecret(JSON.parse(text).credentials[0].clientId)).toBe(secret)
  })

  it('treats Linux basic_text (a hard-coded password) and an unavailable keychain as no keychain: passphrase instead', async () => {
    expect((await open(tempDir(), { keychain: keychain('basic_text') })).vault.status()).toMatchObject({
      state: 'needs-setup',
      scheme: 'passphrase'
    })
    expect((await open(tempDir(), { keychain: keychain('kwallet5', false) })).vault.status()).toMatchObject({
      state: 'needs-setup',
      scheme: 'passphrase'
    })
  })

  it('refuses to decrypt when the backend changed, and outside Electron; the file is left alone', async () => {
    const dir = tempDir()
    await open(dir, { keychain: keychain('gnome_libsecret') })
    const before = readFileSync(join(dir, 'vault.json'))
    const changed = (await open(dir, { keychain: keychain('basic_text') })).vault.status()
    expect(changed.state).toBe('unavailable')
    expect(changed.reason).toContain('gnome_libsecret')
    expect(changed.reason).toContain('basic_text')
    const browser = await open(dir)
    expect(browser.vault.status().state).toBe('unavailable')
    await expect(browser.credentials.list()).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' })
    expect(readFileSync(join(dir, 'vault.json')).equals(before)).toBe(true)
    expect(existsSync(join(dir, 'vault.json'))).toBe(true)
  })
})
