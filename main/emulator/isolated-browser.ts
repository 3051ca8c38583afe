/**
 * "Open in an isolated browser": a locally installed Chromium or Chrome started with the emulator's
 * flags (only the served names go to the emulator, its CA accepted) and a throwaway profile, on
 * the customer's parent app. Nothing is installed, no hosts file or trust store changes, and the
 * user's own browser profile is not touched.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WorkbenchError } from '../core/errors'

/** Where Chromium and Chrome usually live, after CHROMIUM_PATH / CHROME_PATH. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'
]

export function findBrowser(env: NodeJS.ProcessEnv): string | null {
  for (const path of [env['CHROMIUM_PATH'], env['CHROME_PATH'], ...CANDIDATES])
    if (path && existsSync(path)) return path
  return null
}

/** The parent app's address: http(s) or a local file, nothing a browser would run as a command. */
export function parentAppUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new WorkbenchError(
      'INVALID_INPUT',
      `"${raw}" is not a URL. Give the parent app's address, e.g. http://localhost:3000.`,
      'url'
    )
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol))
    throw new WorkbenchError('INVALID_INPUT', `${url.protocol} is not a page address: use http, https or file.`, 'url')
  return url
}

export function openIsolatedBrowser(options: { url: string; flags: readonly string[]; env: NodeJS.ProcessEnv }): {
  browser: string
  profile: string
} {
  const url = parentAppUrl(options.url).href
  const browser = findBrowser(options.env)
  if (!browser)
    throw new WorkbenchError(
      'INVALID_INPUT',
      'No Chromium or Chrome was found. Install one, or set CHROMIUM_PATH to it; or copy the command line below into a terminal.',
      'url'
    )
  const profile = mkdtempSync(join(tmpdir(), 'ewb-isolated-browser-'))
  const args = [
    ...options.flags,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium refuses to run as root with its sandbox (containers, CI machines).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    url
  ]
  const child = spawn(browser, args, { detached: true, stdio: 'ignore' })
  child.on('error', () => {})
  child.unref()
  return { browser, profile }
}
