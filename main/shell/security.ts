/**
 * The Electron security policy, written against the few Electron shapes it needs so it can be
 * tested without Electron (main/shell/app.ts passes the real objects). Electron's security checklist:
 * context isolation, sandbox, no Node in the page, web security, no navigation, no new windows,
 * no webviews, permissions denied unless listed, IPC only from the app's own origin.
 */

export const APP_SCHEME = 'app'
export const APP_HOST = 'workbench'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false
  } as const
}

/** Same scheme, host and port. `new URL().origin` is "null" for custom schemes, so compare parts. */
export function isSameOrigin(url: string | undefined, origin: string): boolean {
  if (!url) return false
  try {
    const a = new URL(url)
    const b = new URL(origin)
    return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port
  } catch {
    return false
  }
}

/** A link the user clicked may open in the system browser: parsed, http(s) only, normalized. */
export function externalUrl(raw: string): string | null {
  try {
    const url = new URL(raw)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    if (url.username || url.password) return null
    return url.href
  } catch {
    return null
  }
}

/**
 * electron-vite's dev server, whose URL arrives in ELECTRON_RENDERER_URL: honoured only in a
 * development build (compiled in, not read from the environment) and only on a loopback host,
 * so a program that starts the app cannot choose the page that gets the bridge.
 */
export function devRendererUrl(raw: string | undefined, developmentBuild: boolean): string | null {
  if (!developmentBuild || !raw) return null
  try {
    const url = new URL(raw)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (url.username || url.password) return null
    return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) ? url.origin : null
  } catch {
    return null
  }
}

/** Permissions the app page may have; everything else is denied, for requests and checks. */
export const allowedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

export interface PreventableEvent {
  preventDefault(): void
}
interface NavigationDetails {
  url: string
}
interface FrameNavigationDetails extends NavigationDetails {
  isMainFrame?: boolean
}
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-frame-navigate', listener: (details: PreventableEvent & FrameNavigationDetails) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: NavigationDetails) => { action: 'deny' }): void
}

export interface PolicyOptions {
  /** Origins the app's own frames may live on. */
  appOrigins: string[]
  /** Origins preview frames may load (the emulator, configured hosts); read at each navigation. */
  frameOrigins?: () => readonly string[]
  openExternal: (url: string) => unknown
  /** Asks the user before a plain-http link leaves the app; resolves true to open it. */
  confirmExternal: (url: string) => Promise<boolean>
}

export function hardenWebContents(contents: WebContentsLike, options: PolicyOptions): void {
  const ownOrigin = (url: string) => options.appOrigins.some((origin) => isSameOrigin(url, origin))
  // https opens in the system browser; plain http only after the user confirms.
  const openLink = (raw: string) => {
    const external = externalUrl(raw)
    if (!external) return
    if (external.startsWith('https:')) {
      options.openExternal(external)
      return
    }
    void options.confirmExternal(external).then(
      (yes) => yes && options.openExternal(external),
      () => undefined
    )
  }
  // The app is one page: any navigation of the main frame away from it is refused; a link to the
  // web opens in the system browser instead (after parsing, http(s) only).
  contents.on('will-navigate', (event, url) => {
    if (ownOrigin(url)) return
    event.preventDefault()
    openLink(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!ownOrigin(url)) event.preventDefault()
  })
  // will-navigate fires for the main frame only; subframes are checked here: a preview frame may
  // go to the emulator or a configured host, nothing else.
  contents.on('will-frame-navigate', (details) => {
    if (details.isMainFrame) {
      if (!ownOrigin(details.url)) details.preventDefault()
      return
    }
    const allowed =
      ownOrigin(details.url) || (options.frameOrigins?.() ?? []).some((origin) => isSameOrigin(details.url, origin))
    if (!allowed) details.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url)
    return { action: 'deny' }
  })
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string }
    ) => void
  ): void
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void
}

export function hardenSession(session: SessionLike, appOrigins: string[]): void {
  const fromApp = (url: string | undefined) => appOrigins.some((origin) => isSameOrigin(url, origin))
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowedPermissions.has(permission) && fromApp(details.requestingUrl))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return allowedPermissions.has(permission) && fromApp(requestingOrigin)
  })
}
