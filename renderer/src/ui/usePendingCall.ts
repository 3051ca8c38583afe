import { useState } from 'react'
import type { Result, WorkbenchFailure } from '../../../preload/contract'
import { call } from '../app/bridge'

/**
 * One bridge call behind a button: whether it is running, and the message of its last failure
 * (to show beside the button). `run` clears the message, makes the call and hands on the outcome.
 */
export function usePendingCall() {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = async <T>(
    invoke: () => Promise<Result<T>>,
    onDone: (value: T) => void,
    onFailure?: (failure: WorkbenchFailure) => void
  ) => {
    setPending(true)
    setError(null)
    const result = await call(invoke)
    setPending(false)
    if (result.ok) onDone(result.value)
    else {
      setError(result.error.message)
      onFailure?.(result.error)
    }
  }

  return { pending, error, run }
}
