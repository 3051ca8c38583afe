/**
 * The vault: owns the vault file, its lock state and the keys that protect every secret. Domain
 * services read and write their records through it and never see a key.
 *
 * Every write runs under a lock on the file, re-reads it if another process changed it, applies
 * the change to what is there, and seals the result (vault-seal.ts), so two processes on one data
 * folder lose nothing and edits made outside the app are named and undone.
 */
import { readFileSync } from 'node:fs'
import type { Notice, VaultScheme, VaultStatus } from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import {
  defaultScryptParams,
  isWeaker,
  keychainEncrypt,
  legacyDecryptor,
  newVaultKey,
  recordCipher,
  scryptParamsProblem,
  vaultKeysOf,
  type ScryptParams,
  type SecretBinding,
  type SecretCipher,
  type VaultKeys
} from './cipher'
import {
  confBackingStore,
  fileStamp,
  loadStoreFile,
  storeFilePath,
  withFileLock,
  type BackingStore,
  type BackingStoreFactory
} from './json-file'
import { emptyVault, vaultDataSchema, VAULT_FILE_NAME, type CipherHeader, type VaultData } from './vault-file'
import { authenticate, changedOutsideNotice, sealOf } from './vault-seal'
import {
  changedMeanwhile,
  checkNewPassphrase,
  headerChanged,
  keyFromPassphrase,
  passphraseHeaderFor,
  reencryptSecrets,
  rekeyedNotice,
  upgradedNotice,
  unwrapVaultKey,
  type PassphraseHeader
} from './vault-keys'
import { reapplyRevocations, readRevisionMark, writeRevisionMark } from './vault-revision'
import { deepFreeze } from '../core/freeze'

export { MIN_PASSPHRASE_LENGTH } from './vault-keys'
export { keychainIsUsable, type Keychain } from './vault-keychain'
import { keychainIsUsable, openKeychainVault, type Keychain } from './vault-keychain'

export interface VaultOptions {
  dataDir: string
  backingStore?: BackingStoreFactory
  keychain?: Keychain
  clock?: Clock
  /** The scrypt cost of new and re-keyed vaults (tests pass a small one). */
  scryptParams?: ScryptParams
}

/** How many decrypted secrets an unlocked vault remembers (signing and verifying reuse a few). */
const MAX_REMEMBERED = 1000

const PASSPHRASE_PROTECTION = 'Master passphrase (scrypt key, AES-256-GCM); the passphrase is never stored'

export class Vault {
  private keys: VaultKeys | null = null
  private cipher: SecretCipher | null = null
  /** Decrypted secrets by ciphertext and binding, while unlocked (decryptRemembered). */
  private readonly plain = new Map<string, string>()
  private readonly forgetListeners: (() => void)[] = []
  private unavailableReason: string | undefined
  private readonly path: string
  private stamp: string | null
  /** Set while this process holds the file lock, so a repair inside a write does not wait on itself. */
  private holdsLock = false

  private constructor(
    private data: VaultData,
    private readonly store: BackingStore,
    private readonly notices: Notice[],
    private readonly options: VaultOptions
  ) {
    this.path = storeFilePath(options.dataDir, VAULT_FILE_NAME)
    this.stamp = fileStamp(this.path)
    deepFreeze(data)
  }

  static async open(options: VaultOptions): Promise<Vault> {
    const clock = options.clock ?? systemClock
    const path = storeFilePath(options.dataDir, VAULT_FILE_NAME)
    const { data, notices } = loadStoreFile(path, vaultDataSchema, emptyVault, 'vault', clock.now())
    const store = (options.backingStore ?? confBackingStore)({ cwd: options.dataDir, name: VAULT_FILE_NAME })
    const vault = new Vault(data, store, notices, options)
    await vault.openWithKeychain()
    return vault
  }

  private get clock(): Clock {
    return this.options.clock ?? systemClock
  }

  private get header(): CipherHeader | null {
    return this.data.cipher
  }

  private get targetParams(): ScryptParams {
    return this.options.scryptParams ?? defaultScryptParams
  }

  private async openWithKeychain(): Promise<void> {
    const keychain = this.options.keychain
    const header = this.header
    if (header === null) {
      if (!keychainIsUsable(keychain)) return
      const vaultKey = newVaultKey()
      const wrappedKey = await keychainEncrypt(keychain.storage, vaultKey.toString('base64'))
      try {
        this.commit(
          (fresh) => {
            if (fresh.cipher !== null) throw new WorkbenchError('VAULT_ALREADY_SET_UP', 'Set up by another process.')
            return { ...fresh, cipher: { scheme: 'safestorage', backend: keychain.backend, wrappedKey } }
          },
          { keys: vaultKeysOf(vaultKey) }
        )
      } catch (error) {
        // Another window set the vault up a moment ago: open the one it made.
        if (error instanceof WorkbenchError && error.code === 'VAULT_ALREADY_SET_UP') return this.openWithKeychain()
        throw error
      }
      this.useKey(vaultKey, 'safestorage')
      return
    }
    if (header.scheme !== 'safestorage') return
    const opened = await openKeychainVault(header, keychain, this.data.version)
    if ('problem' in opened) {
      this.unavailableReason = opened.problem
      return
    }
    if ('legacy' in opened) {
      const vaultKey = newVaultKey()
      const wrappedKey = await keychainEncrypt(opened.legacy.storage, vaultKey.toString('base64'))
      await this.upgrade(legacyDecryptor({ storage: opened.legacy.storage }), vaultKey, 'safestorage', {
        scheme: 'safestorage',
        backend: opened.legacy.backend,
        wrappedKey
      })
      return
    }
    const vaultKey = opened.vaultKey
    this.useKey(vaultKey, 'safestorage')
    this.verifyOnOpen()
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
    this.refresh()
    if (this.status().state !== 'needs-setup') {
      throw new WorkbenchError(
        'VAULT_ALREADY_SET_UP',
        'The vault already has its protection set up. Unlock it instead.'
      )
    }
    checkNewPassphrase(passphrase, confirmation, 'passphrase')
    const vaultKey = newVaultKey()
    const header = await this.passphraseHeader(passphrase, vaultKey)
    this.commit(
      (fresh) => {
        if (fresh.cipher !== null)
          throw new WorkbenchError(
            'VAULT_ALREADY_SET_UP',
            'Another Embed Workbench process set up this vault a moment ago. Unlock it with its passphrase.'
          )
        return { ...fresh, cipher: header }
      },
      { keys: vaultKeysOf(vaultKey) }
    )
    this.useKey(vaultKey, 'passphrase')
    return this.status()
  }

  async unlock(passphrase: string): Promise<VaultStatus> {
    this.refresh()
    const state = this.status().state
    if (state === 'unlocked') return this.status()
    if (state === 'needs-setup')
      throw new WorkbenchError('VAULT_NOT_SET_UP', 'There is no vault yet. Choose a master passphrase to create one.')
    if (state === 'unavailable')
      throw new WorkbenchError('VAULT_UNAVAILABLE', this.unavailableReason ?? 'The vault cannot be opened here.')
    const header = this.passphraseHeaderOrThrow()
    const kek = await keyFromPassphrase(passphrase, header, 'passphrase')
    if (this.data.version === 1) {
      // Format 1 used the scrypt key itself on every secret. Upgrading re-keys at this build's cost.
      const vaultKey = newVaultKey()
      await this.upgrade(
        legacyDecryptor({ key: kek }),
        vaultKey,
        'passphrase',
        await this.passphraseHeader(passphrase, vaultKey, isWeaker(header, this.targetParams) ? undefined : header)
      )
      return this.status()
    }
    const vaultKey = unwrapVaultKey(kek, header)
    this.useKey(vaultKey, 'passphrase')
    this.verifyOnOpen()
    if (isWeaker(header, this.targetParams)) {
      // A vault written at a lower cost than this build's: wrap the same key at the current cost.
      const stronger = await this.passphraseHeader(passphrase, vaultKey)
      this.commit((fresh) => ({ ...fresh, cipher: stronger }))
      this.notices.push(rekeyedNotice(header, stronger))
    }
    return this.status()
  }

  lock(): VaultStatus {
    if (this.scheme === 'passphrase') this.forgetKey()
    return this.status()
  }

  async changePassphrase(current: string, next: string, confirmation: string): Promise<VaultStatus> {
    this.refresh()
    if (this.scheme !== 'passphrase' || this.header === null) {
      throw new WorkbenchError(
        'INVALID_INPUT',
        'This vault is protected by the system keychain; it has no master passphrase to change.'
      )
    }
    const header = this.passphraseHeaderOrThrow()
    unwrapVaultKey(await keyFromPassphrase(current, header, 'current'), header)
    checkNewPassphrase(next, confirmation, 'next')
    const oldCipher = this.requireCipher()
    const vaultKey = newVaultKey()
    const newHeader = await this.passphraseHeader(next, vaultKey)
    const newCipher = recordCipher('passphrase', vaultKeysOf(vaultKey))
    // Re-encrypt every secret under a new vault key in memory first; the file is replaced in one
    // atomic write at the end, so a failure before it leaves the old vault and passphrase intact.
    const snapshot = structuredClone(this.data)
    const unreadable = await reencryptSecrets(
      snapshot,
      (slot) => oldCipher.decrypt(slot.value, slot.binding),
      newCipher
    )
    if (unreadable.length)
      throw new WorkbenchError(
        'SECRET_UNREADABLE',
        `A stored secret of ${unreadable[0]} cannot be decrypted (that part of the vault file is damaged), so it cannot be re-encrypted. Delete it, then change the passphrase. Nothing was changed.`
      )
    this.commit(
      (fresh) => {
        if (fresh.revision !== snapshot.revision) throw changedMeanwhile()
        return { ...snapshot, cipher: newHeader }
      },
      { keys: vaultKeysOf(vaultKey) }
    )
    this.useKey(vaultKey, 'passphrase')
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

  /** A snapshot of the records as they are on disk now; requires an unlocked vault. */
  read(): VaultData {
    this.requireCipher()
    this.refresh()
    this.requireCipher()
    // The seal is a second copy of everything: readers never need it, so it is not cloned.
    const { seal: _seal, ...records } = this.data
    return { ...structuredClone(records), seal: null }
  }

  /**
   * The records as they are on disk now, without a copy: for the hot paths (signing, verifying)
   * that only look. The result is the vault's own and must not be changed; use update().
   */
  peek(): Readonly<VaultData> {
    this.requireCipher()
    this.refresh()
    this.requireCipher()
    return this.data
  }

  /**
   * A stored secret decrypted, remembered while the vault stays unlocked: signing and verifying
   * decrypt the same few secrets over and over. Keyed by the ciphertext and its binding, so a
   * changed or re-bound secret is decrypted afresh; forgotten on lock, key change or reload.
   */
  async decryptRemembered(tagged: string, binding: SecretBinding): Promise<string> {
    const cipher = this.requireCipher()
    const key = `${tagged}\u0000${JSON.stringify(binding)}`
    const known = this.plain.get(key)
    if (known !== undefined) return known
    const plain = await cipher.decrypt(tagged, binding)
    // Still the same key (not locked or changed while decrypting): remember it.
    if (this.cipher === cipher) {
      if (this.plain.size >= MAX_REMEMBERED) this.plain.delete(this.plain.keys().next().value!)
      this.plain.set(key, plain)
    }
    return plain
  }

  /**
   * Applies a change to the vault as it is on disk now and writes it in one atomic write, under the
   * file's lock. The mutator runs synchronously, so checks inside it (unique names, a credential
   * still active, ...) see every other process's writes and cannot race with them.
   */
  update(mutate: (data: VaultData) => VaultData): Readonly<VaultData> {
    this.requireCipher()
    // The vault as written, not a copy (a copy of every record on every write): callers only look.
    return this.commit(mutate)
  }

  // -------------------------------------------------------------------------------------------
  // Keys

  private useKey(vaultKey: Buffer, scheme: VaultScheme): void {
    this.forgetRemembered()
    this.keys = vaultKeysOf(vaultKey)
    this.cipher = recordCipher(scheme, this.keys)
  }

  private forgetKey(): void {
    this.keys = null
    this.cipher = null
    this.forgetRemembered()
  }

  /** Decrypted secrets, and what others keep made from them (signing keys), are forgotten. */
  private forgetRemembered(): void {
    this.plain.clear()
    for (const listener of this.forgetListeners) listener()
  }

  /** Called whenever the remembered secrets are forgotten (lock, key change), for keys made from them. */
  onForget(listener: () => void): void {
    this.forgetListeners.push(listener)
  }

  private passphraseHeaderOrThrow(): PassphraseHeader {
    const header = this.header
    if (header?.scheme !== 'passphrase')
      throw new WorkbenchError('VAULT_NOT_SET_UP', 'This vault has no master passphrase.')
    const problem = scryptParamsProblem(header)
    if (problem)
      throw headerChanged(`its key derivation asks for ${problem}, which this app never writes. Nothing was derived`)
    return header
  }

  /** A passphrase header wrapping `vaultKey`; at this build's cost unless `keep` gives one. */
  private passphraseHeader(passphrase: string, vaultKey: Buffer, keep?: ScryptParams): Promise<PassphraseHeader> {
    return passphraseHeaderFor(passphrase, vaultKey, keep ?? this.targetParams)
  }

  /** Format 1 to 2: every secret re-encrypted under a new vault key, bound to its record; then sealed. */
  private async upgrade(
    decryptLegacy: (tagged: string) => Promise<string>,
    vaultKey: Buffer,
    scheme: VaultScheme,
    header: CipherHeader
  ): Promise<void> {
    const snapshot = structuredClone(this.data)
    const cipher = recordCipher(scheme, vaultKeysOf(vaultKey))
    const unreadable = await reencryptSecrets(snapshot, (slot) => decryptLegacy(slot.value), cipher)
    this.commit(
      (fresh) => {
        if (fresh.version !== 1 || fresh.revision !== snapshot.revision) throw changedMeanwhile()
        return { ...snapshot, version: 2, cipher: header }
      },
      { keys: vaultKeysOf(vaultKey) }
    )
    this.useKey(vaultKey, scheme)
    this.notices.push(upgradedNotice(unreadable))
  }

  // -------------------------------------------------------------------------------------------
  // Reading, verifying and writing the file

  /** After the key is known: the file against its seal, and its revision against the data folder's. */
  private verifyOnOpen(): void {
    const found = this.data
    const authentic = this.reapplyRevocations(this.authenticOf(found))
    if (authentic !== found) this.repair(authentic)
  }

  /** The vault as the app wrote it (vault-seal.ts), with a notice when the file differs from it. */
  private authenticOf(found: VaultData): VaultData {
    if (!this.keys) return found
    const { authentic, problem } = authenticate(found, this.keys.seal)
    if (problem) this.changedOutside(problem)
    return authentic
  }

  private changedOutside(what: string): void {
    this.notices.push(changedOutsideNotice(this.path, this.clock.now(), what))
  }

  /** An older vault file put back: its revision is below the data folder's mark. Revocations stay. */
  private reapplyRevocations(data: VaultData): VaultData {
    const fixed = reapplyRevocations(data, readRevisionMark(this.options.dataDir), this.clock.now())
    if (!fixed) return data
    this.notices.push(fixed.notice)
    return fixed.data
  }

  private repair(authentic: VaultData): void {
    this.commit(() => authentic, { refresh: false })
  }

  /**
   * Re-reads the file when another process replaced it. A changed passphrase there locks this
   * process; a file that no longer reads keeps this process's copy (written back on the next change).
   */
  private refresh(): void {
    const stamp = fileStamp(this.path)
    if (stamp === this.stamp) return
    this.stamp = stamp
    if (stamp === null) return
    let fresh: VaultData
    try {
      const parsed = vaultDataSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')))
      if (!parsed.success) throw new Error('shape')
      fresh = parsed.data
    } catch {
      this.changedOutside(
        'it no longer reads as a vault file. The app keeps the vault it had and writes it back on the next change'
      )
      return
    }
    if (JSON.stringify(fresh.cipher) !== JSON.stringify(this.data.cipher) || fresh.version !== this.data.version) {
      const wasUnlocked = this.cipher !== null
      this.data = deepFreeze(fresh)
      this.forgetKey()
      if (wasUnlocked && fresh.cipher?.scheme === 'passphrase')
        this.notices.push({
          code: 'VAULT_LOCKED_ELSEWHERE',
          severity: 'info',
          message:
            'The master passphrase was changed in another Embed Workbench window; unlock with the new passphrase.'
        })
      else if (fresh.cipher?.scheme === 'safestorage')
        this.unavailableReason =
          'Another Embed Workbench window re-created this vault with the system keychain. Restart the app to open it.'
      return
    }
    if (!this.keys) {
      this.data = deepFreeze(fresh)
      return
    }
    const authentic = this.authenticOf(fresh)
    const known = this.data.revision
    if (authentic.revision < known) {
      this.data = deepFreeze(authentic)
      this.repair(this.reapplyRevocations(authentic))
      return
    }
    this.data = deepFreeze(authentic)
    if (authentic !== fresh) this.repair(authentic)
  }

  /**
   * Under the file lock: the latest file, the change, the seal, one atomic write. `keys` seals with
   * a new vault key (set-up, upgrade, new passphrase) while the file is still read with the old one.
   */
  private commit(
    mutate: (fresh: VaultData) => VaultData,
    options: { refresh?: boolean; keys?: VaultKeys } = {}
  ): VaultData {
    const run = () => {
      if (options.refresh !== false) {
        this.refresh()
        if (this.data.cipher !== null && !options.keys) this.requireCipher()
      }
      const keys = options.keys ?? this.keys
      const base = this.data
      // The vault's own data, frozen: a change returns a new object (and shares what it keeps), so
      // a write does not copy every record first, and a failed write leaves nothing changed.
      const changed = mutate(base)
      const next: VaultData = {
        ...changed,
        version: 2,
        revision: Math.max(base.revision, changed.revision, readRevisionMark(this.options.dataDir).revision) + 1
      }
      next.seal = keys ? sealOf(next, keys.seal) : null
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
      this.data = deepFreeze(valid)
      this.stamp = fileStamp(this.path)
      writeRevisionMark(this.options.dataDir, valid)
      return valid
    }
    if (this.holdsLock) return run()
    return withFileLock(this.path, 'the vault', () => {
      this.holdsLock = true
      try {
        return run()
      } finally {
        this.holdsLock = false
      }
    })
  }
}
