import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { sdkInboundEvents } from '../../../../preload/contract/constants'

/** One message in the console, either way. */
export interface ConsoleEntry {
  id: number
  /** Date.now() when it arrived or was sent. */
  at: number
  /** 'load' marks where a frame started loading (a divider, not a message). */
  direction: 'in' | 'out' | 'load'
  type: string
  /** The message as received or sent, as pretty JSON (full), and its fields but `type` (payload). */
  json: { full: string; payload: string | null }
  /** Which frame: its persona's name. */
  frame: string
  error: boolean
  /** Sent, but not a message the SDK defines: the embed ignores it. */
  ignored?: boolean
}

/** A frame whose messages are accepted: only from its own window, and only from `origin`. */
export interface FrameSlot {
  label: string
  origin: string
  iframe: RefObject<HTMLIFrameElement | null>
  onMessage: (message: Record<string, unknown>) => void
}

export interface FrameTarget {
  key: string
  label: string
}

/** How many console entries are kept; older ones drop off the top. */
const KEPT = 1000

/** The message as pretty JSON, and its payload (all but `type`) when there is any. */
function jsonOf(message: unknown): { full: string; payload: string | null } {
  try {
    const full = JSON.stringify(message, null, 2) ?? String(message)
    if (message && typeof message === 'object' && !Array.isArray(message)) {
      const { type: _type, ...rest } = message as Record<string, unknown>
      return { full, payload: Object.keys(rest).length ? JSON.stringify(rest, null, 2) : null }
    }
    return { full, payload: full }
  } catch {
    return { full: String(message), payload: String(message) }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value)

/**
 * The preview's message bus. One listener on the window accepts a message only when its source
 * is a registered frame's own window AND its origin is that frame's expected origin (the
 * emulator's, or the online host's); everything else is counted as ignored. Outbound messages
 * go to one frame's window with its expected origin as targetOrigin, never '*'.
 */
export function useFrameMessages() {
  const slots = useRef(new Map<string, FrameSlot>())
  const [targets, setTargets] = useState<FrameTarget[]>([])
  const [entries, setEntries] = useState<ConsoleEntry[]>([])
  const [ignored, setIgnored] = useState(0)
  const nextId = useRef(1)

  const log = useCallback(({ message, ...entry }: Omit<ConsoleEntry, 'id' | 'at' | 'json'> & { message: unknown }) => {
    const full: ConsoleEntry = { ...entry, json: jsonOf(message), id: nextId.current++, at: Date.now() }
    setEntries((current) => (current.length >= KEPT ? [...current.slice(1 - KEPT), full] : [...current, full]))
  }, [])

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      for (const slot of slots.current.values()) {
        const window = slot.iframe.current?.contentWindow
        if (!window || event.source !== window) continue
        if (event.origin !== slot.origin) break
        const message = isRecord(event.data) ? event.data : { data: event.data as unknown }
        const type = typeof message['type'] === 'string' ? message['type'] : '(no type)'
        log({ direction: 'in', type, message: event.data, frame: slot.label, error: type === 'workbook:error' })
        slot.onMessage(message)
        return
      }
      setIgnored((count) => count + 1)
    }
    window.addEventListener('message', onMessage)
    return () => window.removeEventListener('message', onMessage)
  }, [log])

  const listTargets = () => setTargets([...slots.current].map(([key, slot]) => ({ key, label: slot.label })))

  /** Accepts messages from this frame until the returned function is called. */
  const register = useCallback(
    (key: string, slot: FrameSlot) => {
      slots.current.set(key, slot)
      listTargets()
      log({ direction: 'load', type: 'load', message: null, frame: slot.label, error: false })
      return () => {
        if (slots.current.get(key) !== slot) return
        slots.current.delete(key)
        listTargets()
      }
    },
    [log]
  )

  /** Posts `message` to one frame (or every frame), to its expected origin; returns how many got it. */
  const send = useCallback(
    (key: string | null, message: Record<string, unknown>) => {
      const chosen = key === null ? [...slots.current.values()] : [slots.current.get(key)]
      let sent = 0
      for (const slot of chosen) {
        const window = slot?.iframe.current?.contentWindow
        if (!slot || !window) continue
        window.postMessage(message, slot.origin)
        const type = typeof message['type'] === 'string' ? message['type'] : '(no type)'
        log({
          direction: 'out',
          type,
          message,
          frame: slot.label,
          error: false,
          ignored: !sdkInboundEvents.some((e) => e.type === type)
        })
        sent++
      }
      return sent
    },
    [log]
  )

  const clear = useCallback(() => {
    setEntries([])
    setIgnored(0)
  }, [])

  const messageCount = entries.filter((entry) => entry.direction !== 'load').length
  const errorCount = entries.filter((entry) => entry.error).length

  return { entries, messageCount, errorCount, ignored, targets, register, send, clear }
}

export type FrameMessages = ReturnType<typeof useFrameMessages>
