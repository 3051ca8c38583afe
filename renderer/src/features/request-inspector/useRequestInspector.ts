/** The screen's state (kept across navigation) and its one call: inspectApiRequest, latest answer wins. */
import { useCallback } from 'react'
import type { Result, RequestInspection, WorkbenchFailure } from '../../../../preload/contract'
import { MAX_PASTE } from '../../../../preload/contract/constants'
import { call, workbench } from '../../app/bridge'
import { useKeptState } from '../../app/kept-state'
import { useVault } from '../../app/vault-context'
import { fromLocalInput } from '../../shared/inspection/text'
import { useLatestCall } from '../../shared/inspection/useLatestCall'
import { formatSize } from '../../ui/format'
import { credentialChoice, emptyView, inputOf, type InspectInput, type RequestInspectorView } from './words'

const failure = (message: string, field: string): WorkbenchFailure => ({ code: 'INVALID_INPUT', message, field })

/** Sends one inspection; a screen-side refusal (an empty paste, an unfinished time) never reaches the channel. */
function send(input: InspectInput): Promise<Result<RequestInspection>> | Result<RequestInspection> {
  if (!input.text.trim())
    return { ok: false, error: failure('Paste a raw HTTP request, a cURL command or a HAR first.', 'text') }
  const asOf = input.asOf ? fromLocalInput(input.asOf) : null
  if (input.asOf && asOf === null)
    return {
      ok: false,
      error: failure(
        '“As of” is not a complete date and time: finish it, or clear it to use the request’s own time.',
        'asOf'
      )
    }
  const credential = credentialChoice(input.credential)
  return call(() =>
    workbench.inspectApiRequest({
      text: input.text,
      ...(input.entry === null ? {} : { entry: input.entry }),
      ...(asOf === null ? {} : { asOf }),
      ...(credential ?? {}),
      ...(input.clientCanonical.trim() ? { clientCanonical: input.clientCanonical } : {})
    })
  )
}

/**
 * Whether the channel refused the text itself for its size (the schema's limit, or the browser
 * host's body limit before it): the limit lives with the channel (preload/contract/schema.ts), so
 * the screen learns it from the refusal instead of keeping a copy of the number.
 */
const refusedForSize = (error: WorkbenchFailure) =>
  error.code === 'INVALID_INPUT' && (error.field === 'text' || error.field === undefined)

export function useRequestInspector() {
  const { noticeFailure } = useVault()
  const [view, setView] = useKeptState<RequestInspectorView>('request-inspector.view', emptyView)
  const { pending, start, settle } = useLatestCall()

  const edit = useCallback(
    (patch: Partial<RequestInspectorView>) => setView((current) => ({ ...current, ...patch })),
    [setView]
  )

  /** Runs with the inputs on screen, or with `over` them (a HAR entry picked, a file opened). */
  const inspect = useCallback(
    async (over: Partial<InspectInput> = {}) => {
      const input = { ...inputOf(view), ...over }
      const request = start()
      const result = await send(input)
      if (!settle(request)) return
      if (result.ok) setView((current) => ({ ...current, ...over, result: result.value, ranWith: input, error: null }))
      else {
        setView((current) => ({ ...current, ...over, error: result.error }))
        noticeFailure(result.error.code)
      }
    },
    [view, start, settle, setView, noticeFailure]
  )

  /** A file dropped or chosen: its text is inspected first, and takes the paste's place unless refused for its size. */
  const openFile = useCallback(
    async (file: File) => {
      // Over the paste limit: said before the file is read into memory.
      if (file.size > MAX_PASTE) {
        edit({
          error: failure(
            `${file.name} (${formatSize(file.size)}) was not opened: the request inspector reads up to ${formatSize(MAX_PASTE)}. Take out the one entry (jq '.log.entries[N]') and open that.`,
            'text'
          )
        })
        return
      }
      let text: string
      try {
        text = await file.text()
      } catch {
        edit({
          error: failure(`${file.name} could not be read: check that the file is still there and readable.`, 'text')
        })
        return
      }
      const input = { ...inputOf(view), text, entry: null }
      const request = start()
      const result = await send(input)
      if (!settle(request)) return
      if (!result.ok && refusedForSize(result.error)) {
        setView((current) => ({
          ...current,
          error: {
            ...result.error,
            field: 'text',
            message: `${file.name} (${formatSize(file.size)}) was not opened: ${result.error.message.charAt(0).toLowerCase()}${result.error.message.slice(1)}`
          }
        }))
        return
      }
      setView((current) => ({
        ...current,
        text,
        entry: null,
        fileName: file.name,
        ...(result.ok ? { result: result.value, ranWith: input, error: null } : { error: result.error })
      }))
      if (!result.ok) noticeFailure(result.error.code)
    },
    [view, edit, start, settle, setView, noticeFailure]
  )

  /** A new paste: the request and everything about it go; the credential choice stays. */
  const clear = useCallback(
    () => setView((current) => ({ ...emptyView, credential: current.credential, clientOpen: current.clientOpen })),
    [setView]
  )

  return { view, edit, pending, inspect, openFile, clear }
}
