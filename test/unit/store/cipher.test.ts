import { describe, expect, it } from 'vitest'
import {
  CipherError,
  deriveKey,
  newSalt,
  passphraseCipher,
  safeStorageCipher,
  type AsyncSafeStorage
} from '../../../main/store/cipher'
import { fastScrypt } from '../helpers'

describe('passphrase cipher (scrypt + AES-256-GCM)', () => {
  it('round-trips a secret and tags the ciphertext with its scheme', async () => {
    const cipher = passphraseCipher(await deriveKey('correct horse', newSalt(), fastScrypt))
    const secret = 'f'.repeat(128)
    const tagged = await cipher.encrypt(secret)
    expect(tagged.startsWith('passphrase-aes-256-gcm:v1:')).toBe(true)
    expect(tagged).not.toContain(secret)
    expect(await cipher.decrypt(tagged)).toBe(secret)
  })

  it('uses a fresh IV: the same secret encrypts differently each time', async () => {
    const cipher = passphraseCipher(await deriveKey('p', newSalt(), fastScrypt))
    expect(await cipher.encrypt('x')).not.toBe(await cipher.encrypt('x'))
  })

  it('refuses a wrong key, a tampered value and another scheme', async () => {
    const salt = newSalt()
    const right = passphraseCipher(await deriveKey('right passphrase', salt, fastScrypt))
    const wrong = passphraseCipher(await deriveKey('wrong passphrase', salt, fastScrypt))
    const tagged = await right.encrypt('secret')
    await expect(wrong.decrypt(tagged)).rejects.toMatchObject({ reason: 'wrong-key' })
    const body = tagged.split(':').at(-1)!
    const flipped =
      tagged.slice(0, -body.length) +
      Buffer.from(Buffer.from(body, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64')
    await expect(right.decrypt(flipped)).rejects.toBeInstanceOf(CipherError)
    await expect(right.decrypt('safestorage:v1:AAAA')).rejects.toMatchObject({ reason: 'wrong-scheme' })
    await expect(right.decrypt('passphrase-aes-256-gcm:v1:only-two:parts')).rejects.toMatchObject({
      reason: 'malformed'
    })
  })
})

describe('safeStorage cipher', () => {
  const fakeKeychain: AsyncSafeStorage = {
    encryptStringAsync: async (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
    decryptStringAsync: async (data) => ({
      result: Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
      shouldReEncrypt: false
    })
  }

  it('goes through the async API and tags its output', async () => {
    const cipher = safeStorageCipher(fakeKeychain)
    const tagged = await cipher.encrypt('the secret')
    expect(tagged.startsWith('safestorage:v1:')).toBe(true)
    expect(await cipher.decrypt(tagged)).toBe('the secret')
    await expect(cipher.decrypt('passphrase-aes-256-gcm:v1:a:b:c')).rejects.toMatchObject({ reason: 'wrong-scheme' })
  })
})
