/**
 * Encryption of secrets at rest. Every ciphertext is tagged with the scheme that made it
 * (`passphrase-aes-256-gcm:v1:...` or `safestorage:v1:...`), so a value is never decrypted by the
 * wrong scheme and a future scheme can live beside these.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import type { VaultScheme } from '../../preload/contract'
import { hmacSha256 } from '../core/hmac'

export interface SecretCipher {
  readonly scheme: VaultScheme
  encrypt(plain: string): Promise<string>
  /** Throws CipherError('wrong-key') when the key cannot open the value. */
  decrypt(tagged: string): Promise<string>
}

export class CipherError extends Error {
  constructor(
    readonly reason: 'wrong-key' | 'wrong-scheme' | 'malformed',
    message: string
  ) {
    super(message)
    this.name = 'CipherError'
  }
}

// ---------------------------------------------------------------------------------------------
// Master passphrase: scrypt -> 256-bit key -> AES-256-GCM with a fresh 96-bit IV per value.

export interface ScryptParams {
  N: number
  r: number
  p: number
}

/** About 0.1 s and 32 MiB on a laptop: slow for a guesser, quick enough for an unlock. */
export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 }

const PASSPHRASE_TAG = 'passphrase-aes-256-gcm:v1:'

export function newSalt(): Buffer {
  return randomBytes(16)
}

/** Derives the vault key off the event loop (node's scrypt runs in the thread pool). */
export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 128 * params.N * params.r * 2 + 1024 * 1024
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key)
    )
  })
}

/** Names a key without revealing it: lets unlock tell a wrong passphrase from a damaged vault. */
export function keyIdOf(key: Buffer): string {
  return hmacSha256(key, 'embed-workbench vault key id v1').toString('hex').slice(0, 32)
}

export function passphraseCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key')
  return {
    scheme: 'passphrase',
    async encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return `${PASSPHRASE_TAG}${iv.toString('base64')}:${tag.toString('base64')}:${body.toString('base64')}`
    },
    async decrypt(tagged) {
      if (!tagged.startsWith(PASSPHRASE_TAG)) {
        throw new CipherError(
          'wrong-scheme',
          `This value was not encrypted with the master passphrase (${schemeOf(tagged)}).`
        )
      }
      const parts = tagged.slice(PASSPHRASE_TAG.length).split(':')
      if (parts.length !== 3) throw new CipherError('malformed', 'The encrypted value is damaged.')
      const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer]
      if (iv.length !== 12 || tag.length !== 16) throw new CipherError('malformed', 'The encrypted value is damaged.')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv)
        decipher.setAuthTag(tag)
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
      } catch {
        throw new CipherError('wrong-key', 'The key does not open this value.')
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Electron safeStorage (OS keychain). Injected by the Electron shell; nothing here imports electron.

/** The part of Electron's safeStorage this app uses: the async API only. */
export interface AsyncSafeStorage {
  encryptStringAsync(plain: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

const SAFESTORAGE_TAG = 'safestorage:v1:'

export function safeStorageCipher(storage: AsyncSafeStorage): SecretCipher {
  return {
    scheme: 'safestorage',
    async encrypt(plain) {
      const encrypted = await storage.encryptStringAsync(plain)
      return SAFESTORAGE_TAG + encrypted.toString('base64')
    },
    async decrypt(tagged) {
      if (!tagged.startsWith(SAFESTORAGE_TAG)) {
        throw new CipherError(
          'wrong-scheme',
          `This value was not encrypted with the system keychain (${schemeOf(tagged)}).`
        )
      }
      try {
        const { result } = await storage.decryptStringAsync(Buffer.from(tagged.slice(SAFESTORAGE_TAG.length), 'base64'))
        return result
      } catch {
        throw new CipherError('wrong-key', 'The system keychain could not decrypt this value.')
      }
    }
  }
}

function schemeOf(tagged: string): string {
  const scheme = /^([a-z0-9-]+):v\d+:/.exec(tagged)?.[1]
  return scheme ? `it is tagged "${scheme}"` : 'it carries no scheme tag'
}
