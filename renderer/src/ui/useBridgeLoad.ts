import { useCallback, useState } from 'react'
import type { Result } from '../../../preload/contract'
import { call } from '../app/bridge'
import { useVault } from '../app/vault-context'

/**
 * What a screen reads from the main process: the value (null until read), the message of the
 * last failed read (a vault-state failure also re-reads the vault), and `load` to read it again.
 * `invoke` must be stable (a module-level function).
 */
export function useBridgeLoad<T>(invoke: () => Promise<Result<T>>) {
  const { noticeFailure } = useVault()
  const [value, setValue] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** Reads it again; resolves to what was read, or null when the read failed. */
  const load = useCallback(async (): Promise<T | null> => {
    const result = await call(invoke)
    if (result.ok) {
      setValue(result.value)
      setError(null)
      return result.value
    }
    setError(result.error.message)
    noticeFailure(result.error.code)
    return null
  }, [invoke, noticeFailure])
  return { value, setValue, error, load }
}
