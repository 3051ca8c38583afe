/**
 * Electron shell: lifecycle, the window, the security policy and the app:// protocol. Everything
 * that may hold a secret lives in services built by main/services.ts, shared with browser mode.
 * main/index.ts calls runDesktopApp().
 */
import { app, BrowserWindow, dialog, net, protocol, safeStorage, session, shell } from 'electron'
import ElectronStore from 'electron-store'
import { readAppFile, securityHeaders } from '../core/app-files'
import { bindCustomerAppRelay, bindIpcMain, removeUncheckedIpcListeners } from './ipc'
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  devRendererUrl,
  hardenSession,
  hardenWebContents,
  isSameOrigin,
  secureWebPreferences
} from './security'
import { createHandlers, createServices } from '../services'
import {
  customerAppWindows,
  hardenCustomerContents,
  isCustomerContents,
  openCustomerApp,
  postToCustomerApps
} from './customer-app'
import { createCustomerAppMessages } from '../emulator/customer-messages'
import type { Keychain } from '../store/vault'
import { writeWholeStore, type BackingStoreFactory } from '../store/json-file'

/** Where the built renderer and preload are; main/index.ts knows (it sits beside them once built). */
let rendererDir = ''
let preloadPath = ''
let customerPreloadPath = ''
// electron-vite's dev server: in a development build of the unpackaged app, on loopback only.
const devServerUrl =
  devRendererUrl(
    process.env['ELECTRON_RENDERER_URL'],
    !app.isPackaged && (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true
  ) ?? undefined
const appOrigins = devServerUrl ? [APP_ORIGIN, devServerUrl] : [APP_ORIGIN]

let frameOrigins: () => readonly string[] = () => []

const electronStore: BackingStoreFactory = ({ cwd, name }) => {
  const store = new ElectronStore<Record<string, unknown>>({
    cwd,
    name,
    clearInvalidConfig: false,
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false
  })
  removeUncheckedIpcListeners()
  return { path: store.path, write: (data) => writeWholeStore(store, data) }
}

async function keychain(): Promise<Keychain> {
  const available = await safeStorage.isAsyncEncryptionAvailable()
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform
  return { storage: safeStorage, available, backend }
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Embed Workbench',
    backgroundColor: '#1b1d21',
    webPreferences: secureWebPreferences(preloadPath)
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return window
}

export async function startDesktopApp(): Promise<void> {
  await app.whenReady()
  hardenSession(session.defaultSession, appOrigins)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const file = url.host === APP_HOST ? await readAppFile(rendererDir, url.pathname) : null
    if (!file) return new Response('Not found', { status: 404, headers: securityHeaders() })
    return new Response(new Uint8Array(file.body), {
      headers: { ...securityHeaders(frameOrigins()), 'Content-Type': file.contentType }
    })
  })
  const services = await createServices({
    dataDir: app.getPath('userData'),
    keychain: await keychain(),
    backingStore: electronStore,
    rendererDir
  })
  frameOrigins = services.emulator.frameOrigins
  await services.emulator.start()
  const servesOrigin = (origin: string) => services.emulator.servesOrigin(origin)
  const customerMessages = createCustomerAppMessages(servesOrigin)
  const handlers = {
    ...createHandlers(services),
    // Only the desktop app has windows of its own: the customer's parent app, in its own session,
    // whose embed messages reach the Preview's event console and whose embed takes its mutations.
    openCustomerApp: ({ url }: { url: string }) =>
      openCustomerApp(url, {
        fromPartition: (partition) => session.fromPartition(partition),
        BrowserWindow,
        fetch: (request, options) => net.fetch(request, options),
        emulator: services.emulator,
        preloadPath: customerPreloadPath
      }),
    listCustomerAppMessages: ({ sinceId }: { sinceId?: number | undefined }) => ({
      windows: customerAppWindows(),
      messages: customerMessages.since(sinceId)
    }),
    postToCustomerApp: ({ message }: { message: Record<string, unknown> }) => postToCustomerApps(message, servesOrigin)
  }
  bindIpcMain(handlers, (frameUrl) => appOrigins.some((origin) => isSameOrigin(frameUrl, origin)))
  bindCustomerAppRelay(
    (sender) => isCustomerContents(sender as { session?: unknown }),
    (input, frame) => void customerMessages.report(input, frame)
  )
  createMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
}

/** Starts the desktop app: what must happen before `ready`, then the window and services. */
export function runDesktopApp(paths: { rendererDir: string; preloadPath: string; customerPreloadPath: string }): void {
  ;({ rendererDir, preloadPath, customerPreloadPath } = paths)
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => {
    if (isCustomerContents(contents)) return hardenCustomerContents(contents, (url) => shell.openExternal(url))
    hardenWebContents(contents, {
      appOrigins,
      frameOrigins: () => frameOrigins(),
      openExternal: (url) => shell.openExternal(url),
      confirmExternal: async (url) => {
        const { response } = await dialog.showMessageBox({
          type: 'warning',
          buttons: ['Open in browser', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
          message: `Open ${url} in your browser?`,
          detail: 'The link is plain http: anyone on the network can read or change what it sends and receives.'
        })
        return response === 0
      }
    })
  })
  app.on('window-all-closed', () => {
    // The emulator's server closes with the process.
    if (process.platform !== 'darwin') app.quit()
  })
  startDesktopApp().catch((error: unknown) => {
    console.error(`Embed Workbench could not start: ${error instanceof Error ? error.message : String(error)}`)
    app.exit(1)
  })
}
