/** The one place ipcMain is used: the desktop app's only IPC entry point. */
import { ipcMain } from 'electron'
import type { Handlers } from '../core/dispatch'
import { registerCustomerAppRelay, registerIpcHandlers } from './ipc-binding'

/** Binds every channel on Electron's own ipcMain (the desktop app's only IPC entry point). */
export function bindIpcMain(handlers: Handlers, isTrustedSender: (frameUrl: string | undefined) => boolean): void {
  registerIpcHandlers(ipcMain, handlers, isTrustedSender)
}

/** Takes the customer-app windows' message reports (see registerCustomerAppRelay). */
export function bindCustomerAppRelay(
  isCustomerSender: (sender: unknown) => boolean,
  report: (input: unknown, frame: { origin: string }) => void
): void {
  registerCustomerAppRelay(ipcMain, isCustomerSender, report)
}

/**
 * electron-store registers a sync IPC listener (for its renderer API, unused here) that answers
 * any frame without a sender check. Every IPC entry point must check its sender: remove it.
 */
export function removeUncheckedIpcListeners(): void {
  ipcMain.removeAllListeners('electron-store-get-data')
}
