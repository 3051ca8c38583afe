/**
 * The vault's key handling for the master passphrase: the header that wraps the vault key, the
 * derivation and its checks, and the errors that say what was wrong. Vault (vault.ts) uses these.
 */
import { WorkbenchError } from '../core/errors'
import { deriveKey, gcmOpen, gcmSeal, keyIdOf, newSalt, type ScryptParams } from './cipher'
import type { Notice } from '../../preload/contract'
import type { SecretCipher } from './cipher'
import { secretSlots, type CipherHeader, type SecretSlot, type VaultData } from './vault-file'

export type PassphraseHeader = Extract<CipherHeader, { scheme: 'passphrase' }>

export const MIN_PASSPHRASE_LENGTH = 8

/** The passphrase header's cost and salt, as associated data of the wrapped vault key. */
export function headerAad(header: PassphraseHeader): string {
  return JSON.stringify(['embed-workbench vault key v2', header.kdf, header.N, header.r, header.p, header.salt])
}

/** The key the passphrase derives at the header's cost; a wrong passphrase is named as such. */
export async function keyFromPassphrase(passphrase: string, header: PassphraseHeader, field: string): Promise<Buffer> {
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

/** The vault key, unwrapped with the passphrase's key; a header changed outside the app is said so. */
export function unwrapVaultKey(kek: Buffer, header: PassphraseHeader): Buffer {
  if (!header.wrappedKey) throw headerChanged('its wrapped vault key is missing')
  try {
    const key = gcmOpen(kek, header.wrappedKey, headerAad(header))
    if (key.length !== 32) throw new Error('length')
    return key
  } catch {
    throw headerChanged('the passphrase is right, but the wrapped vault key no longer opens with it')
  }
}

/** A passphrase header that wraps `vaultKey` at the given cost, under a fresh salt. */
export async function passphraseHeaderFor(
  passphrase: string,
  vaultKey: Buffer,
  { N, r, p }: ScryptParams
): Promise<PassphraseHeader> {
  const salt = newSalt()
  const kek = await deriveKey(passphrase, salt, { N, r, p })
  const header = { scheme: 'passphrase' as const, kdf: 'scrypt' as const, N, r, p, salt: salt.toString('base64') }
  return { ...header, keyId: keyIdOf(kek), wrappedKey: gcmSeal(kek, vaultKey, headerAad({ ...header, keyId: '' })) }
}

export function headerChanged(what: string): WorkbenchError {
  return new WorkbenchError(
    'VAULT_HEADER_CHANGED',
    `The vault file's header was changed outside the app: ${what}. Restore vault.json from a backup, or move it aside to start a new vault; nothing was changed.`
  )
}

export function changedMeanwhile(): WorkbenchError {
  return new WorkbenchError(
    'STORE_BUSY',
    'Another Embed Workbench process changed the vault while this change was being prepared. Nothing was changed: try again.'
  )
}

export function checkNewPassphrase(passphrase: string, confirmation: string, field: string): void {
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

/**
 * Every secret of `data` (in place) decrypted by `open` and encrypted by `to`, bound to its
 * record. Returns the owners of those that could not be opened (left as they were).
 */
export async function reencryptSecrets(
  data: VaultData,
  open: (slot: SecretSlot) => Promise<string>,
  to: SecretCipher
): Promise<string[]> {
  const unreadable: string[] = []
  for (const slot of secretSlots(data)) {
    const plain = await open(slot).catch(() => null)
    if (plain === null) unreadable.push(slot.owner)
    else slot.set(await to.encrypt(plain, slot.binding))
  }
  return unreadable
}

export function upgradedNotice(unreadable: string[]): Notice {
  return {
    code: 'VAULT_UPGRADED',
    severity: 'info',
    message: `The vault was upgraded to format 2: every secret is now bound to its record and destination, and edits made to the file outside the app are detected and undone.${
      unreadable.length
        ? ` ${unreadable.length} secret${unreadable.length === 1 ? ' was' : 's were'} already unreadable and stay so (${unreadable.join(', ')}).`
        : ''
    }`
  }
}

export function rekeyedNotice(from: ScryptParams, to: ScryptParams): Notice {
  return {
    code: 'VAULT_REKEYED',
    severity: 'info',
    message: `The master passphrase key was re-derived at the current scrypt cost (N=2^${Math.log2(to.N)}, r=${to.r}, p=${to.p}); it was N=2^${Math.log2(from.N)}. Unlocking takes a little longer and guessing the passphrase far longer.`
  }
}
