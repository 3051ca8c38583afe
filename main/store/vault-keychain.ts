/**
 * The system keychain scheme (Electron safeStorage): which keychains count, and opening a vault
 * whose key the keychain wraps, with a sentence for each reason it cannot be opened here.
 */
import { keychainDecrypt, type AsyncSafeStorage } from './cipher'
import type { CipherHeader } from './vault-file'

/** The OS keychain as the Electron shell sees it. Absent in browser mode and the CLI. */
export interface Keychain {
  storage: AsyncSafeStorage
  /** Whether safeStorage's async encryption is available in this session. */
  available: boolean
  /** safeStorage.getSelectedStorageBackend() on Linux, the platform name elsewhere. */
  backend: string
}

const LEGACY_CHECK_TEXT = 'embed-workbench vault check v1'

/** Linux's basic_text backend encrypts with a hard-coded password: treat it as no keychain. */
export function keychainIsUsable(keychain: Keychain | undefined): keychain is Keychain {
  return !!keychain && keychain.available && keychain.backend !== 'basic_text' && keychain.backend !== 'unknown'
}

/**
 * The vault key of a keychain vault; for a format 1 vault, the keychain that passed its check
 * (the caller upgrades it); or why this session cannot open it.
 */
export async function openKeychainVault(
  header: Extract<CipherHeader, { scheme: 'safestorage' }>,
  keychain: Keychain | undefined,
  version: number
): Promise<{ vaultKey: Buffer } | { legacy: Keychain } | { problem: string }> {
  if (!keychain)
    return {
      problem: `This vault is protected by the desktop app's system keychain (${header.backend}). Browser mode and the command line cannot open it: open it in the desktop app, or start with --data-dir to use a separate vault here.`
    }
  if (keychain.backend !== header.backend)
    return {
      problem: `This vault was encrypted with the "${header.backend}" keychain backend, but this session has "${keychain.backend}". Embed Workbench refuses to decrypt with a different backend. Start the app where the "${header.backend}" backend is available (on Linux: --password-store=${header.backend.replace('_', '-')}).`
    }
  if (!keychain.available)
    return {
      problem:
        'The system keychain is not available in this session, so the vault cannot be decrypted. Unlock your keychain and restart the app.'
    }
  const unreadable = {
    problem:
      'The system keychain could not decrypt this vault (its key may have been reset). The vault file was left untouched.'
  }
  if (version === 1) {
    try {
      return (await keychainDecrypt(keychain.storage, header.check ?? '')) === LEGACY_CHECK_TEXT
        ? { legacy: keychain }
        : unreadable
    } catch {
      return unreadable
    }
  }
  try {
    const vaultKey = Buffer.from(await keychainDecrypt(keychain.storage, header.wrappedKey ?? ''), 'base64')
    return vaultKey.length === 32 ? { vaultKey } : unreadable
  } catch {
    return unreadable
  }
}
