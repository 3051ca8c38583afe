/**
 * The emulator standing in for the real host: the TLS front that answers as the vendor's host
 * names (a certificate from the app's local CA), the names each listener serves, and which parent
 * pages may frame the workbook page.
 */
import type { IncomingMessage } from 'node:http'

/** Parents the workbook page may always be framed by: the app itself and local parent apps. */
export const DEFAULT_PARENTS = ['app://workbench', 'http://127.0.0.1:*', 'http://localhost:*'] as const

export interface FrontOptions {
  /** The vendor host names served, e.g. app.sigmacomputing.com. */
  hostnames: string[]
  port: number
  keyPem: string
  /** The leaf certificate, then the CA's: a client can pin either's SPKI. */
  certChainPem: string
}

/** An https origin of the vendor's host (or another name to serve as), as its host name. */
export function servedHostname(origin: string): string | { problem: string } {
  let url: URL
  try {
    url = new URL(origin.trim())
  } catch {
    return { problem: `"${origin}" is not a URL. Give the host as an origin, e.g. https://app.sigmacomputing.com.` }
  }
  if (url.protocol !== 'https:')
    return { problem: `${url.origin} is not https: the real host is served over https only.` }
  if (url.port) return { problem: `${url.origin}: give the host without a port; the TLS port is a setting of its own.` }
  if (url.pathname !== '/' || url.search || url.hash)
    return { problem: `${origin}: give only the origin (scheme and host), e.g. https://app.sigmacomputing.com.` }
  return url.hostname
}

/** The Host values a listener answers to: its loopback names on its port, and the served names. */
export function servedHosts(port: number, hostnames: readonly string[] = []): Set<string> {
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
  for (const h of hostnames) {
    names.add(h.toLowerCase())
    names.add(`${h.toLowerCase()}:${port}`)
    names.add(`${h.toLowerCase()}:443`)
  }
  return names
}

/** Whether an origin matches a CSP-style source: an exact origin, or `scheme://host:*`. */
function matches(origin: string, pattern: string): boolean {
  if (pattern.endsWith(':*')) {
    const base = pattern.slice(0, -2)
    return origin === base || (origin.startsWith(`${base}:`) && /^\d+$/.test(origin.slice(base.length + 1)))
  }
  return origin === pattern
}

export function frameAncestors(parents: readonly string[]): string {
  return ["'self'", ...DEFAULT_PARENTS, ...parents].join(' ')
}

/**
 * The page that frames this request, when the browser says it is a frame load and names its
 * parent (Referer, which browsers send cross-origin as the origin unless the parent forbids it).
 * `allowed` is false only when a parent is named and is not allowed: without a Referer the
 * request goes on, and the page's frame-ancestors policy still keeps it out of a foreign parent.
 */
export function parentOf(
  request: IncomingMessage,
  selfOrigin: string,
  parents: readonly string[]
): { parent: string | null; allowed: boolean } {
  if (request.headers['sec-fetch-dest'] !== 'iframe') return { parent: null, allowed: true }
  const referer = request.headers.referer
  if (!referer) return { parent: null, allowed: true }
  let origin: string
  try {
    origin = new URL(referer).origin
  } catch {
    return { parent: null, allowed: true }
  }
  if (origin === selfOrigin) return { parent: origin, allowed: true }
  return { parent: origin, allowed: [...DEFAULT_PARENTS, ...parents].some((p) => matches(origin, p)) }
}
