import { useState, type FormEvent } from 'react'
import { Button } from '../../ui/Button'
import { onModEnter } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'
import type { FrameTarget } from './useFrameMessages'
import { sdkInboundEvents } from '../../../../preload/contract/constants'

const CUSTOM = 'custom'

/** The inbound messages the embed understands (the SDK's mutations), each with an example payload. */
const messageTypes: readonly { type: string; example: string }[] = [
  ...sdkInboundEvents.map((e) => ({ type: e.type, example: JSON.stringify(e.example, null, 2) })),
  { type: CUSTOM, example: '{}' }
]

const exampleFor = (type: string) => messageTypes.find((item) => item.type === type)?.example ?? '{}'

interface SendEventFormProps {
  /** The frames that can receive (one, or the matrix's). */
  targets: readonly FrameTarget[]
  /** Posts to one frame (its key) or to all (null); returns how many frames got it. */
  onSend: (key: string | null, message: Record<string, unknown>) => number
}

/** Compose a message for the embed: a type, a JSON payload, and (in the matrix) which frame. */
export function SendEventForm({ targets, onSend }: SendEventFormProps) {
  const [type, setType] = useState(messageTypes[0]!.type)
  const [customType, setCustomType] = useState('')
  const [payload, setPayload] = useState(exampleFor(messageTypes[0]!.type))
  const [to, setTo] = useState<string>('')
  const [error, setError] = useState<string | null>(null)
  const toKey = targets.some((target) => target.key === to) ? to : null

  /** An input's change handler: the new text, and the last error gone. */
  const editing = (set: (value: string) => void) => (event: { target: { value: string } }) => {
    set(event.target.value)
    setError(null)
  }

  const pickType = (next: string) => {
    // The example follows the type unless the payload was edited.
    if (payload.trim() === exampleFor(type).trim()) setPayload(exampleFor(next))
    setType(next)
    setError(null)
  }

  const send = (event?: FormEvent) => {
    event?.preventDefault()
    const name = type === CUSTOM ? customType.trim() : type
    if (!name) return setError('Give the message a type, e.g. workbook:bookmark:create.')
    let body: unknown
    try {
      body = payload.trim() ? JSON.parse(payload) : {}
    } catch (parseError) {
      return setError(`The payload is not JSON: ${(parseError as Error).message}`)
    }
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return setError('The payload must be a JSON object; its fields go beside "type".')
    if (!targets.length) return setError('Load the preview first.')
    const { type: _type, ...fields } = body as Record<string, unknown>
    const sent = onSend(toKey, { type: name, ...fields })
    setError(sent ? null : 'The frame is gone; load the preview again.')
  }

  return (
    <form
      className="preview-send-form"
      onSubmit={send}
      noValidate
      data-testid="send-event"
      aria-label="Send a message to the embed"
    >
      <div className="preview-send-row">
        <select
          className="input input-sm select mono preview-send-type"
          value={type}
          onChange={(event) => pickType(event.target.value)}
          aria-label="Message type"
          data-testid="send-event-type"
        >
          {messageTypes.map((item) => (
            <option key={item.type} value={item.type}>
              {item.type === CUSTOM ? 'Custom type…' : item.type}
            </option>
          ))}
        </select>
        {type === CUSTOM ? (
          <input
            className="input input-sm mono preview-send-custom"
            value={customType}
            onChange={editing(setCustomType)}
            placeholder="workbook:…"
            aria-label="Custom message type"
            spellCheck={false}
            autoComplete="off"
            data-testid="send-event-custom-type"
          />
        ) : null}
        {targets.length > 1 ? (
          <select
            className="input input-sm select preview-send-to"
            value={toKey ?? ''}
            onChange={(event) => setTo(event.target.value)}
            aria-label="Send to"
            data-testid="send-event-to"
          >
            <option value="">All frames</option>
            {targets.map((target) => (
              <option key={target.key} value={target.key}>
                {target.label}
              </option>
            ))}
          </select>
        ) : null}
        <Button
          type="submit"
          size="sm"
          variant="primary"
          icon="send"
          disabled={!targets.length}
          testId="send-event-button"
          title={targets.length ? `Send (${shortcutLabel('Enter')} in the payload)` : 'Load the preview first'}
        >
          Send
        </Button>
      </div>
      <textarea
        className="input textarea mono preview-send-payload"
        value={payload}
        onChange={editing(setPayload)}
        onKeyDown={onModEnter(send)}
        rows={5}
        spellCheck={false}
        aria-label="Payload (JSON): the message's fields besides type"
        aria-invalid={error ? true : undefined}
        data-testid="send-event-payload"
      />
      {error ? (
        <div className="field-error" role="alert" data-testid="send-event-error">
          {error}
        </div>
      ) : null}
    </form>
  )
}
