/**
 * Serving the built renderer, shared by the Electron `app://` protocol and browser mode, so both
 * resolve paths (and refuse traversal) the same way and send the same security headers.
 */
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8'
}

const basePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'"
]

/**
 * The CSP meta tag of renderer/index.html: the static outer bound (frames only from loopback or
 * https). The header below narrows frame-src to the exact emulator and configured hosts; a page
 * gets the intersection of both.
 */
export const appMetaContentSecurityPolicy = [...basePolicy, 'frame-src http://127.0.0.1:* https:'].join('; ')

/** The app page's Content-Security-Policy header: preview frames only from these origins. */
export function appContentSecurityPolicy(frameOrigins: readonly string[] = []): string {
  return [
    ...basePolicy,
    `frame-src ${frameOrigins.length ? frameOrigins.join(' ') : "'none'"}`,
    "frame-ancestors 'none'"
  ].join('; ')
}

export function securityHeaders(frameOrigins: readonly string[] = []): Record<string, string> {
  return { ...staticHeaders, 'Content-Security-Policy': appContentSecurityPolicy(frameOrigins) }
}

const staticHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store'
}

/**
 * Maps a URL path to a file under `root`, or null when it would leave the root, names a hidden
 * file, or is not a path at all. `/` maps to index.html.
 */
export function resolveAppFile(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  // No dot segments at all: not "..", not hidden files. Nothing the build emits needs them.
  if (decoded.split('/').some((part) => part.startsWith('.'))) return null
  const relative = normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded)
  const base = resolve(root)
  const full = resolve(join(base, relative))
  return full === base || !full.startsWith(base + sep) ? null : full
}

export interface AppFile {
  body: Buffer
  contentType: string
}

export async function readAppFile(root: string, urlPath: string): Promise<AppFile | null> {
  const file = resolveAppFile(root, urlPath)
  if (!file) return null
  try {
    const body = await readFile(file)
    return { body, contentType: contentTypes[extname(file)] ?? 'application/octet-stream' }
  } catch {
    return null
  }
}
