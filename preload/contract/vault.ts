/** The vault: its state, how secrets are protected, and the passphrase channels. */
import { z } from 'zod'
import type { Notice } from './core'
import { channel, noInput, passphrase } from './schema'

export type VaultScheme = 'passphrase' | 'safestorage'

export interface VaultStatus {
  /**
   * needs-setup: no vault yet and a master passphrase must be chosen;
   * locked: the passphrase must be entered; unlocked: ready;
   * unavailable: the vault exists but cannot be opened here (see `reason`).
   */
  state: 'needs-setup' | 'locked' | 'unlocked' | 'unavailable'
  scheme: VaultScheme
  /** Human description of how secrets are protected, e.g. "Master passphrase (scrypt, AES-256-GCM)". */
  protection: string
  reason?: string
  /** Where the vault file lives, so the user can back it up. */
  storePath: string
  notices: Notice[]
}

/** The vault: set up, unlock, lock, change the passphrase. */
export const vaultChannels = {
  getVaultStatus: channel<VaultStatus>()(noInput),
  setUpVault: channel<VaultStatus>()(z.object({ passphrase, confirmation: passphrase }).strict()),
  unlockVault: channel<VaultStatus>()(z.object({ passphrase }).strict()),
  lockVault: channel<VaultStatus>()(noInput),
  changePassphrase: channel<VaultStatus>()(
    z.object({ current: passphrase, next: passphrase, confirmation: passphrase }).strict()
  )
} as const
