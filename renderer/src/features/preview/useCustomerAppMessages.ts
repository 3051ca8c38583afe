import { useEffect, useRef, useState } from 'react'
import type { CustomerAppMessage } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { readKept, writeKept } from '../../app/kept-state'

/** Polled every second while a customer-app window is open, every 3 s while none is. */
const POLL_OPEN_MS = 1000
const POLL_IDLE_MS = 3000
const LAST_ID = 'preview.customerAppLastId'

/**
 * The desktop app's customer-app windows: how many are open, and each message between their
 * embed and its parent as main saw it (the ones main still keeps when the screen opens, then
 * each new one), handed to `onMessages` once. Browser mode has no such window.
 */
export function useCustomerAppMessages(onMessages: (messages: CustomerAppMessage[]) => void) {
  const [windows, setWindows] = useState(0)
  const deliver = useRef(onMessages)
  useEffect(() => {
    deliver.current = onMessages
  }, [onMessages])

  useEffect(() => {
    let stopped = false
    let timer: number | undefined
    let open = 0
    const poll = async () => {
      if (document.visibilityState === 'visible') {
        // The last id seen is kept across visits: messages already in the console come once.
        const sinceId = readKept(LAST_ID, 0)
        const result = await call(() => workbench.listCustomerAppMessages({ sinceId }))
        if (stopped) return
        if (result.ok) {
          open = result.value.windows
          setWindows(open)
          const fresh = result.value.messages.filter((message) => message.id > sinceId)
          if (fresh.length) {
            writeKept(LAST_ID, fresh.at(-1)!.id)
            deliver.current(fresh)
          }
        }
      }
      if (!stopped) timer = window.setTimeout(() => void poll(), open ? POLL_OPEN_MS : POLL_IDLE_MS)
    }
    void poll()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [])

  return { windows }
}
