/**
 * The customer's own parent app in a window of the desktop app: a session of its own (never the
 * app's), where https requests for the host names the emulator serves as are answered by the
 * emulator's TLS front and everything else goes to the network untouched. No hosts-file edit, no
 * change to the system's trust store, no bridge in the page, no permissions. Its own preload
 * (preload/customer-app/) exposes nothing: it reports the messages between the embed and its
 * parent, so the Preview's event console shows them, and posts the Preview's mutations.
 */
import type { BrowserWindow as BrowserWindowType, Session } from 'electron'
import { CUSTOMER_APP_MESSAGE_CHARS, customerAppIpc } from '../../preload/contract/constants'
import { WorkbenchError } from '../core/errors'
import { parentAppUrl } from '../emulator/isolated-browser'
import type { EmulatorService } from '../emulator/emulator-service'
import { externalUrl, hardenSession, type PreventableEvent, type WebContentsLike } from './security'

export const CUSTOMER_PARTITION = 'customer-app'

export interface CustomerAppDeps {
  fromPartition(partition: string): Session
  BrowserWindow: new (options: Electron.BrowserWindowConstructorOptions) => BrowserWindowType
  fetch(request: Request, options: { bypassCustomProtocolHandlers: boolean }): Promise<Response>
  emulator: Pick<EmulatorService, 'servesHost' | 'answerAsHost' | 'allowParentForRun'>
  /** out/preload/customer-app.js */
  preloadPath: string
}

let prepared: Session | null = null
/** The customer-app windows open now. */
const open = new Set<BrowserWindowType>()

/** The customer-app session, made once: permissions denied, https for served names intercepted. */
export function customerSession(deps: CustomerAppDeps): Session {
  if (prepared) return prepared
  const session = deps.fromPartition(CUSTOMER_PARTITION)
  hardenSession(session, [])
  session.protocol.handle('https', (request) =>
    deps.emulator.servesHost(new URL(request.url).hostname)
      ? deps.emulator.answerAsHost(request)
      : deps.fetch(request, { bypassCustomProtocolHandlers: true })
  )
  prepared = session
  return session
}

/** Whether these web contents belong to a customer-app window (they get their own policy). */
export function isCustomerContents(contents: { session?: unknown }): boolean {
  return prepared !== null && contents.session === prepared
}

/**
 * The policy of a customer-app window: its page may navigate and frame the web as it does in a
 * browser, but opens no windows (links go to the system browser), attaches no webviews and never
 * reaches the app's own scheme.
 */
export function hardenCustomerContents(contents: WebContentsLike, openExternal: (url: string) => unknown): void {
  const web = (url: string) => /^(https?|file):/i.test(url)
  const refuseUnlessWeb = (event: PreventableEvent, url: string) => {
    if (!web(url)) event.preventDefault()
  }
  contents.on('will-navigate', refuseUnlessWeb)
  contents.on('will-redirect', refuseUnlessWeb)
  contents.on('will-frame-navigate', (details) => refuseUnlessWeb(details, details.url))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrl(url)
    if (external) openExternal(external)
    return { action: 'deny' }
  })
}

/** Opens the parent app (http, https or a local file) in a customer-app window. */
export function openCustomerApp(raw: string, deps: CustomerAppDeps): { url: string } {
  const url = parentAppUrl(raw)
  if (url.protocol !== 'file:') deps.emulator.allowParentForRun(url.origin)
  customerSession(deps)
  const window = new deps.BrowserWindow({
    width: 1280,
    height: 860,
    title: `Customer app: ${url.host || url.pathname}`,
    webPreferences: {
      partition: CUSTOMER_PARTITION,
      // In every frame (the embed's too), sandboxed and isolated from the page's own scripts.
      preload: deps.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  })
  open.add(window)
  window.on('closed', () => open.delete(window))
  void window.loadURL(url.href)
  return { url: url.href }
}

/** How many customer-app windows are open. */
export function customerAppWindows(): number {
  return open.size
}

/** A frame of a customer-app window, as much of Electron's WebFrameMain as posting needs. */
interface FrameLike {
  origin: string
  parent: FrameLike | null
  send(channel: string, ...args: unknown[]): void
}

/**
 * Posts `message` to the embed in every open customer-app window: each parent frame of a frame on
 * a served host is asked (through its preload) to post it to that origin, once per parent and
 * origin. Answers how many windows it went to.
 */
export function postToCustomerApps(message: Record<string, unknown>, isServedOrigin: (origin: string) => boolean) {
  if (JSON.stringify(message).length > CUSTOMER_APP_MESSAGE_CHARS)
    throw new WorkbenchError('INVALID_INPUT', 'The message is longer than 64 KB; send a smaller payload.', 'message')
  let windows = 0
  for (const window of open) {
    if (window.isDestroyed()) continue
    const asked = new Map<FrameLike, Set<string>>()
    for (const frame of window.webContents.mainFrame.framesInSubtree as unknown as FrameLike[]) {
      if (!frame.parent || !isServedOrigin(frame.origin)) continue
      const origins = asked.get(frame.parent) ?? new Set<string>()
      if (origins.has(frame.origin)) continue
      asked.set(frame.parent, origins.add(frame.origin))
      frame.parent.send(customerAppIpc.post, { message, targetOrigin: frame.origin })
    }
    if (asked.size) windows++
  }
  return { windows }
}
