/**
 * Browser mode: the same main-process services under plain Node, the built renderer served on
 * 127.0.0.1, and the same channels as an HTTP bridge on the same origin.
 *
 * Who may talk to it:
 * - only requests whose Host is this server's own loopback address (DNS rebinding is refused);
 * - only pages from this origin (a request with a foreign Origin, or a cross-site fetch, is refused;
 *   no CORS headers are ever sent);
 * - only the page that opened the launch URL: its fragment (#token=..., never sent over the wire)
 *   carries a random per-launch token; the bridge script keeps it in sessionStorage and sends it as
 *   the X-Workbench-Token header on every bridge call. No cookie is set or read: a cookie is sent to
 *   every port of 127.0.0.1, so any other local server the user opens would receive it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { bridgeGlobalName, channelNames, type WorkbenchFailure } from '../../preload/contract'
import { readAppFile, securityHeaders } from '../core/app-files'
import { dispatch, failure, type Handlers } from '../core/dispatch'

export const BRIDGE_PATH = '/__bridge/'
export const BRIDGE_SCRIPT_PATH = '/__workbench/bridge.js'
/** The header that carries the launch token on every bridge call. */
export const TOKEN_HEADER = 'x-workbench-token'
/** Large enough for a 10 MB paste into the inspector, small enough to refuse a flood. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024

export interface BrowserHostOptions {
  handlers: Handlers
  rendererDir: string
  port?: number
  /** Fixed for tests; random per launch otherwise. */
  token?: string
  /** Origins the app page may frame (the emulator, configured hosts); read per request. */
  frameOrigins?: () => readonly string[]
  /** How much a client may hold open (tests shorten these). */
  limits?: Partial<HostLimits>
}

export interface HostLimits {
  /** A client that has not sent its headers by then is disconnected (Node's default is 60 s). */
  headersTimeoutMs: number
  /** The whole request, body included: a 12 MB paste on loopback takes milliseconds. */
  requestTimeoutMs: number
  keepAliveTimeoutMs: number
  /** One app tab needs a handful; more is someone else. */
  maxConnections: number
}

export const defaultHostLimits: HostLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 64
}

export interface BrowserHost {
  /** The URL to open: the launch token rides in its fragment, which the browser never sends. */
  launchUrl: string
  origin: string
  port: number
  close(): Promise<void>
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  let port = 0
  const limits = { ...defaultHostLimits, ...options.limits }
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for requests past their timeouts (30 s by default).
      connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(limits.headersTimeoutMs / 3)))
    },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        console.error(
          `[embed-workbench] browser host: ${error instanceof Error ? (error.stack ?? error.name) : typeof error}`
        )
        if (!response.headersSent)
          refuse(response, 500, failure('INTERNAL', 'The browser-mode host failed to answer; see its terminal.'))
        else response.destroy()
      })
    }
  )
  server.maxConnections = limits.maxConnections
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host ?? ''
    if (!allowedHosts().has(host)) {
      // A DNS-rebinding page reaches us under its own host name: refuse before anything else.
      return refuse(response, 421, failure('FORBIDDEN_SENDER', `This server only answers to 127.0.0.1:${port}.`))
    }
    const origin = request.headers.origin
    const fetchSite = request.headers['sec-fetch-site']
    // "same-site" is any port of 127.0.0.1: another local server's page. Only this origin, or the
    // user typing the address (none), may talk to it.
    if (
      (origin !== undefined && !allowedOrigins().has(origin)) ||
      (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
    ) {
      return refuse(response, 403, failure('FORBIDDEN_SENDER', 'Requests from other sites are refused.'))
    }
    const url = new URL(request.url ?? '/', `http://${host}`)
    let pathname: string
    try {
      pathname = decodeURIComponent(url.pathname)
    } catch {
      return refuse(response, 400, failure('INVALID_INPUT', 'The address has a broken %-escape.'))
    }

    if (url.pathname.startsWith(BRIDGE_PATH)) {
      const offered = request.headers[TOKEN_HEADER]
      if (!sameToken(typeof offered === 'string' ? offered : undefined, token))
        return refuse(
          response,
          401,
          failure(
            'FORBIDDEN_SENDER',
            'Not signed in to this browser-mode session. Open the address printed by "npm run browser" (it carries this launch\'s token).'
          )
        )
      if (request.method !== 'POST')
        return refuse(response, 405, failure('INVALID_INPUT', 'The bridge accepts POST only.'))
      // Same-origin fetches always carry Origin in a browser; a request without one is not from the app page.
      if (origin === undefined)
        return refuse(response, 403, failure('FORBIDDEN_SENDER', 'Requests without an Origin are refused.'))
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
      if (mediaType !== 'application/json') {
        return refuse(response, 415, failure('INVALID_INPUT', 'The bridge accepts application/json only.'))
      }
      const body = await readBody(request)
      if (body === 'too-large')
        return refuse(
          response,
          413,
          failure('INVALID_INPUT', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`)
        )
      let input: unknown
      try {
        input = body.length ? JSON.parse(body) : {}
      } catch {
        return sendJson(response, 400, failure('INVALID_INPUT', 'The request body is not valid JSON.'))
      }
      const channel = pathname.slice(BRIDGE_PATH.length)
      return sendJson(response, 200, await dispatch(options.handlers, channel, input))
    }

    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(response, 405, failure('INVALID_INPUT', 'Method not allowed.'))
    if (url.pathname === BRIDGE_SCRIPT_PATH)
      return sendText(response, 200, 'text/javascript; charset=utf-8', bridgeScript())
    const file = await readAppFile(options.rendererDir, url.pathname)
    if (!file) return sendPage(response, 404, 'Not found.')
    const body = file.contentType.startsWith('text/html') ? injectBridge(file.body.toString('utf8')) : file.body
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
      ? compressed(url.pathname, body)
      : null
    if (gzip) {
      response.setHeader('Content-Encoding', 'gzip')
      response.setHeader('Vary', 'Accept-Encoding')
    }
    return sendText(response, 200, file.contentType, gzip ?? body, options.frameOrigins?.() ?? [])
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    launchUrl: `${origin}/#token=${token}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

const gzipped = new Map<string, { body: Buffer; gzip: Buffer }>()

/**
 * The app's scripts and styles gzipped, once per file content (browser mode serves over plain
 * HTTP on loopback; the first screen's JavaScript is most of what it sends). Small files go as they are.
 */
function compressed(path: string, body: string | Buffer): Buffer | null {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  if (bytes.length < 1024) return null
  const known = gzipped.get(path)
  if (known && known.body.equals(bytes)) return known.gzip
  const gzip = gzipSync(bytes, { level: 6 })
  if (gzipped.size > 200) gzipped.clear()
  gzipped.set(path, { body: bytes, gzip })
  return gzip
}

/** The same bridge shape the Electron preload exposes, over fetch. */
export function bridgeScript(): string {
  const unreachable: WorkbenchFailure = {
    code: 'BRIDGE_UNREACHABLE',
    message: 'Embed Workbench is not answering. Is "npm run browser" still running in its terminal?'
  }
  return `"use strict";
(() => {
  const unreachable = ${JSON.stringify({ ok: false, error: unreachable })};
  // The launch token: from the launch URL's fragment once (then dropped from the address bar), kept
  // for this tab in sessionStorage so a reload keeps working. It is never a cookie.
  const key = "ewb-launch-token";
  let token = "";
  try { token = sessionStorage.getItem(key) || ""; } catch {}
  function adopt() {
    const launched = /^#token=([A-Za-z0-9_-]+)$/.exec(location.hash);
    if (!launched) return false;
    token = launched[1];
    try { sessionStorage.setItem(key, token); } catch {}
    history.replaceState(history.state, "", location.pathname + location.search);
    return true;
  }
  adopt();
  // The launch URL pasted into a tab already showing the app changes only the fragment: start over.
  addEventListener("hashchange", () => { if (adopt()) location.reload(); });
  async function call(channel, input) {
    let response;
    try {
      response = await fetch(${JSON.stringify(BRIDGE_PATH)} + channel, {
        method: "POST",
        headers: { "Content-Type": "application/json", ${JSON.stringify(TOKEN_HEADER)}: token },
        body: JSON.stringify(input === undefined ? {} : input),
        credentials: "omit",
        cache: "no-store"
      });
    } catch {
      return unreachable;
    }
    try {
      return await response.json();
    } catch {
      return unreachable;
    }
  }
  const bridge = {};
  for (const name of ${JSON.stringify(channelNames)}) bridge[name] = (input) => call(name, input);
  Object.defineProperty(window, ${JSON.stringify(bridgeGlobalName)}, { value: Object.freeze(bridge), writable: false, configurable: false });
})();
`
}

/**
 * The bridge goes in as a module script before the app's: fetched in parallel with the app's
 * bundle instead of blocking the page's parse (40 ms of a cold start here), and run before it,
 * since module scripts run in document order.
 */
function injectBridge(html: string): string {
  const tag = `<script type="module" src="${BRIDGE_SCRIPT_PATH}"></script>`
  const at = html.indexOf('<script')
  return at >= 0 ? html.slice(0, at) + tag + '\n    ' + html.slice(at) : html.replace('</head>', `${tag}</head>`)
}

function sameToken(offered: string | undefined, token: string): boolean {
  if (!offered) return false
  const a = Buffer.from(offered)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function readBody(request: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        // Not drained: the refusal closes the connection (see refuse).
        request.removeAllListeners('data')
        request.pause()
        resolve('too-large')
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/**
 * A refusal ends the connection: whatever body the client announced is never read (Node would
 * otherwise drain it to keep the connection alive), and the socket is not left for it to reuse.
 */
function refuse(response: ServerResponse, status: number, body: WorkbenchFailureResult): void {
  response.setHeader('Connection', 'close')
  response.once('finish', () => response.socket?.destroy())
  sendJson(response, status, body)
}
type WorkbenchFailureResult = ReturnType<typeof failure>

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendText(response, status, 'application/json; charset=utf-8', JSON.stringify(body))
}

function sendText(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  frameOrigins: readonly string[] = []
): void {
  response.writeHead(status, { ...securityHeaders(frameOrigins), 'Content-Type': contentType })
  response.end(body)
}

function sendPage(response: ServerResponse, status: number, message: string): void {
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  sendText(
    response,
    status,
    'text/html; charset=utf-8',
    `<!doctype html><meta charset="utf-8"><title>Embed Workbench</title><p style="font:14px system-ui;margin:3em">${escaped}</p>`
  )
}
