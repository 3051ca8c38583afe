import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'

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
 * Runs `run` when `deps` change: after `delay` ms of quiet, or at once when `immediate` was set
 * (a paste, the first render with a value).
 */
export function useDebouncedRun(run: () => void, deps: readonly unknown[], immediate: RefObject<boolean>, pause = DEBOUNCE_MS) {
  const latest = useRef(run)
  latest.current = run
  useEffect(() => {
    const delay = immediate.current ? 0 : pause
    immediate.current = false
    const timer = window.setTimeout(() => latest.current(), delay)
    return () => window.clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
}
