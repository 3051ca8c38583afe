/**
 * The emulator of the embed host, on 127.0.0.1: receives embed URLs in both forms exactly as the
 * real host does, answers with the documented verdict, and serves the sample workbook page (built
 * from renderer/workbook/) to the frames of the preview, or of a customer's own parent app.
 */
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { EmulatorRequest, Inspection, WorkbookBootstrap } from '../../preload/contract'
import { readAppFile } from '../core/app-files'
import { systemClock, type Clock } from '../core/clock'
import type { KnownCredential } from '../inspector/inspector'
import type { ProtocolLimits } from '../protocol/parameters'
import { DEFAULT_EMULATOR_PORT, embedTargets, limitsOf, type OrgStore } from './org'
import { personAfterLoad } from './people'
import { plugsSales, type SalesRow } from './sample-data'
import type { ForensicsBudget } from '../inspector/forensics'
import { emulatorForensicsBudget, OneTimeLedger, verifyEmbedRequest, type Verdict } from './verify'
import { createRequestLog, redactUrl, type OpenedRequest } from './request-log'
import { frameAncestors, parentOf, servedHosts, type FrontOptions } from './front'
import { finding } from '../protocol/findings'

export type RequestLogEntry = EmulatorRequest

export interface EmulatorOptions {
  org: OrgStore
  /** The vault's credentials with their secrets (empty while locked). Revoked ones are refused. */
  credentials: () => Promise<KnownCredential[]>
  clock?: Clock
  limits?: () => ProtocolLimits
  /** Seconds added to the clock: time travel for the emulator. */
  timeOffset?: () => number
  port?: number
  /** The built renderer folder (out/renderer), which holds workbook/workbook.html and its assets. */
  pageDir: string
  /** Origins allowed to frame the workbook page (the app itself, and local parent apps). */
  /** Parent origins (besides the app and loopback) that may frame the workbook page. */
  allowedParents?: () => string[]
  /** Answer as the vendor's host names too, over TLS on this port. */
  front?: FrontOptions
  onRequest?: (entry: RequestLogEntry) => void
  /** Keeps the nonces and jtis seen across restarts (digests only), until each would have expired. */
  ledgerFile?: string
}

export interface Emulator {
  baseUrl: string
  port: number
  requests(sinceId?: number): RequestLogEntry[]
  /** The TLS front's port and the origins it answers as, when it runs. */
  front: { port: number; origins: string[] } | null
  /** A logged request as the emulator judged it, for the Inspector; null once it left the log. */
  openRequest(id: number): OpenedRequest | null
  /**
   * What the emulator would answer to this URL now, without answering it: no nonce or jti is
   * used, no user created, nothing logged. For the inspector's "one verdict".
   */
  judge(url: string): Promise<Verdict>
  close(): Promise<void>
}

export type { WorkbookBootstrap }

const ROWS = plugsSales()

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const clock = options.clock ?? systemClock
  const log = createRequestLog()
  const now = () => Math.floor(clock.now().getTime() / 1000) + (options.timeOffset?.() ?? 0)
  const ledger = new OneTimeLedger(options.ledgerFile ?? null, now())
  const forensics = forensicsAllowance()
  /** The one verification of the request path and of judge(): the org, limits and clock as they are now. */
  const verify = (
    url: string,
    credentials: KnownCredential[],
    oneTimeIds: Pick<OneTimeLedger, 'use' | 'usedAt'>,
    forensicsBudget?: ForensicsBudget
  ) => {
    const org = options.org.get()
    return verifyEmbedRequest({
      url,
      org,
      credentials,
      ledger: oneTimeIds,
      now: now(),
      limits: options.limits?.() ?? limitsOf(org.settings),
      forensicsBudget
    })
  }
  const parents = () => options.allowedParents?.() ?? []
  const headersFor = (allowed: readonly string[]) => ({
    'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors(allowed)}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store'
  })

  const record = (entry: Omit<RequestLogEntry, 'id' | 'at'>, inspection: Inspection | null, received: string) => {
    const full = log.record({ at: clock.now().toISOString(), ...entry }, inspection, received)
    options.onRequest?.(full)
  }

  async function handle(request: IncomingMessage, response: ServerResponse, tls: boolean): Promise<void> {
    const listening = tls ? frontPort : port
    const names = tls ? options.front!.hostnames : []
    const pageHeaders = headersFor(parents())
    // The name the client addressed, without the port it implies (443 for the front).
    const addressed = (request.headers.host ?? `127.0.0.1:${listening}`).toLowerCase()
    const host = tls ? addressed.replace(/:443$/, '') : addressed
    // Only the names it serves under: another host name means DNS rebinding or a confused client,
    // and the URL it verifies (and the embed paths it lists) would carry that name.
    if (!servedHosts(listening, names).has(host))
      return send(
        response,
        421,
        'text/plain; charset=utf-8',
        `This emulator answers only to ${[...names, `127.0.0.1:${listening}`, `localhost:${listening}`].join(', ')}.`,
        pageHeaders
      )
    const scheme = tls ? 'https' : 'http'
    const url = new URL(request.url ?? '/', `${scheme}://${host}`)
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed.', pageHeaders)
    if (url.pathname.startsWith('/assets/')) {
      const file = await readAppFile(options.pageDir, url.pathname)
      return file
        ? send(response, 200, file.contentType, file.body, pageHeaders)
        : send(response, 404, 'text/plain; charset=utf-8', 'Not found.', pageHeaders)
    }
    if (url.pathname === '/' || url.pathname === '/__emulator') {
      return send(
        response,
        200,
        'application/json; charset=utf-8',
        JSON.stringify(
          {
            emulator: 'Embed Workbench',
            org: options.org.get().slug,
            targets: embedTargets(options.org.get(), `${scheme}://${host}`)
          },
          null,
          2
        ),
        pageHeaders
      )
    }
    if (url.pathname === '/favicon.ico') return send(response, 404, 'text/plain', '', pageHeaders)

    // The URL exactly as the client addressed it: the scheme and name it used, and the raw request
    // target, never a re-encoded form. A URL signed for https://app.sigmacomputing.com verifies.
    const received = `${scheme}://${host}${request.url ?? '/'}`
    const framing = parentOf(request, url.origin, parents())
    if (!framing.allowed) return refuseParent(response, framing.parent!, received, request.method ?? 'GET')
    const credentials = await options.credentials()
    const started = performance.now()
    const verdict = verify(received, credentials, ledger, forensics.budget())
    forensics.spent(performance.now() - started)
    let bootstrap: WorkbookBootstrap
    if (verdict.ok && verdict.session) {
      const session = verdict.session
      // People changes only on a new embed user, new teams or type, or a last-seen time more than
      // a minute old; the store applies it in place of one person and writes it within a second.
      const current = options.org.get()
      const person = personAfterLoad(current, session, clock.now())
      const org = person ? options.org.putPerson(person) : current
      const workbook = org.workbooks.find((w) => w.id === session.workbookId)!
      const page = workbook.pages.find((p) => p.id === session.pageId) ?? null
      const element = page?.elements.find((e) => e.id === session.elementId) ?? null
      const rowFilter = rowLevelSecurity(session.identity.userAttributes)
      const { oneTimeId: _used, ...rest } = session
      bootstrap = {
        error: null,
        session: {
          ...rest,
          workbookName: workbook.name,
          pageName: page?.name ?? null,
          elementName: element?.name ?? null
        },
        controls: workbook.controls.map((c) => ({ ...c, options: controlOptions(c.column) })),
        rows: rowsFor(rowFilter),
        rowFilter,
        serverNow: now()
      }
    } else {
      bootstrap = {
        error: { code: verdict.hostCode, message: verdict.message ?? 'Invalid embed request.' },
        session: null,
        controls: [],
        rows: [],
        rowFilter: {},
        serverNow: now()
      }
    }
    record(
      {
        method: request.method ?? 'GET',
        url: redactUrl(received),
        status: verdict.status,
        verdict: verdict.ok ? 'allowed' : verdict.status === 404 ? 'not-found' : 'refused',
        hostCode: verdict.hostCode,
        message: verdict.message,
        findings: verdict.findings,
        user: verdict.session?.identity.email ?? null
      },
      verdict.inspection,
      received
    )
    return send(
      response,
      verdict.status,
      'text/html; charset=utf-8',
      await workbookPage(options.pageDir, bootstrap),
      pageHeaders
    )
  }

  /** A parent that may not frame the page: refused before verification, so nothing is used up. */
  function refuseParent(response: ServerResponse, parent: string, received: string, method: string) {
    const message = `The parent page ${parent} may not frame the workbook: it is not an allowed parent (Emulator > Allowed parents). The nonce or jti was not used.`
    const findings = [finding('PARENT_NOT_ALLOWED', null, message)]
    record(
      {
        method,
        url: redactUrl(received),
        status: 403,
        verdict: 'refused',
        hostCode: null,
        message,
        findings,
        user: null
      },
      null,
      received
    )
    return send(response, 403, 'text/plain; charset=utf-8', message, headersFor(parents()))
  }

  const answer = (tls: boolean) => (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response, tls).catch((error: unknown) => {
      console.error(
        `[embed-workbench] emulator: ${error instanceof Error ? (error.stack ?? error.name) : typeof error}`
      )
      if (!response.headersSent)
        send(
          response,
          500,
          'text/plain; charset=utf-8',
          'The emulator failed to answer; see its log.',
          headersFor(parents())
        )
      else response.destroy()
    })
  }
  const server = createServer(answer(false))
  const port = await listen(server, options.port ?? DEFAULT_EMULATOR_PORT)
  let front: Server | null = null
  let frontPort = 0
  if (options.front) {
    front = createHttpsServer({ key: options.front.keyPem, cert: options.front.certChainPem }, answer(true))
    try {
      frontPort = await listen(front, options.front.port)
    } catch (error) {
      server.close()
      throw error
    }
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    front: options.front ? { port: frontPort, origins: options.front.hostnames.map((h) => `https://${h}`) } : null,
    requests: log.list,
    openRequest: log.open,
    // A read-only view of the ledger: an id is refused if seen, and nothing is recorded.
    judge: async (url) =>
      verify(url, await options.credentials(), { use: (id) => !ledger.has(id), usedAt: (id) => ledger.usedAt(id) }),
    close: async () => {
      options.org.flush()
      await Promise.all(
        [server, front].map(
          (s) =>
            s &&
            new Promise<void>((resolve) => {
              s.closeAllConnections()
              s.close(() => resolve())
            })
        )
      )
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

const templates = new Map<string, string>()

/** The built page, read once per folder once it exists (it does not change while the app runs). */
async function pageTemplate(pageDir: string): Promise<string | null> {
  const cached = templates.get(pageDir)
  if (cached !== undefined) return cached
  const html = await readFile(join(pageDir, 'workbook', 'workbook.html'), 'utf8').catch(() => null)
  if (html !== null) templates.set(pageDir, html)
  return html
}

const optionsByColumn = new Map<string, string[]>()

/** A control's options: every value of its column in the sample rows, sorted (the rows never change). */
function controlOptions(column: string): string[] {
  let options = optionsByColumn.get(column)
  if (!options) {
    options = [...new Set(ROWS.map((r) => String(r[column as keyof SalesRow])))].sort()
    optionsByColumn.set(column, options)
  }
  return options
}

const rowsByFilter = new Map<string, SalesRow[]>()
const rowsBytes = new WeakMap<SalesRow[], Buffer>()

/** The sample rows a row-level filter lets through, one array per filter (so its bytes are made once). */
function rowsFor(filter: Record<string, string[]>): SalesRow[] {
  const key = JSON.stringify(Object.entries(filter).sort(([a], [b]) => (a < b ? -1 : 1)))
  let rows = rowsByFilter.get(key)
  if (!rows) {
    if (rowsByFilter.size >= 256) rowsByFilter.delete(rowsByFilter.keys().next().value!)
    rows = filterRows(ROWS, filter)
    rowsByFilter.set(key, rows)
  }
  return rows
}

/** Stands in for the rows while the rest of the bootstrap is serialized (a string no JSON value can hold). */
const ROWS_SLOT = JSON.stringify('\u0000ewb-rows\u0000')

/**
 * The bootstrap as the page carries it, "<" escaped, as bytes: the session's part serialized per
 * request, the rows' JSON (most of the page) encoded once per rows array.
 */
function bootstrapBytes(bootstrap: WorkbookBootstrap): Buffer[] {
  const { rows, ...rest } = bootstrap
  let encoded = rowsBytes.get(rows)
  if (encoded === undefined) {
    encoded = Buffer.from(JSON.stringify(rows).replace(/</g, '\\u003c'), 'utf8')
    rowsBytes.set(rows, encoded)
  }
  const json = JSON.stringify({ ...rest, rows: '\u0000ewb-rows\u0000' }).replace(/</g, '\\u003c')
  const at = json.indexOf(ROWS_SLOT)
  return [Buffer.from(json.slice(0, at), 'utf8'), encoded, Buffer.from(json.slice(at + ROWS_SLOT.length), 'utf8')]
}

const pageHalves = new Map<string, [Buffer, Buffer]>()

/** The built page as bytes around where the bootstrap goes, its asset links pointed at /assets/ (made once). */
function halvesOf(html: string): [Buffer, Buffer] {
  let halves = pageHalves.get(html)
  if (!halves) {
    // The built page links its assets relative to /emulator/; the emulator serves them from /assets/.
    const page = html.replace(/(src|href)="(?:\.\.\/)+assets\//g, '$1="/assets/')
    const head = page.indexOf('</head>')
    const at = head < 0 ? 0 : head
    halves = [
      Buffer.from(`${page.slice(0, at)}<script type="application/json" id="ewb-bootstrap">`, 'utf8'),
      Buffer.from(`</script>${page.slice(at)}`, 'utf8')
    ]
    if (pageHalves.size > 8) pageHalves.clear()
    pageHalves.set(html, halves)
  }
  return halves
}

/** The workbook page: the built page with its bootstrap JSON injected (escaped, never executed). */
async function workbookPage(pageDir: string, bootstrap: WorkbookBootstrap): Promise<Buffer> {
  let html = await pageTemplate(pageDir)
  if (html === null) {
    // Not built (unit tests run without a build): a plain page that still carries the verdict.
    const text = bootstrap.error
      ? `${bootstrap.error.message} (${bootstrap.error.code})`
      : `${bootstrap.session?.workbookName ?? ''}`
    html = `<!doctype html><html><head><meta charset="utf-8"><title>Embed Workbench emulator</title></head><body><p id="ewb-fallback">${escapeHtml(text)}</p></body></html>`
  }
  const [head, tail] = halvesOf(html)
  return Buffer.concat([head, ...bootstrapBytes(bootstrap), tail])
}

/** User attributes whose name matches a column (Region -> region) filter the rows. */
export function rowLevelSecurity(attributes: Record<string, string[]>): Record<string, string[]> {
  const columns = new Set(['date', 'region', 'store', 'product'])
  return Object.fromEntries(
    Object.entries(attributes)
      .filter(([name]) => columns.has(name.toLowerCase()))
      .map(([name, values]) => [name.toLowerCase(), values])
  )
}

export function filterRows(rows: SalesRow[], filter: Record<string, string[]>): SalesRow[] {
  const entries = Object.entries(filter)
  return entries.length
    ? rows.filter((row) => entries.every(([column, values]) => values.includes(String(row[column as keyof SalesRow]))))
    : rows
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string>
): void {
  // One write with its length (not chunked).
  response.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length)
  })
  response.end(body)
}

/**
 * A flood of bad signatures must not stall the process that also answers the app: each request
 * gets the emulator's forensics budget, and all of them together at most 100 ms of verification
 * per second; past that, forensics is skipped (and the finding says its budget ran out).
 */
function forensicsAllowance() {
  const WINDOW_MS = 1000
  const PER_WINDOW_MS = 100
  let windowStart = performance.now()
  let used = 0
  const roll = () => {
    const t = performance.now()
    if (t - windowStart >= WINDOW_MS) {
      windowStart = t
      used = 0
    }
  }
  return {
    budget(): ForensicsBudget {
      roll()
      const left = Math.max(0, PER_WINDOW_MS - used)
      return left >= emulatorForensicsBudget.maxMs
        ? emulatorForensicsBudget
        : { maxBytes: left > 0 ? 64 * 1024 : 0, maxMs: left }
    },
    spent(ms: number) {
      roll()
      used += ms
    }
  }
}
