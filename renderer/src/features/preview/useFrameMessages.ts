import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { CustomerAppMessage } from '../../../../preload/contract'
import { sdkInboundEvents } from '../../../../preload/contract/constants'
import { call, workbench } from '../../app/bridge'
import { useCustomerAppMessages } from './useCustomerAppMessages'
import { readKept, useKeptState, writeKept } from '../../app/kept-state'

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

/** The next console entry's id: ids go on from where the kept history ended. */
function takeEventId(): number {
  const id = readKept('preview.nextEventId', 1)
  writeKept('preview.nextEventId', id + 1)
  return id
}

/** How many console entries are kept; older ones drop off the top. */
const KEPT = 1000
/** The send form's target for the desktop app's customer-app windows. */
export const CUSTOMER_APP_TARGET = 'customer-app'

const isInbound = (type: string) => sdkInboundEvents.some((e) => e.type === type)

/** The parent app's origin as the console names it: its host, or "file" for a local page. */
function parentName(origin: string): string {
  try {
    return new URL(origin).host || origin.replace(/:\/*$/, '')
  } catch {
    return origin
  }
}

/** A customer-app window's message as a console entry: the frame is the parent app's origin. */
export function customerAppEntry(message: CustomerAppMessage, id: number): ConsoleEntry {
  let parsed: unknown
  try {
    parsed = JSON.parse(message.json)
  } catch {
    parsed = undefined
  }
  const json = parsed === undefined ? { full: `${message.json}…`, payload: `${message.json}…` } : jsonOf(parsed)
  return {
    id,
    at: message.at,
    direction: message.direction,
    type: message.type,
    json: message.truncated && parsed !== undefined ? { full: `${json.full}\n…`, payload: json.payload } : json,
    frame: `Customer app · ${parentName(message.parent)}`,
    error: message.type === 'workbook:error',
    ...(message.direction === 'out' && !isInbound(message.type) ? { ignored: true } : {})
  }
}

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
  // The history survives a visit to another screen (the frames themselves are loaded again).
  const [entries, setEntries] = useKeptState<ConsoleEntry[]>('preview.events', [])
  const [ignored, setIgnored] = useKeptState('preview.ignored', 0)

  const append = useCallback(
    (fresh: ConsoleEntry[]) => {
      setEntries((current) => [...current, ...fresh].slice(-KEPT))
    },
    [setEntries]
  )
  const log = useCallback(
    ({ message, ...entry }: Omit<ConsoleEntry, 'id' | 'at' | 'json'> & { message: unknown }) =>
      append([{ ...entry, json: jsonOf(message), id: takeEventId(), at: Date.now() }]),
    [append]
  )
  const onCustomerMessages = useCallback(
    (messages: CustomerAppMessage[]) => append(messages.map((m) => customerAppEntry(m, takeEventId()))),
    [append]
  )
  const customerApp = useCustomerAppMessages(onCustomerMessages)

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
  }, [log, setIgnored])

  const listTargets = () => setTargets([...slots.current].map(([key, slot]) => ({ key, label: slot.label })))
  const customerTarget: FrameTarget[] = customerApp.windows
    ? [{ key: CUSTOMER_APP_TARGET, label: customerApp.windows === 1 ? 'Customer app window' : 'Customer app windows' }]
    : []

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

  /**
   * Posts `message` to one frame (or every frame), to its expected origin; returns how many got it.
   * A customer-app window's embed gets it through main; the console shows it once the embed has it.
   */
  const windows = customerApp.windows
  const send = useCallback(
    (key: string | null, message: Record<string, unknown>) => {
      let sent = 0
      if ((key === null || key === CUSTOMER_APP_TARGET) && windows) {
        void call(() => workbench.postToCustomerApp({ message }))
        sent += windows
      }
      const chosen =
        key === null ? [...slots.current.values()] : key === CUSTOMER_APP_TARGET ? [] : [slots.current.get(key)]
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
          ignored: !isInbound(type)
        })
        sent++
      }
      return sent
    },
    [log, windows]
  )

  const clear = useCallback(() => {
    setEntries([])
    setIgnored(0)
  }, [setEntries, setIgnored])

  const messageCount = entries.filter((entry) => entry.direction !== 'load').length
  const errorCount = entries.filter((entry) => entry.error).length

  return {
    entries,
    messageCount,
    errorCount,
    ignored,
    targets: [...targets, ...customerTarget],
    /** Whether the console holds a customer-app window's messages (its rows then name their frame). */
    fromCustomerApp: entries.some((entry) => entry.frame.startsWith('Customer app')),
    register,
    send,
    clear
  }
}

export type FrameMessages = ReturnType<typeof useFrameMessages>
