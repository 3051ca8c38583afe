/**
 * Vault integrity (issue 11, items 3 and 10): the attacker is another program of the same user that
 * edits vault.json while the app is closed. Each tamper below went undetected before format 2.
 * After unlock the app says what was changed, keeps the changed file aside, and goes on with the
 * values it wrote itself.
 */
import { createCipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto'
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services'
import type { VaultData } from '../../../main/store/vault-file'
import type { Notice } from '../../../preload/contract'
import { fastScrypt, tempDir } from '../helpers'

const PASS = 'a long enough passphrase'
const IMPORTED_SECRET = 'customer-secret-with-a-memorable-shape-0123456789'
const open = (dataDir: string) => createServices({ dataDir, scryptParams: fastScrypt })

async function seeded() {
  const dataDir = tempDir()
  const services = await open(dataDir)
  await services.vault.setUp(PASS, PASS)
  const a = await services.credentials.create({ name: 'A', description: '', owner: '', ownerAccountType: 'Admin' })
  const b = await services.credentials.import({
    name: 'B',
    description: '',
    owner: '',
    ownerAccountType: 'Admin',
    clientId: 'c'.repeat(64),
    secret: IMPORTED_SECRET
  })
  await services.credentials.revoke({ id: a.credential.id })
  const c = await services.credentials.create({ name: 'C', description: '', owner: '', ownerAccountType: 'Admin' })
  await services.apiCredentials.save({
    name: 'Orders API',
    baseUrl: 'https://api.example.com/v1',
    environment: 'test',
    contentType: 'json',
    headers: [],
    orgSpecific: false,
    orgs: [],
    auth: { type: 'bearer', token: 'the-bearer-token' }
  } as never)
  const path = join(dataDir, 'vault.json')
  return { dataDir, path, a, b, c }
}

type Ctx = Awaited<ReturnType<typeof seeded>>

/** Edits the file as another program would: parse, change, write back. */
function edit(path: string, change: (data: VaultData) => void) {
  const data = JSON.parse(readFileSync(path, 'utf8'))
  change(data)
  writeFileSync(path, JSON.stringify(data, null, 2))
}

async function reopen(ctx: Ctx) {
  const services = await open(ctx.dataDir)
  await services.vault.unlock(PASS)
  return services
}

const codes = (notices: Notice[]) => notices.map((n) => n.code)
const changedNotice = (notices: Notice[]) => notices.find((n) => n.code === 'VAULT_CHANGED_OUTSIDE')

describe('vault integrity: edits made outside the app are detected and undone', () => {
  const tampers: [string, (ctx: Ctx) => void, RegExp][] = [
    [
      'two ciphertexts swapped',
      (ctx) =>
        edit(ctx.path, (d) => {
          const [x, y] = [d.credentials[1]!.secret, d.credentials[2]!.secret]
          d.credentials[1]!.secret = y
          d.credentials[2]!.secret = x
        }),
      /"B".*secret/
    ],
    [
      'one ciphertext copied over another',
      (ctx) =>
        edit(ctx.path, (d) => {
          d.credentials[2]!.secret = d.credentials[1]!.secret
        }),
      /"C".*secret/
    ],
    [
      'a revoked credential flipped back to active',
      (ctx) =>
        edit(ctx.path, (d) => {
          d.credentials[0]!.status = 'active'
          delete d.credentials[0]!.revokedAt
        }),
      /"A".*status.*revoked/
    ],
    [
      'a client id rewritten',
      (ctx) =>
        edit(ctx.path, (d) => {
          d.credentials[1]!.clientId = 'd'.repeat(64)
        }),
      /"B".*clientId/
    ],
    [
      'an API credential base URL rewritten',
      (ctx) =>
        edit(ctx.path, (d) => {
          d.apiCredentials[0]!.baseUrl = 'https://attacker.example/v1'
        }),
      /"Orders API".*baseUrl.*api\.example\.com/
    ],
    [
      'an API credential environment rewritten',
      (ctx) =>
        edit(ctx.path, (d) => {
          d.apiCredentials[0]!.environment = 'production'
        }),
      /"Orders API".*environment/
    ],
    [
      'a credential deleted from the file',
      (ctx) =>
        edit(ctx.path, (d) => {
          d.credentials.splice(1, 1)
        }),
      /"B".*removed/
    ]
  ]

  for (const [name, tamper, says] of tampers) {
    it(`${name}: named on unlock, the app's own values restored, the changed file kept`, async () => {
      const ctx = await seeded()
      tamper(ctx)
      const changed = readFileSync(ctx.path)
      const services = await reopen(ctx)
      const notice = changedNotice(services.vault.status().notices)
      expect(notice, codes(services.vault.status().notices).join()).toBeDefined()
      expect(notice!.severity).toBe('warning')
      expect(notice!.message).toMatch(says)
      expect(notice!.message).not.toContain('the-bearer-token')
      // The changed file is kept byte for byte, and the message says where.
      const kept = readdirSync(ctx.dataDir).find((f) => f.startsWith('vault.json.changed-'))!
      expect(readFileSync(join(ctx.dataDir, kept)).equals(changed)).toBe(true)
      expect(notice!.message).toContain(kept)
      // The values the app wrote are back.
      expect(await services.credentials.signingSecret('c'.repeat(64))).toBe(IMPORTED_SECRET)
      expect(await services.credentials.signingSecret(ctx.c.credential.clientId)).toBe(ctx.c.secret)
      await expect(services.credentials.signingSecret(ctx.a.credential.clientId)).rejects.toMatchObject({
        code: 'CREDENTIAL_REVOKED'
      })
      const api = services.apiCredentials.list().credentials[0]!
      expect(api).toMatchObject({ baseUrl: 'https://api.example.com/v1', environment: 'test' })
      // Said once: the next unlock finds a clean vault.
      const again = await reopen(ctx)
      expect(changedNotice(again.vault.status().notices)).toBeUndefined()
    })
  }

  it('a restored older vault file is named, and a revocation made since stays in force', async () => {
    const ctx = await seeded()
    const backup = join(ctx.dataDir, 'backup.json')
    copyFileSync(ctx.path, backup)
    const services = await reopen(ctx)
    await services.credentials.revoke({ id: ctx.c.credential.id })
    copyFileSync(backup, ctx.path)
    const after = await reopen(ctx)
    const notice = after.vault.status().notices.find((n) => n.code === 'VAULT_ROLLED_BACK')
    expect(notice, codes(after.vault.status().notices).join()).toBeDefined()
    expect(notice!.message).toContain('"C"')
    await expect(after.credentials.signingSecret(ctx.c.credential.clientId)).rejects.toMatchObject({
      code: 'CREDENTIAL_REVOKED'
    })
  })

  it('a removed seal is named; every secret is still checked against its own record', async () => {
    const ctx = await seeded()
    edit(ctx.path, (d) => {
      delete d.seal
      const [x, y] = [d.credentials[1]!.secret, d.credentials[2]!.secret]
      d.credentials[1]!.secret = y
      d.credentials[2]!.secret = x
    })
    const services = await reopen(ctx)
    const notice = changedNotice(services.vault.status().notices)
    expect(notice?.message).toMatch(/seal/)
    // A ciphertext moved to another record does not open there: no secret is used for the wrong credential.
    await expect(services.credentials.signingSecret('c'.repeat(64))).rejects.toMatchObject({
      code: 'SECRET_UNREADABLE'
    })
    await expect(services.credentials.signingSecret(ctx.c.credential.clientId)).rejects.toMatchObject({
      code: 'SECRET_UNREADABLE'
    })
  })
})

describe('vault integrity: the scrypt header', () => {
  it('an inflated scrypt cost is refused as a changed header before any work, not called a wrong passphrase', async () => {
    const ctx = await seeded()
    edit(ctx.path, (d) => {
      Object.assign(d.cipher!, { N: 2 ** 20 })
    })
    const services = await open(ctx.dataDir)
    const started = Date.now()
    await expect(services.vault.unlock(PASS)).rejects.toMatchObject({
      code: 'VAULT_HEADER_CHANGED',
      message: expect.stringMatching(/changed outside the app/)
    })
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it("a vault written at a lower cost is re-keyed at this build's cost on unlock, same secrets, said once", async () => {
    const ctx = await seeded() // written at N=2^10
    const stronger = { N: 2 ** 11, r: 8, p: 1 }
    const services = await createServices({ dataDir: ctx.dataDir, scryptParams: stronger })
    await services.vault.unlock(PASS)
    expect(codes(services.vault.status().notices)).toContain('VAULT_REKEYED')
    expect(JSON.parse(readFileSync(ctx.path, 'utf8')).cipher.N).toBe(2 ** 11)
    const again = await createServices({ dataDir: ctx.dataDir, scryptParams: stronger })
    await again.vault.unlock(PASS)
    expect(codes(again.vault.status().notices)).not.toContain('VAULT_REKEYED')
    expect(await again.credentials.signingSecret('c'.repeat(64))).toBe(IMPORTED_SECRET)
  })

  it('new vaults use the OWASP scrypt cost (N=2^17, r=8, p=1)', async () => {
    const { defaultScryptParams } = await import('../../../main/store/cipher')
    expect(defaultScryptParams).toEqual({ N: 2 ** 17, r: 8, p: 1 })
  })
})

/** A vault as format 1 wrote it: scrypt key used directly, AES-256-GCM without associated data. */
function writeFormat1Vault(path: string, secret: string, clientId: string) {
  const salt = randomBytes(16)
  const params = { N: 2 ** 10, r: 8, p: 1 }
  const key = scryptSync(PASS.normalize('NFC'), salt, 32, params)
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([c.update(secret, 'utf8'), c.final()])
  const tagged = `passphrase-aes-256-gcm:v1:${iv.toString('base64')}:${c.getAuthTag().toString('base64')}:${body.toString('base64')}`
  const keyId = createHmac('sha256', key).update('embed-workbench vault key id v1').digest('hex').slice(0, 32)
  const data = {
    version: 1,
    cipher: { scheme: 'passphrase', kdf: 'scrypt', ...params, salt: salt.toString('base64'), keyId },
    credentials: [
      {
        id: 'legacy-1',
        name: 'Legacy',
        description: '',
        owner: '',
        ownerAccountType: 'Admin',
        clientId,
        secret: tagged,
        origin: 'imported',
        createdAt: '2026-01-01T00:00:00.000Z',
        status: 'active'
      }
    ],
    certificates: [],
    apiCredentials: [],
    apiEnvironment: 'test'
  }
  writeFileSync(path, JSON.stringify(data))
}

describe('vault integrity: format 1 vaults', () => {
  it('are upgraded on the next unlock: secrets kept, now bound and sealed, said once', async () => {
    const dataDir = tempDir()
    const path = join(dataDir, 'vault.json')
    writeFormat1Vault(path, 'legacy-secret-value', 'e'.repeat(64))
    // This build's cost is above the file's: the upgrade re-keys at the higher cost.
    const services = await createServices({ dataDir, scryptParams: { N: 2 ** 11, r: 8, p: 1 } })
    await services.vault.unlock(PASS)
    expect(codes(services.vault.status().notices)).toContain('VAULT_UPGRADED')
    expect(await services.credentials.signingSecret('e'.repeat(64))).toBe('legacy-secret-value')
    const file = JSON.parse(readFileSync(path, 'utf8'))
    expect(file.version).toBe(2)
    expect(typeof file.seal).toBe('string')
    expect(file.credentials[0].secret).not.toMatch(/^passphrase-aes-256-gcm:v1:/)
    // The legacy cost is raised on the way: the upgraded header asks for the current cost.
    expect(file.cipher.N).toBe(2 ** 11)
    const again = await open(dataDir)
    await again.vault.unlock(PASS)
    expect(codes(again.vault.status().notices)).not.toContain('VAULT_UPGRADED')
    expect(await again.credentials.signingSecret('e'.repeat(64))).toBe('legacy-secret-value')
    // Tampering an upgraded vault is now seen.
    edit(path, (d) => {
      d.credentials[0]!.clientId = 'f'.repeat(64)
    })
    const third = await open(dataDir)
    await third.vault.unlock(PASS)
    expect(codes(third.vault.status().notices)).toContain('VAULT_CHANGED_OUTSIDE')
  })
})
