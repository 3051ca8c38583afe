/**
 * The one dispatcher: every channel of preload/contract, checked and bound to a service.
 * Electron's ipcMain (main/shell/ipc.ts) and browser mode's HTTP bridge (main/browser/host.ts)
 * both go through `dispatch`, so they validate and fail the same way.
 */
import {
  contract,
  type ChannelName,
  type ChannelResult,
  type ParsedInput,
  type Result,
  type WorkbenchFailure
} from '../../preload/contract'
import { inputIssueMessage } from './input-issues'
import { WorkbenchError } from './errors'

export type Handlers = {
  [K in ChannelName]: (input: ParsedInput<K>) => Promise<ChannelResult<K>> | ChannelResult<K>
}

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

export function failure(
  code: WorkbenchFailure['code'],
  message: string,
  field?: string
): { ok: false; error: WorkbenchFailure } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } }
}

/** Validates the raw input against the channel's schema and runs its handler. Never throws. */
export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    return failure(
      'UNKNOWN_CHANNEL',
      `There is no channel named "${channel.slice(0, 80)}". The app and its main process may be out of step: restart the app.`
    )
  }
  const parsed = contract[channel].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.length ? issue.path.map(String).join('.') : undefined
    return failure('INVALID_INPUT', inputIssueMessage(issue), field)
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof WorkbenchError) return { ok: false, error: error.toFailure() }
    // Unexpected: log the kind and stack for the developer, never the input (it may hold a secret).
    console.error(
      `[embed-workbench] ${channel} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.name) : typeof error}`
    )
    return failure(
      'INTERNAL',
      'Something went wrong inside Embed Workbench. Nothing was changed; details are in the main process log.'
    )
  }
}
