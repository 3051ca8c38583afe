/**
 * What the embed and the customer's parent app say to each other in the desktop app's
 * customer-app windows, for the Preview's event console. The window's preload
 * (preload/customer-app/) reports each message a frame receives; this file decides what counts:
 *
 * - 'from-embed': a parent frame received a message from a child frame. It counts only when the
 *   message's origin (set by the browser) is a host the emulator serves: the SDK's events.
 * - 'from-parent': a frame received a message from its parent. It counts only when the frame
 *   that reports it (known to the main process, not claimed by the page) is on a served host:
 *   the SDK's mutations as the embed received them.
 *
 * Everything else (the customer's own messages between their frames, reports from any other
 * window, malformed reports) is dropped. The log is bounded in count and in bytes.
 */
import { z } from 'zod'
import type { CustomerAppMessage } from '../../preload/contract'
import { CUSTOMER_APP_MESSAGE_CHARS } from '../../preload/contract/constants'

/** The most one message may carry into the log; a longer one is kept cut, and says so. */
export const MESSAGE_CHARS = CUSTOMER_APP_MESSAGE_CHARS
const KEPT = 1000
const KEPT_CHARS = 8 * 1024 * 1024

/** What the customer-app preload sends for one message a frame received. */
const reportSchema = z
  .object({
    kind: z.enum(['from-embed', 'from-parent']),
    origin: z.string().max(300),
    /** JSON.stringify of the message's data, already cut by the preload at MESSAGE_CHARS. */
    json: z.string().max(MESSAGE_CHARS),
    truncated: z.boolean()
  })
  .strict()
export type CustomerAppReport = z.infer<typeof reportSchema>

/** The frame a report came from, as the main process knows it (Electron's senderFrame). */
export interface ReportingFrame {
  origin: string
}

/** The message's `type`, read from its JSON (a cut message may still show its type). */
function typeOf(json: string): string {
  try {
    const data: unknown = JSON.parse(json)
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const type = (data as Record<string, unknown>)['type']
      if (typeof type === 'string') return type.slice(0, 200)
    }
  } catch {
    const match = /^\{"type":"((?:[^"\\]|\\.){1,200})"/.exec(json)
    if (match) return match[1]!
  }
  return '(no type)'
}

export function createCustomerAppMessages(isServedOrigin: (origin: string) => boolean) {
  const log: CustomerAppMessage[] = []
  let chars = 0
  let nextId = 1

  return {
    /** Takes one report from a customer-app window's frame; answers whether it was kept. */
    report(input: unknown, frame: ReportingFrame, at = Date.now()): boolean {
      const parsed = reportSchema.safeParse(input)
      if (!parsed.success) return false
      const { kind, origin, json, truncated } = parsed.data
      const fromEmbed = kind === 'from-embed'
      const embed = fromEmbed ? origin : frame.origin
      const parent = fromEmbed ? frame.origin : origin
      if (!isServedOrigin(embed)) return false
      const entry: CustomerAppMessage = {
        id: nextId++,
        at,
        direction: fromEmbed ? 'in' : 'out',
        type: typeOf(json),
        json,
        truncated,
        parent,
        embed
      }
      log.push(entry)
      chars += json.length
      while (log.length > KEPT || chars > KEPT_CHARS) chars -= log.shift()!.json.length
      return true
    },

    /** The messages kept, after `sinceId`, oldest first. */
    since(sinceId = 0): CustomerAppMessage[] {
      return log.filter((entry) => entry.id > sinceId)
    }
  }
}

export type CustomerAppMessageLog = ReturnType<typeof createCustomerAppMessages>
