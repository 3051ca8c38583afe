import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { Icon } from '../../ui/Icon'
import { Spinner } from '../../ui/Spinner'
import type { FrameMessages } from './useFrameMessages'

/**
 * The sandbox of every preview frame: scripts, its own origin (for its storage and our origin
 * check), forms and downloads; never top navigation or popups that escape the sandbox.
 */
export const FRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-downloads'

export interface FrameState {
  loaded: boolean
  /** Messages received from this frame. */
  events: number
  /** From workbook:pageheight:onchange, for :responsive_height. */
  pageHeight: number | null
  /** The last workbook:error, until the frame is loaded again. */
  error: { code: string; message: string } | null
}

const initialState: FrameState = { loaded: false, events: 0, pageHeight: null, error: null }

/** What one message from the frame changes. */
function onFrameMessage(state: FrameState, message: Record<string, unknown>): FrameState {
  const next = { ...state, events: state.events + 1 }
  if (
    message['type'] === 'workbook:pageheight:onchange' &&
    typeof message['pageHeight'] === 'number' &&
    message['pageHeight'] > 0
  ) {
    next.pageHeight = Math.ceil(message['pageHeight'])
  } else if (message['type'] === 'workbook:error') {
    next.error = {
      code: String(message['code'] ?? ''),
      message: String(message['message'] ?? 'The embed reported an error.')
    }
  }
  return next
}

interface EmbedFrameProps {
  messages: FrameMessages
  /** Unique per load: a new key is a new frame (and a new registration). */
  slotKey: string
  src: string
  /** The only origin its messages are accepted from, and the targetOrigin of messages to it. */
  origin: string
  /** Its name in the console (the persona). */
  label: string
  title: string
  testId: string
  /** data-persona of the iframe (the matrix). */
  persona?: string
  responsive: boolean
  onReload: () => void
  /** Above the frame; gets the frame's state (the matrix header shows its event count). */
  header?: (state: FrameState) => ReactNode
}

/**
 * One sandboxed preview frame: registered with the message bus, sized by the embed when
 * :responsive_height is on, with a workbook:error shown over it.
 */
export function EmbedFrame({
  messages,
  slotKey,
  src,
  origin,
  label,
  title,
  testId,
  persona,
  responsive,
  onReload,
  header
}: EmbedFrameProps) {
  const iframe = useRef<HTMLIFrameElement>(null)
  const [state, setState] = useState<FrameState>(initialState)
  const { register } = messages

  // Registered before the frame can post anything (layout effects run before it loads).
  useLayoutEffect(
    () =>
      register(slotKey, {
        label,
        origin,
        iframe,
        onMessage: (message) => setState((current) => onFrameMessage(current, message))
      }),
    [register, slotKey, label, origin]
  )

  const height = responsive && state.pageHeight ? state.pageHeight : null
  return (
    <div className={`preview-embed-frame${state.error ? ' has-error' : ''}`}>
      {header?.(state)}
      <div className={`preview-embed-frame-body${height ? ' is-responsive' : ''}`}>
        {state.error ? (
          <div className="preview-frame-error" role="alert" data-testid="frame-error" data-code={state.error.code}>
            <Icon name="error" size={14} />
            <span className="preview-frame-error-text">
              <span data-testid="frame-error-message">{state.error.message}</span>
              {state.error.code ? <code className="code-danger">{state.error.code}</code> : null}
            </span>
            <button
              type="button"
              className="btn btn-sm"
              onClick={onReload}
              title="Sign a fresh URL and load it again"
              data-testid="frame-reload"
            >
              <Icon name="refresh" size={12} />
              Reload
            </button>
          </div>
        ) : null}
        {!state.loaded ? (
          <div className="preview-frame-loading">
            <Spinner label="Loading the embed…" />
          </div>
        ) : null}
        <iframe
          ref={iframe}
          className="preview-embed-iframe"
          src={src}
          sandbox={FRAME_SANDBOX}
          referrerPolicy="no-referrer"
          title={title}
          data-testid={testId}
          data-persona={persona}
          data-loaded={state.loaded}
          data-page-height={state.pageHeight ?? undefined}
          style={height ? { height } : undefined}
          onLoad={() => setState((current) => ({ ...current, loaded: true }))}
        />
      </div>
    </div>
  )
}
