import { useCallback, useEffect, useRef, useState } from 'react'
import type { EmulatorRequest, EmulatorStatus, Result, WorkbenchFailure } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { useBridgeLoad } from '../../ui/useBridgeLoad'
import { useVault } from '../../app/vault-context'

const getEmulator = () => workbench.getEmulator({})

/** Makes a call that answers with the emulator's status; resolves to its failure, or null. */
export type ApplyEmulator = (invoke: () => Promise<Result<EmulatorStatus>>) => Promise<WorkbenchFailure | null>

/**
 * The emulator's status (settings, org, targets), read when `active` becomes true, and the way
 * to change it. `settled` resolves once every change made so far has been answered.
 */
export function useEmulatorStatus(active = true) {
  const { noticeFailure } = useVault()
  const { value: status, setValue: setStatus, error, load: reload } = useBridgeLoad(getEmulator)
  const changes = useRef<Promise<unknown>>(Promise.resolve())

  useEffect(() => {
    if (active) void reload()
  }, [active, reload])

  const apply = useCallback<ApplyEmulator>(
    (invoke) => {
      const change = call(invoke).then((result) => {
        if (result.ok) {
          setStatus(result.value)
          return null
        }
        noticeFailure(result.error.code)
        return result.error
      })
      changes.current = Promise.all([changes.current, change])
      return change
    },
    [noticeFailure, setStatus]
  )

  const settled = useCallback(async () => {
    await changes.current
  }, [])

  return { status, error, reload, apply, settled, accept: setStatus }
}

/** How many requests the renderer keeps (the emulator itself keeps 500). */
const KEPT = 500
const POLL_MS = 1000

/**
 * The emulator's request log, polled every second while `active` and the window is visible. A
 * new `baseUrl` (the emulator restarted on another port, so its ids start again) starts over.
 */
export function useEmulatorRequests(active: boolean, baseUrl: string | null) {
  const [requests, setRequests] = useState<EmulatorRequest[]>([])
  const [error, setError] = useState<string | null>(null)
  const lastId = useRef(0)

  // Another emulator: its log replaces this one from the render that sees it, and polling asks
  // it from the start.
  const [logOf, setLogOf] = useState(baseUrl)
  if (baseUrl !== logOf) {
    setLogOf(baseUrl)
    setRequests([])
  }
  useEffect(() => {
    lastId.current = 0
  }, [baseUrl])

  useEffect(() => {
    if (!active || !baseUrl) return
    let stopped = false
    let timer: number | undefined
    const poll = async () => {
      if (document.visibilityState === 'visible') {
        const result = await call(() => workbench.listEmulatorRequests({ sinceId: lastId.current }))
        if (stopped) return
        if (result.ok) {
          setError(null)
          const fresh = result.value.filter((request) => request.id > lastId.current)
          if (fresh.length) {
            lastId.current = Math.max(...fresh.map((request) => request.id))
            setRequests((current) => [...current, ...fresh].slice(-KEPT))
          }
        } else setError(result.error.message)
      }
      if (!stopped) timer = window.setTimeout(() => void poll(), POLL_MS)
    }
    void poll()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [active, baseUrl])

  /** Empties the list here; the emulator keeps its log. */
  const clear = useCallback(() => setRequests([]), [])

  return { requests, error, clear }
}
