/**
 * One IPC handler per contract channel, each checking its sender frame before it reaches the
 * shared dispatcher (main/core/dispatch.ts). Electron-free, so the sender check is tested under
 * plain Node; main/shell/ipc.ts hands it Electron's ipcMain.
 */
import { channelNames } from '../../preload/contract'
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
