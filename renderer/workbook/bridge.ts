/** postMessage to and from the host page, the way the embed SDK's events travel. */

export type EmbedMessage = { type: string } & Record<string, unknown>

/** Every event goes to the parent with targetOrigin '*', as the real host sends them. */
export function post(message: EmbedMessage): void {
  window.parent.postMessage(message, '*')
}

/** Messages from the parent window only; anything else (other frames, other windows, junk) is ignored. */
export function onParentMessage(handler: (message: EmbedMessage) => void): () => void {
  const listener = (event: MessageEvent) => {
    if (event.source !== window.parent) return
    const data: unknown = event.data
    if (!data || typeof data !== 'object' || Array.isArray(data)) return
    if (typeof (data as { type?: unknown }).type !== 'string') return
    handler(data as EmbedMessage)
  }
  window.addEventListener('message', listener)
  return () => window.removeEventListener('message', listener)
}
