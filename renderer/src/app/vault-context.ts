import { createContext, useContext } from 'react'
import type { ErrorCode, Notice, VaultStatus } from '../../../preload/contract'

export interface VaultControls {
  status: VaultStatus
  /** Adopts a status returned by any vault call (unlock, lock, change passphrase...). */
  acceptStatus: (status: VaultStatus) => void
  /** Re-reads the status, e.g. after a VAULT_LOCKED failure. */
  refreshStatus: () => void
  /** Reports a failure code; vault-state failures make the app re-read the status. */
  noticeFailure: (code: ErrorCode) => void
  /** Shows notices in the banner area at the top of the app. */
  addNotices: (notices: readonly Notice[]) => void
}

export const VaultContext = createContext<VaultControls | null>(null)

export function useVault(): VaultControls {
  const controls = useContext(VaultContext)
  if (!controls) throw new Error('useVault must be used inside VaultContext')
  return controls
}
