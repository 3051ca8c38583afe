import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react'

/** How long typing must pause before the input is inspected. */
const DEBOUNCE_MS = 300
/** Above this size every run sends megabytes: wait for a longer pause. */
const LARGE_INPUT = 1024 * 1024
const LARGE_DEBOUNCE_MS = 1500

/** The pause to wait after typing, by how much text there is to send. */
export function debounceFor(length: number): number {
  return length > LARGE_INPUT ? LARGE_DEBOUNCE_MS : DEBOUNCE_MS
}

/** Runs one bridge call at a time per panel: a newer request makes older answers stale. */
export function useLatestCall() {
  const requests = useRef(0)
  const [pending, setPending] = useState(false)
  const start = useCallback(() => {
    setPending(true)
    return ++requests.current
  }, [])
  /** False when a newer request has started since `request`; otherwise ends the pending state. */
  const settle = useCallback((request: number) => {
    if (request !== requests.current) return false
    setPending(false)
    return true
  }, [])
  const cancel = useCallback(() => {
    requests.current++
    setPending(false)
  }, [])
  return { pending, start, settle, cancel }
}

/**
 * Runs `run` when either watched value changes: after `pause` ms of quiet, or at once for the
 * first render and for a change announced with the returned `atOnce()` (a paste, a swap).
 */
export function useDebouncedRun(
  run: () => void,
  watched: readonly [unknown, unknown],
  pause = DEBOUNCE_MS
): () => void {
  const immediate = useRef(true)
  const onQuiet = useEffectEvent(run)
  const [first, second] = watched
  useEffect(() => {
    const delay = immediate.current ? 0 : pause
    immediate.current = false
    const timer = window.setTimeout(() => onQuiet(), delay)
    return () => window.clearTimeout(timer)
  }, [first, second, pause])
  return useCallback(() => {
    immediate.current = true
  }, [])
}
