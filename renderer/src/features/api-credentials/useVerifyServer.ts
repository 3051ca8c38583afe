import { useCallback, useEffect, useRef, useState } from 'react'
import type { ChannelInput, Result, VerifyServerStatus, WorkbenchFailure } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { useVault } from '../../app/vault-context'

const POLL_MS = 1000

/**
 * The local verification server: its status (read on mount), polled every second while it runs
 * and the window is visible, so the verdict log stays live; and the way to start and stop it.
 */
export function useVerifyServer() {
  const { noticeFailure } = useVault()
  const [status, setStatus] = useState<VerifyServerStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState<'start' | 'stop' | null>(null)
  const running = status?.running ?? false
  // Answers to polls sent before a start or stop are stale once it has answered.
  const generation = useRef(0)

  // Sets the state in the answer's callback: the compiler's lint (react-hooks/set-state-in-effect)
  // takes a setState after an await for a synchronous one (react/react#34905), and the mount
  // effect below calls this.
  const load = useCallback(() => {
    const asked = generation.current
    return call(() => workbench.getVerifyServer({})).then((result) => {
      if (asked !== generation.current) return
      if (result.ok) {
        // Polled every second: keep the same object while nothing changed, so nothing re-renders.
        const next = result.value
        setStatus((current) => (current && JSON.stringify(current) === JSON.stringify(next) ? current : next))
        setError(null)
      } else {
        setError(result.error.message)
        noticeFailure(result.error.code)
      }
    })
  }, [noticeFailure])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (!running) return
    let stopped = false
    let timer: number | undefined
    const poll = async () => {
      if (document.visibilityState === 'visible') await load()
      if (!stopped) timer = window.setTimeout(() => void poll(), POLL_MS)
    }
    timer = window.setTimeout(() => void poll(), POLL_MS)
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [running, load])

  const change = useCallback(
    async (
      kind: 'start' | 'stop',
      invoke: () => Promise<Result<VerifyServerStatus>>
    ): Promise<WorkbenchFailure | null> => {
      generation.current++
      setPending(kind)
      const result = await call(invoke)
      generation.current++
      setPending(null)
      if (result.ok) {
        setStatus(result.value)
        setError(null)
        return null
      }
      noticeFailure(result.error.code)
      return result.error
    },
    [noticeFailure]
  )

  const start = useCallback(
    (input: ChannelInput<'startVerifyServer'>) => change('start', () => workbench.startVerifyServer(input)),
    [change]
  )
  const stop = useCallback(() => change('stop', () => workbench.stopVerifyServer({})), [change])

  return { status, error, pending, start, stop, reload: load }
}
