/**
 * The vault: owns the vault file, its lock state and the keys that protect every secret. Domain
 * services read and write their records through it and never see a key.
 *
 * Every write runs under a lock on the file, re-reads it if another process changed it, applies
 * the change to what is there, and seals the result (vault-seal.ts), so two processes on one data
 * folder lose nothing and edits made outside the app are named and undone.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Notice, VaultScheme, VaultStatus } from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import {
  defaultScryptParams,
  gcmOpen,
  gcmSeal,
  isWeaker,
  keychainDecrypt,
  keychainEncrypt,
  keyIdOf,
  legacyDecryptor,
  newSalt,
  newVaultKey,
  recordCipher,
  scryptParamsProblem,
  deriveKey,
  vaultKeysOf,
  type AsyncSafeStorage,
  type ScryptParams,
  type SecretCipher,
  type VaultKeys
} from './cipher'
import {
  confBackingStore,
  fileStamp,
  keepCopyAside,
  loadStoreFile,
  storeFilePath,
  withFileLock,
  writeFileAtomic,
  type BackingStore,
  type BackingStoreFactory
} from './json-file'
import {
  emptyVault,
  secretSlots,
  vaultDataSchema,
  VAULT_FILE_NAME,
  type CipherHeader,
  type VaultData
} from './vault-file'
import { describeChanges, openSeal, sealOf } from './vault-seal'

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
  /** The scrypt cost of new and re-keyed vaults (tests pass a small one). */
  scryptParams?: ScryptParams
}

export const MIN_PASSPHRASE_LENGTH = 8
const LEGACY_CHECK_TEXT = 'embed-workbench vault check v1'
const PASSPHRASE_PROTECTION = 'Master passphrase (scrypt key, AES-256-GCM); the passphrase is never stored'
/** Lists this many changes in a notice, then counts the rest. */
const MAX_CHANGES_LISTED = 12

/** Linux's basic_text backend encrypts with a hard-coded password: treat it as no keychain. */
export function keychainIsUsable(keychain: Keychain | undefined): keychain is Keychain {
  return !!keychain && keychain.available && keychain.backend !== 'basic_text' && keychain.backend !== 'unknown'
}

/** The passphrase header's cost and salt, as associated data of the wrapped vault key. */
function headerAad(header: Extract<CipherHeader, { scheme: 'passphrase' }>): string {
  return JSON.stringify(['embed-workbench vault key v2', header.kdf, header.N, header.r, header.p, header.salt])
}

/**
 * Outside the vault file: the highest revision this data folder has seen and every credential ever
 * revoked in it. An older vault file put back is recognised, and its revocations re-applied.
 */
interface RevisionMark {
  revision: number
  revoked: { id: string; name: string; revokedAt?: string }[]
}
const MARK_FILE = 'vault-revision.json'

export class Vault {
  private keys: VaultKeys | null = null
  private cipher: SecretCipher | null = null
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
    const unreadable =
      'The system keychain could not decrypt this vault (its key may have been reset). The vault file was left untouched.'
    if (this.data.version === 1) {
      try {
        if ((await keychainDecrypt(keychain.storage, header.check ?? '')) !== LEGACY_CHECK_TEXT)
          throw new Error('check')
      } catch {
        this.unavailableReason = unreadable
        return
      }
      const vaultKey = newVaultKey()
      const wrappedKey = await keychainEncrypt(keychain.storage, vaultKey.toString('base64'))
      await this.upgrade(legacyDecryptor({ storage: keychain.storage }), vaultKey, 'safestorage', {
        scheme: 'safestorage',
        backend: keychain.backend,
        wrappedKey
      })
      return
    }
    let vaultKey: Buffer
    try {
      vaultKey = Buffer.from(await keychainDecrypt(keychain.storage, header.wrappedKey ?? ''), 'base64')
      if (vaultKey.length !== 32) throw new Error('length')
    } catch {
      this.unavailableReason = unreadable
      return
    }
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
    const kek = await this.keyFromPassphrase(passphrase, header, 'passphrase')
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
    const vaultKey = this.unwrapWith(kek, header)
    this.useKey(vaultKey, 'passphrase')
    this.verifyOnOpen()
    if (isWeaker(header, this.targetParams)) {
      // A vault written at a lower cost than this build's: wrap the same key at the current cost.
      const stronger = await this.passphraseHeader(passphrase, vaultKey)
      this.commit((fresh) => ({ ...fresh, cipher: stronger }))
      this.notices.push({
        code: 'VAULT_REKEYED',
        severity: 'info',
        message: `The master passphrase key was re-derived at the current scrypt cost (N=2^${Math.log2(stronger.N)}, r=${stronger.r}, p=${stronger.p}); it was N=2^${Math.log2(header.N)}. Unlocking takes a little longer and guessing the passphrase far longer.`
      })
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
    this.unwrapWith(await this.keyFromPassphrase(current, header, 'current'), header)
    checkNewPassphrase(next, confirmation, 'next')
    const oldCipher = this.requireCipher()
    const vaultKey = newVaultKey()
    const newHeader = await this.passphraseHeader(next, vaultKey)
    const newCipher = recordCipher('passphrase', vaultKeysOf(vaultKey))
    // Re-encrypt every secret under a new vault key in memory first; the file is replaced in one
    // atomic write at the end, so a failure before it leaves the old vault and passphrase intact.
    const snapshot = structuredClone(this.data)
    for (const slot of secretSlots(snapshot)) {
      const plain = await oldCipher.decrypt(slot.value, slot.binding).catch(() => {
        throw new WorkbenchError(
          'SECRET_UNREADABLE',
          `A stored secret of ${slot.owner} cannot be decrypted (that part of the vault file is damaged), so it cannot be re-encrypted. Delete it, then change the passphrase. Nothing was changed.`
        )
      })
      slot.set(await newCipher.encrypt(plain, slot.binding))
    }
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
   * Applies a change to the vault as it is on disk now and writes it in one atomic write, under the
   * file's lock. The mutator runs synchronously, so checks inside it (unique names, a credential
   * still active, ...) see every other process's writes and cannot race with them.
   */
  update(mutate: (data: VaultData) => VaultData): VaultData {
    this.requireCipher()
    return structuredClone(this.commit(mutate))
  }

  // -------------------------------------------------------------------------------------------
  // Keys

  private useKey(vaultKey: Buffer, scheme: VaultScheme): void {
    this.keys = vaultKeysOf(vaultKey)
    this.cipher = recordCipher(scheme, this.keys)
  }

  private forgetKey(): void {
    this.keys = null
    this.cipher = null
  }

  private passphraseHeaderOrThrow(): Extract<CipherHeader, { scheme: 'passphrase' }> {
    const header = this.header
    if (header?.scheme !== 'passphrase')
      throw new WorkbenchError('VAULT_NOT_SET_UP', 'This vault has no master passphrase.')
    const problem = scryptParamsProblem(header)
    if (problem)
      throw headerChanged(`its key derivation asks for ${problem}, which this app never writes. Nothing was derived`)
    return header
  }

  private async keyFromPassphrase(
    passphrase: string,
    header: Extract<CipherHeader, { scheme: 'passphrase' }>,
    field: string
  ): Promise<Buffer> {
    const kek = await deriveKey(passphrase, Buffer.from(header.salt, 'base64'), header)
    if (keyIdOf(kek) !== header.keyId) {
      throw new WorkbenchError(
        'PASSPHRASE_WRONG',
        'That passphrase does not open this vault. Check Caps Lock and try again; nothing was changed.',
        field
      )
    }
    return kek
  }

  private unwrapWith(kek: Buffer, header: Extract<CipherHeader, { scheme: 'passphrase' }>): Buffer {
    if (!header.wrappedKey) throw headerChanged('its wrapped vault key is missing')
    try {
      const key = gcmOpen(kek, header.wrappedKey, headerAad(header))
      if (key.length !== 32) throw new Error('length')
      return key
    } catch {
      throw headerChanged('the passphrase is right, but the wrapped vault key no longer opens with it')
    }
  }

  /** A passphrase header wrapping `vaultKey`; at this build's cost unless `keep` gives one. */
  private async passphraseHeader(
    passphrase: string,
    vaultKey: Buffer,
    keep?: ScryptParams
  ): Promise<Extract<CipherHeader, { scheme: 'passphrase' }>> {
    const { N, r, p } = keep ?? this.targetParams
    const salt = newSalt()
    const kek = await deriveKey(passphrase, salt, { N, r, p })
    const header = { scheme: 'passphrase' as const, kdf: 'scrypt' as const, N, r, p, salt: salt.toString('base64') }
    return { ...header, keyId: keyIdOf(kek), wrappedKey: gcmSeal(kek, vaultKey, headerAad({ ...header, keyId: '' })) }
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
    const unreadable: string[] = []
    for (const slot of secretSlots(snapshot)) {
      const plain = await decryptLegacy(slot.value).catch(() => null)
      if (plain === null) unreadable.push(slot.owner)
      else slot.set(await cipher.encrypt(plain, slot.binding))
    }
    this.commit(
      (fresh) => {
        if (fresh.version !== 1 || fresh.revision !== snapshot.revision) throw changedMeanwhile()
        return { ...snapshot, version: 2, cipher: header }
      },
      { keys: vaultKeysOf(vaultKey) }
    )
    this.useKey(vaultKey, scheme)
    this.notices.push({
      code: 'VAULT_UPGRADED',
      severity: 'info',
      message: `The vault was upgraded to format 2: every secret is now bound to its record and destination, and edits made to the file outside the app are detected and undone.${
        unreadable.length
          ? ` ${unreadable.length} secret${unreadable.length === 1 ? ' was' : 's were'} already unreadable and stay so (${unreadable.join(', ')}).`
          : ''
      }`
    })
  }

  // -------------------------------------------------------------------------------------------
  // Reading, verifying and writing the file

  /** After the key is known: the file against its seal, and its revision against the data folder's. */
  private verifyOnOpen(): void {
    const found = this.data
    const authentic = this.authenticOf(found)
    const fixes = this.reapplyRevocations(authentic)
    if (authentic !== found || fixes) this.repair(authentic)
  }

  /**
   * The vault as the app wrote it: the seal's copy, with a notice when the file differs. With no
   * usable seal, the file itself (each secret still opens only for its own record).
   */
  private authenticOf(found: VaultData): VaultData {
    if (!this.keys) return found
    const sealed = openSeal(found, this.keys.seal)
    if (!sealed) {
      if (found.seal === null && secretSlots(found).length === 0 && found.revision === 0) return found
      this.changedOutside(
        'its seal is missing or damaged, so what else was changed cannot be named or undone. Each secret still opens only for its own record: a secret moved to another record shows as unreadable there'
      )
      return { ...found }
    }
    const changes = describeChanges(sealed, found)
    if (changes.length === 0) return found
    const listed = changes.slice(0, MAX_CHANGES_LISTED).join('; ')
    const more = changes.length > MAX_CHANGES_LISTED ? `; and ${changes.length - MAX_CHANGES_LISTED} more` : ''
    this.changedOutside(`${listed}${more}. The app's own values were restored`)
    return sealed
  }

  private changedOutside(what: string): void {
    let kept: string
    try {
      kept = ` The file as found is kept at ${keepCopyAside(this.path, this.clock.now())}.`
    } catch {
      kept = ''
    }
    this.notices.push({
      code: 'VAULT_CHANGED_OUTSIDE',
      severity: 'warning',
      message: `The vault file was changed outside Embed Workbench: ${what}.${kept} If you did not make this change, another program on this computer can write to your data folder.`
    })
  }

  /** An older vault file put back: its revision is below the data folder's mark. Revocations stay. */
  private reapplyRevocations(data: VaultData): boolean {
    const mark = this.readMark()
    if (data.revision >= mark.revision) return false
    const undone: string[] = []
    for (const revoked of mark.revoked) {
      const record = data.credentials.find((c) => c.id === revoked.id && c.status === 'active')
      if (!record) continue
      record.status = 'revoked'
      record.revokedAt = revoked.revokedAt ?? this.clock.now().toISOString()
      undone.push(`"${record.name}"`)
    }
    this.notices.push({
      code: 'VAULT_ROLLED_BACK',
      severity: 'warning',
      message: `The vault file is older than the one this data folder last had (revision ${data.revision}; the app had written ${mark.revision}): it was restored from a backup or put back by another program. Changes made since then are missing.${
        undone.length
          ? ` Credentials revoked since then stay revoked: ${undone.join(', ')}.`
          : ' No revocation was undone by it.'
      }`
    })
    data.revision = mark.revision
    return true
  }

  private repair(authentic: VaultData): void {
    this.commit(() => authentic, { refresh: false })
  }

  private readMark(): RevisionMark {
    try {
      const mark = JSON.parse(readFileSync(join(this.options.dataDir, MARK_FILE), 'utf8')) as RevisionMark
      if (typeof mark.revision === 'number' && Array.isArray(mark.revoked)) return mark
    } catch {
      // No mark yet (a new folder, or format 1): nothing to compare with.
    }
    return { revision: 0, revoked: [] }
  }

  private writeMark(data: VaultData): void {
    const previous = this.readMark()
    const revoked = new Map(previous.revoked.map((r) => [r.id, r]))
    for (const c of data.credentials)
      if (c.status === 'revoked')
        revoked.set(c.id, { id: c.id, name: c.name, ...(c.revokedAt ? { revokedAt: c.revokedAt } : {}) })
    const mark: RevisionMark = { revision: Math.max(previous.revision, data.revision), revoked: [...revoked.values()] }
    try {
      writeFileAtomic(join(this.options.dataDir, MARK_FILE), JSON.stringify(mark))
    } catch {
      // The mark only strengthens rollback detection; the vault itself was written.
    }
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
      this.data = fresh
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
      this.data = fresh
      return
    }
    const authentic = this.authenticOf(fresh)
    const known = this.data.revision
    if (authentic.revision < known) {
      this.data = authentic
      this.reapplyRevocations(authentic)
      this.repair(authentic)
      return
    }
    this.data = authentic
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
      const changed = mutate(structuredClone(base))
      const next: VaultData = {
        ...changed,
        version: 2,
        revision: Math.max(base.revision, changed.revision, this.readMark().revision) + 1
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
      this.data = valid
      this.stamp = fileStamp(this.path)
      this.writeMark(valid)
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

function headerChanged(what: string): WorkbenchError {
  return new WorkbenchError(
    'VAULT_HEADER_CHANGED',
    `The vault file's header was changed outside the app: ${what}. Restore vault.json from a backup, or move it aside to start a new vault; nothing was changed.`
  )
}

function changedMeanwhile(): WorkbenchError {
  return new WorkbenchError(
    'STORE_BUSY',
    'Another Embed Workbench process changed the vault while this change was being prepared. Nothing was changed: try again.'
  )
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
