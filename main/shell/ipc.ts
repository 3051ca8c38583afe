/**
 * The one place ipcMain is bound: one handler per contract channel, each checking its sender frame
 * before it reaches the shared dispatcher (main/core/dispatch.ts).
 */
import type { IpcMainInvokeEvent } from 'electron'
import { channelNames } from '../../preload/contract'
import { dispatch, failure, type Handlers } from '../core/dispatch'

/** The part of Electron's ipcMain this file needs (so tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>): void
}

/**
 * Registers one ipcMain handler per channel. Each handler first checks that the sending frame
 * belongs to the app's own origin (a navigated or injected frame gets FORBIDDEN_SENDER).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrustedSender: (frameUrl: string | undefined) => boolean
): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return failure('FORBIDDEN_SENDER', 'This request did not come from the Embed Workbench window and was refused.')
      }
      return dispatch(handlers, channel, input)
    })
  }
}
