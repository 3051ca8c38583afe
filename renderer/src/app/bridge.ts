import type { Bridge, ErrorCode, Result } from '../../../preload/contract'

declare global {
  interface Window {
    workbench: Bridge
  }
}

/**
 * The bridge to the main process. It is injected before this bundle runs, either by the Electron
 * preload (contextBridge) or by the browser-mode host (a script tag). The renderer does not care
 * which; it may be undefined only when the page is opened without either.
 */
export const workbench: Bridge = window.workbench

export function bridgeAvailable(): boolean {
  return typeof workbench === 'object' && workbench !== null
}

/**
 * Runs one bridge call and always resolves to a Result: a rejected promise or a malformed answer
 * (a transport failure, not a user error) becomes an INTERNAL failure the UI can show.
 */
export async function call<T>(invoke: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result = await invoke()
    if (result && typeof result === 'object' && 'ok' in result) return result
    return failure('INTERNAL', 'The workbench returned an unexpected answer. Restart the app and try again.')
  } catch (error) {
    console.error('Workbench call failed', error)
    return failure('INTERNAL', 'The request did not reach the workbench. Restart the app and try again.')
  }
}

function failure<T>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}

/** Errors that mean the vault is no longer in the state the screen assumed: re-read the status. */
export function isVaultStateError(code: ErrorCode): boolean {
  return code === 'VAULT_LOCKED' || code === 'VAULT_NOT_SET_UP' || code === 'VAULT_UNAVAILABLE'
}
