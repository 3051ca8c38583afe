/// <reference lib="dom" />
/**
 * The customer-app window's observer, electron-free (the Chromium tests run it as it is): in
 * every frame, each message the frame receives from its parent or from one of its own child
 * frames is reported, with the origin the browser set. Main decides which of them are the
 * embed's (main/emulator/customer-messages.ts). Messages a page dispatches itself
 * (`isTrusted` false) are not reported. Nothing is exposed to the page.
 */
import { CUSTOMER_APP_MESSAGE_CHARS } from '../contract/constants'

export interface MessageReport {
  kind: 'from-embed' | 'from-parent'
  origin: string
  json: string
  truncated: boolean
}

/** The message's data as JSON, cut at the longest a report carries. */
function jsonOf(data: unknown): { json: string; truncated: boolean } {
  let json: string
  try {
    json = JSON.stringify(data) ?? 'null'
  } catch {
    json = JSON.stringify(String(data))
  }
  return json.length > CUSTOMER_APP_MESSAGE_CHARS
    ? { json: json.slice(0, CUSTOMER_APP_MESSAGE_CHARS), truncated: true }
    : { json, truncated: false }
}

function isChildFrame(win: Window, source: MessageEventSource | null): boolean {
  if (!source) return false
  for (let i = 0; i < win.frames.length; i++) if (win.frames[i] === source) return true
  return false
}

/** Reports every message `win` receives from its parent or a child frame; returns the way to stop. */
export function observeEmbedMessages(win: Window, report: (message: MessageReport) => void): () => void {
  const onMessage = (event: MessageEvent) => {
    if (!event.isTrusted) return
    const fromParent = win.parent !== win && event.source === win.parent
    if (!fromParent && !isChildFrame(win, event.source)) return
    report({ kind: fromParent ? 'from-parent' : 'from-embed', origin: event.origin, ...jsonOf(event.data) })
  }
  win.addEventListener('message', onMessage)
  return () => win.removeEventListener('message', onMessage)
}

/**
 * Posts `message` to this frame's child frames, as the parent app does, to `targetOrigin` only:
 * the browser delivers it to the children on that origin (the embed) and to no other.
 */
export function postToChildFrames(win: Window, input: unknown): number {
  if (!input || typeof input !== 'object') return 0
  const { message, targetOrigin } = input as { message?: unknown; targetOrigin?: unknown }
  if (!message || typeof message !== 'object' || typeof targetOrigin !== 'string') return 0
  if (!/^https:\/\/[^/*]+$/.test(targetOrigin)) return 0
  for (let i = 0; i < win.frames.length; i++) win.frames[i]!.postMessage(message, targetOrigin)
  return win.frames.length
}
