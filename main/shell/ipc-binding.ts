/**
 * One IPC handler per contract channel, each checking its sender frame before it reaches the
 * shared dispatcher (main/core/dispatch.ts). Electron-free, so the sender check is tested under
 * plain Node; main/shell/ipc.ts hands it Electron's ipcMain.
 */
import { channelNames } from '../../preload/contract'
import { customerAppIpc } from '../../preload/contract/constants'
import { dispatch, failure, type Handlers } from '../core/dispatch'

/** What a handler reads of Electron's IpcMainInvokeEvent: which frame sent it. */
export interface IpcSender {
  senderFrame?: { url: string } | null
}

/** The part of Electron's ipcMain this file needs (so tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSender, input: unknown) => Promise<unknown>): void
}

/**
 * Registers one ipcMain handler per channel. Each handler first checks that the sending frame
 * belongs to the app's own origin (a navigated or injected frame gets FORBIDDEN_SENDER).
 */
export function registerIpcHandlers(
  target: IpcMainLike,
  handlers: Handlers,
  isTrustedSender: (frameUrl: string | undefined) => boolean
): void {
  for (const channel of channelNames) {
    target.handle(channel, async (event, input) => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return failure('FORBIDDEN_SENDER', 'This request did not come from the Embed Workbench window and was refused.')
      }
      return dispatch(handlers, channel, input)
    })
  }
}

/** What the customer-app relay reads of Electron's IpcMainEvent: the web contents and frame. */
export interface RelaySender {
  sender: unknown
  senderFrame?: { origin: string } | null
}

/** The part of Electron's ipcMain the relay needs: one-way messages (no answer goes back). */
export interface IpcMainEventsLike {
  on(channel: string, listener: (event: RelaySender, input: unknown) => void): void
}

/**
 * The customer-app window's one message to main: a frame's report of a message it received.
 * Taken only from a customer-app window's contents and with the frame main knows it came from;
 * `report` decides the rest (main/emulator/customer-messages.ts).
 */
export function registerCustomerAppRelay(
  target: IpcMainEventsLike,
  isCustomerSender: (sender: unknown) => boolean,
  report: (input: unknown, frame: { origin: string }) => void
): void {
  target.on(customerAppIpc.report, (event, input) => {
    const frame = event.senderFrame
    if (!frame || !isCustomerSender(event.sender)) return
    report(input, { origin: frame.origin })
  })
}
