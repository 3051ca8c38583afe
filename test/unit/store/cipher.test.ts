import { describe, expect, it } from 'vitest'
import {
  CipherError,
  keychainDecrypt,
  keychainEncrypt,
  newVaultKey,
  recordCipher,
  scryptParamsProblem,
  vaultKeysOf,
  type AsyncSafeStorage,
  type SecretBinding
} from '../../../main/store/cipher'

const binding: SecretBinding = { record: 'credential', id: 'c-1', field: 'secret' }

describe('record cipher (vault key, AES-256-GCM with the record as associated data)', () => {
  it('round-trips a secret and tags the ciphertext with its format', async () => {
    const cipher = recordCipher('passphrase', vaultKeysOf(newVaultKey()))
    const secret = 'f'.repeat(128)
    const tagged = await cipher.encrypt(secret, binding)
    expect(tagged.startsWith('aes-256-gcm:v2:')).toBe(true)
    expect(tagged).not.toContain(secret)
    expect(await cipher.decrypt(tagged, binding)).toBe(secret)
  })

  it('uses a fresh IV: the same secret encrypts differently each time', async () => {
    const cipher = recordCipher('passphrase', vaultKeysOf(newVaultKey()))
    expect(await cipher.encrypt('x', binding)).not.toBe(await cipher.encrypt('x', binding))
  })

  it('a ciphertext opens only for its own record, field and destination', async () => {
    const cipher = recordCipher('passphrase', vaultKeysOf(newVaultKey()))
    const api: SecretBinding = { record: 'apiCredential', id: 'a-1', field: 'secrets', destination: 'test https://a' }
    const tagged = await cipher.encrypt('token', api)
    expect(await cipher.decrypt(tagged, api)).toBe('token')
    for (const other of [
      { ...api, id: 'a-2' },
      { ...api, field: 'orgs/Acme/secrets' },
      { ...api, destination: 'test https://evil' },
      { ...api, destination: 'production https://a' },
      { ...api, record: 'certificate' as const }
    ])
      await expect(cipher.decrypt(tagged, other)).rejects.toMatchObject({ reason: 'wrong-key' })
  })

  it('refuses a wrong key, a tampered value and another format', async () => {
    const right = recordCipher('passphrase', vaultKeysOf(newVaultKey()))
    const wrong = recordCipher('passphrase', vaultKeysOf(newVaultKey()))
    const tagged = await right.encrypt('secret', binding)
    await expect(wrong.decrypt(tagged, binding)).rejects.toMatchObject({ reason: 'wrong-key' })
    const body = tagged.split(':').at(-1)!
    const flipped =
      tagged.slice(0, -body.length) +
      Buffer.from(Buffer.from(body, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64')
    await expect(right.decrypt(flipped, binding)).rejects.toBeInstanceOf(CipherError)
    await expect(right.decrypt('passphrase-aes-256-gcm:v1:a:b:c', binding)).rejects.toMatchObject({
      reason: 'wrong-scheme'
    })
    await expect(right.decrypt('aes-256-gcm:v2:only-two:parts', binding)).rejects.toMatchObject({ reason: 'malformed' })
  })
})

describe('scrypt parameters', () => {
  it('accepts only what the app writes: N a power of two up to 2^17, r=8, p=1', () => {
    expect(scryptParamsProblem({ N: 2 ** 17, r: 8, p: 1 })).toBeNull()
    expect(scryptParamsProblem({ N: 2 ** 15, r: 8, p: 1 })).toBeNull()
    expect(scryptParamsProblem({ N: 2 ** 20, r: 8, p: 1 })).toMatch(/N=1048576/)
    expect(scryptParamsProblem({ N: 3000, r: 8, p: 1 })).toMatch(/N=3000/)
    expect(scryptParamsProblem({ N: 2 ** 15, r: 64, p: 1 })).toMatch(/r=64/)
    expect(scryptParamsProblem({ N: 2 ** 15, r: 8, p: 16 })).toMatch(/p=16/)
  })
})

describe('keychain (safeStorage) wrapping', () => {
  const fakeKeychain: AsyncSafeStorage = {
    encryptStringAsync: async (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
    decryptStringAsync: async (data) => ({
      result: Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
      shouldReEncrypt: false
    })
  }

  it('goes through the async API and tags its output', async () => {
    const tagged = await keychainEncrypt(fakeKeychain, 'the vault key')
    expect(tagged.startsWith('safestorage:v1:')).toBe(true)
    expect(await keychainDecrypt(fakeKeychain, tagged)).toBe('the vault key')
    await expect(keychainDecrypt(fakeKeychain, 'aes-256-gcm:v2:a:b:c')).rejects.toMatchObject({
      reason: 'wrong-scheme'
    })
  })
})
