import { useCallback, useState, type Dispatch, type SetStateAction } from 'react'

/**
 * Work a screen keeps while the user is on another one: signed results, the runner's request and
 * answer, the Preview's event history. Held in memory for this window only (never written to
 * disk) and dropped when the vault locks, so nothing outlives the session it was made in.
 */
const kept = new Map<string, unknown>()

/** Forgets everything kept (the vault locked: the next session starts clean). */
export function forgetKeptState(): void {
  kept.clear()
}

/**
 * useState whose value outlives the component: a screen that unmounts on navigation finds its
 * work again under `key` when it comes back. `key` names the screen and the piece, e.g.
 * "signing.result".
 */
export function useKeptState<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
    if (kept.has(key)) return kept.get(key) as T
    const first = typeof initial === 'function' ? (initial as () => T)() : initial
    kept.set(key, first)
    return first
  })
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      setValue((current) => {
        const value = typeof next === 'function' ? (next as (previous: T) => T)(current) : next
        kept.set(key, value)
        return value
      }),
    [key]
  )
  return [value, set]
}

/** A value kept the same way but read and written outside rendering (e.g. the last id a poll saw). */
export function readKept<T>(key: string, initial: T): T {
  return kept.has(key) ? (kept.get(key) as T) : initial
}

export function writeKept<T>(key: string, value: T): void {
  kept.set(key, value)
}
