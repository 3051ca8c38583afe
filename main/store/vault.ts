/**
 * The vault: owns the vault file, its lock state and the cipher that protects every secret.
 * Domain services (credentials now; certificates and API credentials later) read and write their
 * records through it and never see the key.
 */
import type { Notice, VaultScheme, VaultStatus } from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import {
  defaultScryptParams,
  deriveKey,
  keyIdOf,
  newSalt,
  passphraseCipher,
  safeStorageCipher,
  type AsyncSafeStorage,
  type ScryptParams,
  type SecretCipher
} from './cipher'
import { confBackingStore, type BackingStore, type BackingStoreFactory } from './json-file'
import { loadVaultFile, vaultDataSchema, VAULT_FILE_NAME, type CipherHeader, type VaultData } from './vault-file'

/** The OS keychain as the Electron shell sees it. Absent in browser mode and the CLI. */
export interface Keychain {
  storage: AsyncSafeStorage
  /** Whether safeStorage's async encryption is available in this session. */
  available: boolean
  /** safeStorage.getSelectedStorageBackend() on Linux, the platform name elsewhere. */
  backend: string
}

export interface VaultOptions {
  dataDir: string
  backingStore?: BackingStoreFactory
  keychain?: Keychain
  clock?: Clock
  scryptParams?: ScryptParams
}

export const MIN_PASSPHRASE_LENGTH = 8
const CHECK_TEXT = 'embed-workbench vault check v1'
const PASSPHRASE_PROTECTION = 'Master passphrase (scrypt key, AES-256-GCM); the passphrase is never stored'

/** Linux's basic_text backend encrypts with a hard-coded password: treat it as no keychain. */
export function keychainIsUsable(keychain: Keychain | undefined): keychain is Keychain {
  return !!keychain && keychain.available && keychain.backend !== 'basic_text' && keychain.backend !== 'unknown'
}

export class Vault {
  private cipher: SecretCipher | null = null
  private unavailableReason: string | undefined

  private constructor(
    private data: VaultData,
    private readonly store: BackingStore,
    private readonly notices: Notice[],
    private readonly options: VaultOptions
  ) {}

  static async open(options: VaultOptions): Promise<Vault> {
    const clock = options.clock ?? systemClock
    const { data, notices } = loadVaultFile(options.dataDir, clock.now())
    const store = (options.backingStore ?? confBackingStore)({ cwd: options.dataDir, name: VAULT_FILE_NAME })
    const vault = new Vault(data, store, notices, options)
    await vault.openWithKeychain()
    return vault
  }

  private get header(): CipherHeader | null {
    return this.data.cipher
  }

  private async openWithKeychain(): Promise<void> {
    const keychain = this.options.keychain
    const header = this.header
    if (header === null) {
      if (keychainIsUsable(keychain)) {
        const cipher = safeStorageCipher(keychain.storage)
        const check = await cipher.encrypt(CHECK_TEXT)
        this.commit({ ...this.data, cipher: { scheme: 'safestorage', backend: keychain.backend, check } })
        this.cipher = cipher
      }
      return
    }
    if (header.scheme !== 'safestorage') return
    if (!keychain) {
      this.unavailableReason = `This vault is protected by the desktop app's system keychain (${header.backend}). Browser mode and the command line cannot open it: open it in the desktop app, or start with --data-dir to use a separate vault here.`
      return
    }
    if (keychain.backend !== header.backend) {
      this.unavailableReason = `This vault was encrypted with the "${header.backend}" keychain backend, but this session has "${keychain.backend}". Embed Workbench refuses to decrypt with a different backend. Start the app where the "${header.backend}" backend is available (on Linux: --password-store=${header.backend.replace('_', '-')}).`
      return
    }
    if (!keychain.available) {
      this.unavailableReason =
        'The system keychain is not available in this session, so the vault cannot be decrypted. Unlock your keychain and restart the app.'
      return
    }
    const cipher = safeStorageCipher(keychain.storage)
    try {
      if ((await cipher.decrypt(header.check)) !== CHECK_TEXT) throw new Error('check text differs')
      this.cipher = cipher
    } catch {
      this.unavailableReason =
        'The system keychain could not decrypt this vault (its key may have been reset). The vault file was left untouched.'
    }
  }

  private get scheme(): VaultScheme {
    if (this.header) return this.header.scheme
    return keychainIsUsable(this.options.keychain) ? 'safestorage' : 'passphrase'
  }

  status(): VaultStatus {
    const scheme = this.scheme
    const protection =
      scheme === 'passphrase'
        ? PASSPHRASE_PROTECTION
        : `System keychain via Electron safeStorage (${this.header?.scheme === 'safestorage' ? this.header.backend : this.options.keychain?.backend})`
    const base = { scheme, protection, storePath: this.store.path, notices: [...this.notices] }
    if (this.unavailableReason) return { ...base, state: 'unavailable', reason: this.unavailableReason }
    if (this.cipher) return { ...base, state: 'unlocked' }
    return { ...base, state: this.header === null ? 'needs-setup' : 'locked' }
  }

  async setUp(passphrase: string, confirmation: string): Promise<VaultStatus> {
    if (this.status().state !== 'needs-setup') {
      throw new WorkbenchError(
        'VAULT_ALREADY_SET_UP',
        'The vault already has its protection set up. Unlock it instead.'
      )
    }
    checkNewPassphrase(passphrase, confirmation, 'passphrase')
    const { header, cipher } = await this.passphraseHeader(passphrase)
    this.commit({ ...this.data, cipher: header })
    this.cipher = cipher
    return this.status()
  }

  async unlock(passphrase: string): Promise<VaultStatus> {
    const state = this.status().state
    if (state === 'unlocked') return this.status()
    if (state === 'needs-setup')
      throw new WorkbenchError('VAULT_NOT_SET_UP', 'There is no vault yet. Choose a master passphrase to create one.')
    if (state === 'unavailable')
      throw new WorkbenchError('VAULT_UNAVAILABLE', this.unavailableReason ?? 'The vault cannot be opened here.')
    this.cipher = await this.cipherFromPassphrase(passphrase, 'passphrase')
    return this.status()
  }

  lock(): VaultStatus {
    if (this.scheme === 'passphrase') this.cipher = null
    return this.status()
  }

  async changePassphrase(current: string, next: string, confirmation: string): Promise<VaultStatus> {
    if (this.scheme !== 'passphrase' || this.header === null) {
      throw new WorkbenchError(
        'INVALID_INPUT',
        'This vault is protected by the system keychain; it has no master passphrase to change.'
      )
    }
    const oldCipher = await this.cipherFromPassphrase(current, 'current')
    checkNewPassphrase(next, confirmation, 'next')
    const { header, cipher: newCipher } = await this.passphraseHeader(next)
    // Re-encrypt everything in memory first; the file is replaced in one atomic write at the end,
    // so a failure anywhere before it leaves the old vault (and the old passphrase) intact.
    const { cipher: _header, ...records } = this.data
    const reencrypted = await reencryptTagged(records, oldCipher, newCipher)
    this.commit({ ...(reencrypted as VaultData), cipher: header })
    this.cipher = newCipher
    return this.status()
  }

  /** The cipher for reading and writing secrets; fails with a typed error while locked. */
  requireCipher(): SecretCipher {
    if (this.cipher) return this.cipher
    const state = this.status().state
    if (state === 'needs-setup')
      throw new WorkbenchError('VAULT_NOT_SET_UP', 'Create the vault first: choose a master passphrase.')
    if (state === 'unavailable')
      throw new WorkbenchError('VAULT_UNAVAILABLE', this.unavailableReason ?? 'The vault cannot be opened here.')
    throw new WorkbenchError('VAULT_LOCKED', 'The vault is locked. Enter the master passphrase to unlock it.')
  }

  /** A snapshot of the records; requires an unlocked vault. */
  read(): VaultData {
    this.requireCipher()
    return structuredClone(this.data)
  }

  /**
   * Applies a change and writes the whole vault in one atomic write. The mutator runs
   * synchronously, so checks inside it (unique names, ...) cannot race with another change.
   */
  update(mutate: (data: VaultData) => VaultData): VaultData {
    this.requireCipher()
    const next = mutate(structuredClone(this.data))
    this.commit(next)
    return structuredClone(next)
  }

  private commit(next: VaultData): void {
    const valid = vaultDataSchema.parse(next)
    try {
      this.store.write(valid)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
      throw new WorkbenchError(
        'STORE_WRITE_FAILED',
        `Could not write the vault file at ${this.store.path} (${code}). Nothing was changed.`
      )
    }
    this.data = valid
  }

  private async passphraseHeader(passphrase: string): Promise<{ header: CipherHeader; cipher: SecretCipher }> {
    const params = this.options.scryptParams ?? defaultScryptParams
    const salt = newSalt()
    const key = await deriveKey(passphrase, salt, params)
    return {
      header: { scheme: 'passphrase', kdf: 'scrypt', ...params, salt: salt.toString('base64'), keyId: keyIdOf(key) },
      cipher: passphraseCipher(key)
    }
  }

  private async cipherFromPassphrase(passphrase: string, field: string): Promise<SecretCipher> {
    const header = this.header
    if (header?.scheme !== 'passphrase')
      throw new WorkbenchError('VAULT_NOT_SET_UP', 'This vault has no master passphrase.')
    const key = await deriveKey(passphrase, Buffer.from(header.salt, 'base64'), {
      N: header.N,
      r: header.r,
      p: header.p
    })
    if (keyIdOf(key) !== header.keyId) {
      throw new WorkbenchError(
        'PASSPHRASE_WRONG',
        'That passphrase does not open this vault. Check Caps Lock and try again; nothing was changed.',
        field
      )
    }
    return passphraseCipher(key)
  }
}

const TAGGED = /^[a-z0-9-]+:v\d+:/

/**
 * Every encrypted value in the records (credential secrets, certificate keys and passphrases, and
 * whatever a later record type adds), decrypted with one cipher and encrypted with the other.
 * The error names the record that could not be read.
 */
async function reencryptTagged(
  value: unknown,
  from: SecretCipher,
  to: SecretCipher,
  owner = 'a record'
): Promise<unknown> {
  if (typeof value === 'string') {
    if (!TAGGED.test(value)) return value
    const plain = await from.decrypt(value).catch(() => {
      throw new WorkbenchError(
        'SECRET_UNREADABLE',
        `A stored secret of ${owner} cannot be decrypted (that part of the vault file is damaged), so it cannot be re-encrypted. Delete it, then change the passphrase. Nothing was changed.`
      )
    })
    return to.encrypt(plain)
  }
  if (Array.isArray(value)) {
    const out = []
    for (const item of value) out.push(await reencryptTagged(item, from, to, owner))
    return out
  }
  if (value && typeof value === 'object') {
    const named =
      typeof (value as { name?: unknown }).name === 'string' ? `"${(value as { name: string }).name}"` : owner
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = await reencryptTagged(v, from, to, named)
    return out
  }
  return value
}

function checkNewPassphrase(passphrase: string, confirmation: string, field: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new WorkbenchError(
      'PASSPHRASE_TOO_SHORT',
      `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`,
      field
    )
  }
  if (passphrase !== confirmation) {
    throw new WorkbenchError(
      'PASSPHRASE_MISMATCH',
      'The two passphrases differ. Type the same passphrase twice.',
      'confirmation'
    )
  }
}
