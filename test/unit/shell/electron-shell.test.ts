/**
 * The Electron shell with `electron` mocked: the window's web preferences, navigation, new
 * windows, webviews, permissions, the app:// protocol and the IPC sender check, as the real
 * main/index.ts wires them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { channelNames } from '../../../preload/contract'
import { runTempDir } from '../../fixtures/temp'
import { appContentSecurityPolicy, appMetaContentSecurityPolicy } from '../../../main/core/app-files'

type Listener = (...args: any[]) => any
// Another program that starts the unpackaged app can set this: it must not choose the page.
vi.hoisted(() => {
  process.env['ELECTRON_RENDERER_URL'] = 'https://evil.example/'
})
const shell = vi.hoisted(() => ({
  windows: [] as { options: any; loaded: string[] }[],
  appEvents: new Map<string, Listener>(),
  ipc: new Map<string, Listener>(),
  /** ipcMain.on listeners (one-way messages), by channel. */
  ipcOn: new Map<string, Listener>(),
  privileged: [] as any[],
  protocolHandlers: new Map<string, Listener>(),
  permissionRequest: null as Listener | null,
  permissionCheck: null as Listener | null,
  openExternal: [] as string[],
  /** The answer the next "open this link?" dialog gets: 0 opens, 1 cancels. */
  dialogAnswer: 1,
  dialogs: [] as any[],
  enableSandbox: 0,
  userData: '',
  /** Sessions made with session.fromPartition, by partition. */
  partitions: new Map<string, any>(),
  netFetches: [] as { url: string; options: any }[]
}))

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => shell.windows
    loaded: string[] = []
    events = new Map<string, Listener>()
    destroyed = false
    /** The window's frames, as a test sets them (Electron's mainFrame.framesInSubtree). */
    webContents = { mainFrame: { framesInSubtree: [] as any[] } }
    constructor(public options: any) {
      shell.windows.push(this)
    }
    once() {}
    on(event: string, listener: Listener) {
      this.events.set(event, listener)
    }
    isDestroyed() {
      return this.destroyed
    }
    loadURL(url: string) {
      this.loaded.push(url)
      return Promise.resolve()
    }
    show() {}
  }
  return {
    app: {
      isPackaged: false, // as `npm start` runs it
      whenReady: () => Promise.resolve(),
      enableSandbox: () => void shell.enableSandbox++,
      on: (event: string, listener: Listener) => void shell.appEvents.set(event, listener),
      getPath: () => shell.userData,
      exit: vi.fn(),
      quit: vi.fn()
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => void shell.ipc.set(channel, listener),
      on: (channel: string, listener: Listener) => void shell.ipcOn.set(channel, listener),
      removeAllListeners: vi.fn()
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: any[]) => void shell.privileged.push(...schemes),
      handle: (scheme: string, handler: Listener) => void shell.protocolHandlers.set(scheme, handler)
    },
    net: {
      fetch: async (request: Request, options: any) => {
        shell.netFetches.push({ url: request.url, options })
        return new Response('from the network', { status: 200 })
      }
    },
    session: {
      fromPartition: (partition: string) => {
        if (!shell.partitions.has(partition)) {
          const fake: any = {
            protocolHandlers: new Map<string, Listener>(),
            protocol: { handle: (scheme: string, h: Listener) => void fake.protocolHandlers.set(scheme, h) },
            setPermissionRequestHandler: (h: Listener) => void (fake.permissionRequest = h),
            setPermissionCheckHandler: (h: Listener) => void (fake.permissionCheck = h)
          }
          shell.partitions.set(partition, fake)
        }
        return shell.partitions.get(partition)
      },
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => void (shell.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => void (shell.permissionCheck = h)
      }
    },
    shell: { openExternal: (url: string) => void shell.openExternal.push(url) },
    dialog: {
      showMessageBox: async (...args: any[]) => {
        shell.dialogs.push(args.at(-1))
        return { response: shell.dialogAnswer }
      }
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptStringAsync: async () => Buffer.alloc(0),
      decryptStringAsync: async () => ({ result: '', shouldReEncrypt: false })
    }
  }
})

vi.mock('electron-store', () => ({
  default: class {
    path: string
    store: unknown = {}
    constructor(options: { cwd: string; name: string }) {
      this.path = join(options.cwd, `${options.name}.json`)
    }
  }
}))

function fakeWebContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: Listener | null = null
  return {
    on: (event: string, listener: Listener) => void listeners.set(event, listener),
    setWindowOpenHandler: (handler: Listener) => void (openHandler = handler),
    emit: (event: string, ...args: any[]) => listeners.get(event)!(...args),
    open: (url: string) => openHandler!({ url })
  }
}
const preventable = () => ({ preventDefault: vi.fn() })

beforeAll(async () => {
  shell.userData = runTempDir('ewb-shell-')
  await import('../../../main/index')
  await vi.waitFor(() => expect(shell.windows).toHaveLength(1))
})

describe('window', () => {
  it('isolates and sandboxes the page, with no Node and web security on', () => {
    const prefs = shell.windows[0]!.options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    expect(prefs.preload).toMatch(/preload[\\/]index\.js$/)
    expect(shell.enableSandbox).toBe(1)
  })

  it('loads the app from its own privileged app:// origin, not file://', () => {
    expect(shell.windows[0]!.loaded).toEqual(['app://workbench/index.html'])
    expect(shell.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })
    ])
  })
})

describe('app:// protocol', () => {
  const fetchApp = (url: string) => shell.protocolHandlers.get('app')!({ url }) as Promise<Response>

  it('serves the page with the strict CSP as a header', async () => {
    const response = await fetchApp('app://workbench/index.html')
    const emulator = (await shell.ipc.get('getEmulator')!(
      { senderFrame: { url: 'app://workbench/index.html' } },
      {}
    )) as { value: { baseUrl: string } }
    const emulatorOrigin = () => emulator.value.baseUrl
    expect(response.status).toBe(200)
    // Frames only from the emulator this app started (and configured hosts).
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toBe(appContentSecurityPolicy([emulatorOrigin()]))
    expect(csp).toMatch(/frame-src http:\/\/127\.0\.0\.1:\d+; frame-ancestors 'none'$/)
    expect(response.headers.get('content-type')).toContain('text/html')
  })

  it('refuses paths outside the renderer and other hosts', async () => {
    for (const url of [
      'app://workbench/%2e%2e/package.json',
      'app://workbench/..%2f..%2fpackage.json',
      'app://other/index.html',
      'app://workbench/%00',
      'app://workbench/.env'
    ]) {
      expect((await fetchApp(url)).status, url).toBe(404)
    }
  })

  it('the CSP meta tag in renderer/index.html is the same policy with a looser frame-src bound', () => {
    const html = readFileSync(join(__dirname, '../../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(appMetaContentSecurityPolicy)
    expect(meta!.replace(/; frame-src .*$/, '')).toBe(appContentSecurityPolicy([]).replace(/; frame-src .*$/, ''))
    expect(meta).not.toContain('unsafe-inline')
    expect(meta).not.toContain('unsafe-eval')
  })
})

describe('navigation, new windows and webviews', () => {
  const contents = fakeWebContents()
  beforeAll(() => shell.appEvents.get('web-contents-created')!({}, contents))

  it('denies navigation away from the app; a web link goes to the system browser after parsing', () => {
    shell.openExternal.length = 0
    const web = preventable()
    contents.emit('will-navigate', web, 'https://docs.example.com/embed?x=1')
    expect(web.preventDefault).toHaveBeenCalled()
    expect(shell.openExternal).toEqual(['https://docs.example.com/embed?x=1'])
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com/',
      'not a url'
    ]) {
      const event = preventable()
      contents.emit('will-navigate', event, url)
      expect(event.preventDefault, url).toHaveBeenCalled()
    }
    expect(shell.openExternal).toHaveLength(1)
    const own = preventable()
    contents.emit('will-navigate', own, 'app://workbench/index.html')
    expect(own.preventDefault).not.toHaveBeenCalled()
  })

  it('denies subframe navigation and redirects away from the app; preview frames may go to the emulator only', async () => {
    const frame = { ...preventable(), url: 'https://evil.example/', isMainFrame: false }
    contents.emit('will-frame-navigate', frame)
    expect(frame.preventDefault).toHaveBeenCalled()
    const emulator = (await shell.ipc.get('getEmulator')!(
      { senderFrame: { url: 'app://workbench/index.html' } },
      {}
    )) as { value: { baseUrl: string; running: boolean } }
    expect(emulator.value.running).toBe(true)
    const preview = { ...preventable(), url: `${emulator.value.baseUrl}/embed/1-x?:nonce=1`, isMainFrame: false }
    contents.emit('will-frame-navigate', preview)
    expect(preview.preventDefault).not.toHaveBeenCalled()
    const mainToEmulator = { ...preventable(), url: `${emulator.value.baseUrl}/`, isMainFrame: true }
    contents.emit('will-frame-navigate', mainToEmulator)
    expect(mainToEmulator.preventDefault).toHaveBeenCalled()
    const redirect = preventable()
    contents.emit('will-redirect', redirect, 'https://evil.example/')
    expect(redirect.preventDefault).toHaveBeenCalled()
  })

  it('denies every new window; http(s) ones open in the system browser instead', () => {
    shell.openExternal.length = 0
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' })
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(contents.open('app://workbench/index.html')).toEqual({ action: 'deny' })
    expect(shell.openExternal).toEqual(['https://example.com/'])
  })

  it('opens an https link directly; a plain http link only after the user says so', async () => {
    shell.openExternal.length = 0
    shell.dialogs.length = 0
    contents.open('https://docs.example.com/')
    expect(shell.openExternal).toEqual(['https://docs.example.com/'])
    expect(shell.dialogs).toHaveLength(0)
    shell.dialogAnswer = 1
    contents.open('http://insecure.example/embed')
    await vi.waitFor(() => expect(shell.dialogs).toHaveLength(1))
    expect(shell.dialogs[0].message).toContain('http://insecure.example/embed')
    expect(shell.openExternal).toEqual(['https://docs.example.com/'])
    shell.dialogAnswer = 0
    contents.emit('will-navigate', preventable(), 'http://insecure.example/other')
    await vi.waitFor(() =>
      expect(shell.openExternal).toEqual(['https://docs.example.com/', 'http://insecure.example/other'])
    )
  })

  it('blocks webviews', () => {
    const event = preventable()
    contents.emit('will-attach-webview', event)
    expect(event.preventDefault).toHaveBeenCalled()
  })
})

describe('permissions', () => {
  it('denies every permission request and check except clipboard writes from the app itself', () => {
    const request = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined
      shell.permissionRequest!({}, permission, (g: boolean) => (granted = g), { requestingUrl })
      return granted
    }
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'pointerLock'
    ]) {
      expect(request(permission, 'app://workbench/index.html'), permission).toBe(false)
      expect(shell.permissionCheck!({}, permission, 'app://workbench'), permission).toBe(false)
    }
    expect(request('clipboard-sanitized-write', 'app://workbench/index.html')).toBe(true)
    expect(shell.permissionCheck!({}, 'clipboard-sanitized-write', 'app://workbench')).toBe(true)
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(shell.permissionCheck!({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false)
  })
})

describe('IPC', () => {
  it('registers every contract channel, each checking the sender frame against the app origin', async () => {
    expect([...shell.ipc.keys()].sort()).toEqual([...channelNames].sort())
    for (const listener of shell.ipc.values()) {
      for (const url of [
        'https://evil.example/',
        'file:///work/main/out/renderer/index.html',
        'app://workbench.evil/index.html'
      ]) {
        expect(await listener({ senderFrame: { url } }, {})).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN_SENDER' }
        })
      }
    }
    const status = await shell.ipc.get('getVaultStatus')!({ senderFrame: { url: 'app://workbench/index.html' } }, {})
    // basic_text is not a keychain: the vault asks for a master passphrase.
    expect(status).toMatchObject({ ok: true, value: { state: 'needs-setup', scheme: 'passphrase' } })
  })
})

describe('the development renderer URL', () => {
  it('is honoured only in a development build, and only on loopback', async () => {
    const { devRendererUrl } = await import('../../../main/shell/security')
    expect(devRendererUrl('http://localhost:5173', false)).toBeNull()
    expect(devRendererUrl('http://localhost:5173/', true)).toBe('http://localhost:5173')
    expect(devRendererUrl('http://127.0.0.1:5173', true)).toBe('http://127.0.0.1:5173')
    expect(devRendererUrl('http://[::1]:5173', true)).toBe('http://[::1]:5173')
    for (const url of [
      'https://evil.example',
      'http://127.0.0.1.evil.example:80',
      'file:///tmp/x.html',
      'nonsense',
      ''
    ])
      expect(devRendererUrl(url, true), url).toBeNull()
    expect(devRendererUrl(undefined, true)).toBeNull()
  })

  it('the unpackaged app refuses an ELECTRON_RENDERER_URL off loopback: the window loads app://', () => {
    expect(shell.windows[0]!.loaded).toEqual(['app://workbench/index.html'])
  })
})

describe("the customer's parent app in a window of its own (issue 13, item 2)", () => {
  const app = { senderFrame: { url: 'app://workbench/index.html' } }
  const call = async (channel: string, input: unknown) => shell.ipc.get(channel)!(app, input)

  it('opens in its own session, with only the observing preload and no permissions; served names go to the emulator, the rest to the network', async () => {
    const PASS = 'a long enough passphrase'
    expect(await call('setUpVault', { passphrase: PASS, confirmation: PASS })).toMatchObject({ ok: true })
    const served = await call('updateEmulatorSettings', {
      serveAs: ['https://app.sigmacomputing.com'],
      tlsPort: 0,
      port: 0
    })
    expect(served).toMatchObject({ ok: true, value: { front: { origins: ['https://app.sigmacomputing.com'] } } })
    const before = shell.windows.length
    expect(await call('openCustomerApp', { url: 'http://localhost:3000/app' })).toMatchObject({
      ok: true,
      value: { url: 'http://localhost:3000/app' }
    })
    const window = shell.windows[before] as unknown as { options: any; loaded: string[] }
    expect(window.loaded).toEqual(['http://localhost:3000/app'])
    expect(window.options.webPreferences).toMatchObject({
      partition: 'customer-app',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      // The observing preload runs in the embed's frame too (sandboxed, isolated).
      nodeIntegrationInSubFrames: true,
      webSecurity: true
    })
    expect(window.options.webPreferences.preload).toMatch(/preload[\\/]customer-app\.js$/)

    const customer = shell.partitions.get('customer-app')
    const https = customer.protocolHandlers.get('https')!
    const elsewhere: Response = await https(new Request('https://cdn.example.com/app.js'))
    expect(await elsewhere.text()).toBe('from the network')
    expect(shell.netFetches.at(-1)).toEqual({
      url: 'https://cdn.example.com/app.js',
      options: { bypassCustomProtocolHandlers: true }
    })
    const fetches = shell.netFetches.length
    const host: Response = await https(new Request('https://app.sigmacomputing.com/'))
    expect(host.status).toBe(200)
    expect(await host.json()).toMatchObject({ emulator: 'Embed Workbench', org: 'plugs-electronics' })
    expect(shell.netFetches.length).toBe(fetches)

    const granted = vi.fn()
    customer.permissionRequest({}, 'media', granted, { requestingUrl: 'http://localhost:3000/' })
    expect(granted).toHaveBeenCalledWith(false)
    // The app now lets that parent frame the workbook (for this run).
    const status = await call('getEmulator', {})
    expect(status.value.front).not.toBeNull()
  })

  it("its pages may browse the web but not open windows, webviews or the app's scheme", () => {
    const contents = { ...fakeWebContents(), session: shell.partitions.get('customer-app') }
    shell.appEvents.get('web-contents-created')!({}, contents)
    const web = preventable()
    contents.emit('will-navigate', web, 'https://customer-staging.test/next')
    expect(web.preventDefault).not.toHaveBeenCalled()
    const own = preventable()
    contents.emit('will-navigate', own, 'app://workbench/index.html')
    expect(own.preventDefault).toHaveBeenCalled()
    const frame = { ...preventable(), url: 'https://app.sigmacomputing.com/embed/1-x', isMainFrame: false }
    contents.emit('will-frame-navigate', frame)
    expect(frame.preventDefault).not.toHaveBeenCalled()
    expect(contents.open('https://docs.example.com/')).toEqual({ action: 'deny' })
    expect(shell.openExternal).toContain('https://docs.example.com/')
    const webview = preventable()
    contents.emit('will-attach-webview', webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it("the embed's messages reach the Preview's console from that window only; the Preview's mutations go to the embed's parent frame", async () => {
    const customer = { session: shell.partitions.get('customer-app') }
    const relay = shell.ipcOn.get('customer-app:message')!
    const event = (from: any, data: unknown) => ({
      kind: 'from-embed',
      origin: from,
      json: JSON.stringify(data),
      truncated: false
    })
    const before = (await call('listCustomerAppMessages', {})).value.messages.length
    // The app's own window, another origin's message, a malformed report: none count.
    relay(
      { sender: {}, senderFrame: { origin: 'http://localhost:3000' } },
      event('https://app.sigmacomputing.com', { type: 'x' })
    )
    relay(
      { sender: customer, senderFrame: { origin: 'http://localhost:3000' } },
      event('https://ads.example', { type: 'x' })
    )
    relay({ sender: customer, senderFrame: { origin: 'http://localhost:3000' } }, { kind: 'from-embed', origin: 1 })
    relay({ sender: customer, senderFrame: null }, event('https://app.sigmacomputing.com', { type: 'x' }))
    // A parent's page claiming to be the embed receiving a mutation: its frame is not on the host.
    relay(
      { sender: customer, senderFrame: { origin: 'http://localhost:3000' } },
      {
        ...event('https://app.sigmacomputing.com', { type: 'workbook:variables:update' }),
        kind: 'from-parent'
      }
    )
    relay(
      { sender: customer, senderFrame: { origin: 'http://localhost:3000' } },
      event('https://app.sigmacomputing.com', { type: 'workbook:loaded', workbook: { variables: {} } })
    )
    relay(
      { sender: customer, senderFrame: { origin: 'https://app.sigmacomputing.com' } },
      { ...event('http://localhost:3000', { type: 'workbook:variables:list' }), kind: 'from-parent' }
    )
    const listed = await call('listCustomerAppMessages', {})
    expect(listed.value.windows).toBe(1)
    expect(listed.value.messages.slice(before)).toMatchObject([
      {
        direction: 'in',
        type: 'workbook:loaded',
        parent: 'http://localhost:3000',
        embed: 'https://app.sigmacomputing.com'
      },
      { direction: 'out', type: 'workbook:variables:list', parent: 'http://localhost:3000' }
    ])

    // The Preview posts: main asks the embed's parent frame, once per origin, never another frame.
    const window = shell.windows.at(-1) as any
    const parent = { origin: 'http://localhost:3000', parent: null, send: vi.fn() }
    const embed = (origin: string) => ({ origin, parent, send: vi.fn() })
    window.webContents.mainFrame.framesInSubtree = [
      parent,
      embed('https://app.sigmacomputing.com'),
      embed('https://app.sigmacomputing.com'),
      embed('https://ads.example')
    ]
    const message = { type: 'workbook:variables:update', variables: { 'Region-Control': 'East' } }
    expect(await call('postToCustomerApp', { message })).toMatchObject({ ok: true, value: { windows: 1 } })
    expect(parent.send.mock.calls).toEqual([
      ['customer-app:post', { message, targetOrigin: 'https://app.sigmacomputing.com' }]
    ])
    expect(await call('postToCustomerApp', { message: { type: 'x', big: 'x'.repeat(70_000) } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'message' }
    })
    // A closed window is no longer counted or posted to.
    window.events.get('closed')!()
    expect((await call('listCustomerAppMessages', {})).value.windows).toBe(0)
    expect(await call('postToCustomerApp', { message })).toMatchObject({ ok: true, value: { windows: 0 } })
  })

  it('refuses what is not a page address', async () => {
    expect(await call('openCustomerApp', { url: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
  })
})
