/**
 * Encryption of secrets at rest.
 *
 * Format 2 (this one): a random 256-bit vault key encrypts every secret with AES-256-GCM, and each
 * ciphertext carries its record (type, id, field, destination) as associated data, so a ciphertext
 * copied to another record, field or destination does not open. The vault key is wrapped either by
 * a key the master passphrase derives (scrypt) or by the OS keychain (Electron safeStorage). A
 * second key derived from the vault key seals the whole vault (see vault-seal.ts).
 *
 * Format 1 ciphertexts (`passphrase-aes-256-gcm:v1:`, `safestorage:v1:`, no associated data) are
 * only ever decrypted, to upgrade a vault on its next unlock.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto'
import type { VaultScheme } from '../../preload/contract'
import { hmacSha256 } from '../core/hmac'

/** What a secret belongs to. The destination, where there is one, is where the secret may be sent. */
export interface SecretBinding {
  record: 'credential' | 'certificate' | 'apiCredential' | 'emulatorCa'
  id: string
  field: string
  destination?: string
}

export interface SecretCipher {
  readonly scheme: VaultScheme
  encrypt(plain: string, binding: SecretBinding): Promise<string>
  /** Throws CipherError('wrong-key') when the value does not open for this binding. */
  decrypt(tagged: string, binding: SecretBinding): Promise<string>
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
// AES-256-GCM with associated data: the one primitive of format 2.

const GCM_TAG = 'aes-256-gcm:v2:'

export function gcmSeal(key: Buffer, plain: string | Buffer, aad: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return `${GCM_TAG}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`
}

export function gcmOpen(key: Buffer, tagged: string, aad: string): Buffer {
  if (!tagged.startsWith(GCM_TAG))
    throw new CipherError('wrong-scheme', `This value is not a vault format 2 ciphertext (${schemeOf(tagged)}).`)
  const parts = tagged.slice(GCM_TAG.length).split(':')
  if (parts.length !== 3) throw new CipherError('malformed', 'The encrypted value is damaged.')
  const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer]
  if (iv.length !== 12 || tag.length !== 16) throw new CipherError('malformed', 'The encrypted value is damaged.')
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    throw new CipherError('wrong-key', 'The key does not open this value, or it belongs to another record.')
  }
}

/** The associated data of a secret: unambiguous (a JSON array), versioned. */
export function bindingAad(binding: SecretBinding): string {
  return JSON.stringify([
    'embed-workbench secret v2',
    binding.record,
    binding.id,
    binding.field,
    binding.destination ?? null
  ])
}

export interface VaultKeys {
  /** Encrypts the secrets. */
  records: Buffer
  /** Seals the vault's public fields. */
  seal: Buffer
}

export function newVaultKey(): Buffer {
  return randomBytes(32)
}

/** Two independent keys from the vault key, so the seal and the secrets never share a key. */
export function vaultKeysOf(vaultKey: Buffer): VaultKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), info, 32))
  return { records: derive('embed-workbench records v2'), seal: derive('embed-workbench seal v2') }
}

export function recordCipher(scheme: VaultScheme, keys: VaultKeys): SecretCipher {
  return {
    scheme,
    async encrypt(plain, binding) {
      return gcmSeal(keys.records, plain, bindingAad(binding))
    },
    async decrypt(tagged, binding) {
      return gcmOpen(keys.records, tagged, bindingAad(binding)).toString('utf8')
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Master passphrase: scrypt -> key-encryption key -> wraps the vault key.

export interface ScryptParams {
  N: number
  r: number
  p: number
}

/** OWASP's current advice for scrypt: about 0.5 s and 128 MiB per unlock on a small laptop. */
export const defaultScryptParams: ScryptParams = { N: 2 ** 17, r: 8, p: 1 }
/** What format 1 wrote by default. Vaults at a lower cost than this build's are re-keyed on unlock. */
export const legacyScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 }

/**
 * The costs this app has ever written. Anything else in a file was written by someone else, and is
 * refused before any work: an inflated N costs seconds and gigabytes per attempt.
 */
export function scryptParamsProblem(params: ScryptParams): string | null {
  const log2 = Math.log2(params.N)
  if (!Number.isInteger(log2) || log2 < 10 || log2 > 17) return `scrypt N=${params.N} is outside 2^10..2^17`
  if (params.r !== 8) return `scrypt r=${params.r} is not 8`
  if (params.p !== 1) return `scrypt p=${params.p} is not 1`
  return null
}

export function isWeaker(params: ScryptParams, than: ScryptParams): boolean {
  return params.N * params.r * params.p < than.N * than.r * than.p
}

export function newSalt(): Buffer {
  return randomBytes(16)
}

/** Derives a key off the event loop (node's scrypt runs in the thread pool). */
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

// ---------------------------------------------------------------------------------------------
// Electron safeStorage (OS keychain). Injected by the Electron shell; nothing here imports electron.

/** The part of Electron's safeStorage this app uses: the async API only. */
export interface AsyncSafeStorage {
  encryptStringAsync(plain: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

const SAFESTORAGE_TAG = 'safestorage:v1:'

/** Encrypts with the OS keychain: in format 2 only the vault key (and format 1's check text). */
export async function keychainEncrypt(storage: AsyncSafeStorage, plain: string): Promise<string> {
  return SAFESTORAGE_TAG + (await storage.encryptStringAsync(plain)).toString('base64')
}

export async function keychainDecrypt(storage: AsyncSafeStorage, tagged: string): Promise<string> {
  if (!tagged.startsWith(SAFESTORAGE_TAG))
    throw new CipherError(
      'wrong-scheme',
      `This value was not encrypted with the system keychain (${schemeOf(tagged)}).`
    )
  try {
    return (await storage.decryptStringAsync(Buffer.from(tagged.slice(SAFESTORAGE_TAG.length), 'base64'))).result
  } catch {
    throw new CipherError('wrong-key', 'The system keychain could not decrypt this value.')
  }
}

// ---------------------------------------------------------------------------------------------
// Format 1, read only.

const LEGACY_PASSPHRASE_TAG = 'passphrase-aes-256-gcm:v1:'

/** Opens a format 1 secret: the scrypt key itself, no associated data; or the keychain. */
export function legacyDecryptor(
  source: { key: Buffer } | { storage: AsyncSafeStorage }
): (tagged: string) => Promise<string> {
  if ('storage' in source) return (tagged) => keychainDecrypt(source.storage, tagged)
  return async (tagged) => {
    if (!tagged.startsWith(LEGACY_PASSPHRASE_TAG))
      throw new CipherError(
        'wrong-scheme',
        `This value was not encrypted with the master passphrase (${schemeOf(tagged)}).`
      )
    const parts = tagged.slice(LEGACY_PASSPHRASE_TAG.length).split(':')
    if (parts.length !== 3) throw new CipherError('malformed', 'The encrypted value is damaged.')
    const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer]
    if (iv.length !== 12 || tag.length !== 16) throw new CipherError('malformed', 'The encrypted value is damaged.')
    try {
      const decipher = createDecipheriv('aes-256-gcm', source.key, iv)
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    } catch {
      throw new CipherError('wrong-key', 'The key does not open this value.')
    }
  }
}

function schemeOf(tagged: string): string {
  const scheme = /^([a-z0-9-]+):v\d+:/.exec(tagged)?.[1]
  return scheme ? `it is tagged "${scheme}"` : 'it carries no scheme tag'
}
