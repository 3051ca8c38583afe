/**
 * JSON store files: one schema each, read with validation, written atomically through
 * electron-store (in Electron) or conf (under plain Node). A file that cannot be used is moved
 * aside with a timestamp, never overwritten, and the user is told where it went.
 */
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import Conf from 'conf'
import lockfile from 'proper-lockfile'
import type { Notice } from '../../preload/contract'
import { WorkbenchError } from '../core/errors'

/** Where a store file lives and how it is written (atomically: temporary file + rename). */
export interface BackingStore {
  readonly path: string
  write(data: Record<string, unknown>): void
}

/** Writes a store file, or refuses with STORE_WRITE_FAILED naming the file (`what` it holds). */
export function writeStore(store: BackingStore, data: Record<string, unknown>, what: string): void {
  try {
    store.write(data)
  } catch (error) {
    throw new WorkbenchError(
      'STORE_WRITE_FAILED',
      `Could not write the ${what} at ${store.path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Nothing was changed.`
    )
  }
}
export type BackingStoreFactory = (options: { cwd: string; name: string }) => BackingStore

/** conf under plain Node (browser mode, CLI, tests). Electron passes an electron-store factory. */
export const confBackingStore: BackingStoreFactory = ({ cwd, name }) => {
  const conf = new Conf<Record<string, unknown>>({
    cwd,
    configName: name,
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false
  })
  return { path: conf.path, write: (data) => writeWholeStore(conf, data) }
}

/**
 * Replaces a conf (or electron-store, which is conf) file's contents. conf's setter first re-reads
 * and parses the whole file to carry over its own "__internal__" key (its migrations' state) unless
 * the new value has one: a read and a parse as costly as the write. No store here uses conf's
 * migrations, so a non-enumerable "__internal__" on a copy of the value says there is nothing to
 * carry over, and JSON.stringify leaves it out of the file.
 */
export function writeWholeStore(conf: { store: Record<string, unknown> }, data: Record<string, unknown>): void {
  const value = { ...data }
  Object.defineProperty(value, '__internal__', { value: undefined, enumerable: false })
  conf.store = value
}

export function storeFilePath(dataDir: string, name: string): string {
  return join(dataDir, `${name}.json`)
}

export interface LoadedStoreFile<T> {
  data: T
  /** True when no file existed: the caller may seed defaults. */
  created: boolean
  notices: Notice[]
}

/**
 * Reads and validates a store file. A file that cannot be parsed or validated is moved aside with
 * a timestamp and `empty()` starts in its place; the notice says where the old file went. Throws
 * only when the bad file cannot even be moved aside.
 */
export function loadStoreFile<S extends z.ZodType>(
  path: string,
  schema: S,
  empty: () => z.output<S>,
  what: string,
  now: Date
): LoadedStoreFile<z.output<S>> {
  if (!existsSync(path)) return { data: empty(), created: true, notices: [] }
  let problem: string
  try {
    const text = readFileSync(path, 'utf8')
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return { data: parsed.data, created: false, notices: [] }
    problem = `it does not have the shape of a ${what} file (${describeIssues(parsed.error)})`
  } catch (error) {
    problem =
      error instanceof SyntaxError
        ? 'it is not valid JSON'
        : `it could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`
  }
  const aside = asidePath(path, now)
  try {
    renameSync(path, aside)
  } catch (error) {
    throw new Error(
      `The ${what} file ${path} is unusable because ${problem}, and it could not be moved aside (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Move or fix it by hand, then start again.`,
      { cause: error }
    )
  }
  return {
    data: empty(),
    created: false,
    notices: [
      {
        code: 'STORE_MOVED_ASIDE',
        severity: 'warning',
        message: `The ${what} file could not be used because ${problem}. It was moved to ${aside} and an empty ${what} was started. Nothing was deleted: restore the old file from there if you can repair it.`
      }
    ]
  }
}

function asidePath(path: string, now: Date, label: 'corrupt' | 'changed' = 'corrupt'): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let candidate = `${path}.${label}-${stamp}`
  for (let n = 1; existsSync(candidate); n++) candidate = `${path}.${label}-${stamp}-${n}`
  return candidate
}

/** Copies a file that is about to be replaced next to it, byte for byte; returns the copy's path. */
export function keepCopyAside(path: string, now: Date): string {
  const aside = asidePath(path, now, 'changed')
  copyFileSync(path, aside)
  return aside
}

/**
 * Identifies one version of a file: every atomic write replaces the inode, so a write by another
 * process changes it even within the same millisecond. Null when there is no file.
 */
export function fileStamp(path: string): string | null {
  try {
    const s = statSync(path)
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`
  } catch {
    return null
  }
}

/** Writes a small file atomically (temporary file + rename), readable by its owner only. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}-${Date.now()}`
  writeFileSync(temp, text, { mode: 0o600 })
  renameSync(temp, path)
}

/** Stale after this long without a refresh: a crashed process's lock blocks others no longer. */
const LOCK_STALE_MS = 10_000
const LOCK_WAIT_MS = 3_000
const sleeper = new Int32Array(new SharedArrayBuffer(4))

/**
 * Runs `fn` while this process is the only writer of `path` (proper-lockfile: a `<path>.lock`
 * folder, refreshed while held, taken over once stale). Waits up to 3 s for another process, then
 * says who holds it. Locks are held for one read-modify-write, a few milliseconds.
 */
export function withFileLock<T>(path: string, what: string, fn: () => T): T {
  const deadline = Date.now() + LOCK_WAIT_MS
  let release: () => void
  for (;;) {
    try {
      release = lockfile.lockSync(path, { realpath: false, stale: LOCK_STALE_MS })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > deadline) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
        throw new WorkbenchError(
          'STORE_BUSY',
          `Another Embed Workbench process (the desktop app, browser mode or the command line) is writing ${what} right now (${path}.lock). Nothing was changed: try again in a moment. If no other copy is running, the lock clears itself within ${LOCK_STALE_MS / 1000} seconds.`
        )
      }
      Atomics.wait(sleeper, 0, 0, 25)
    }
  }
  try {
    return fn()
  } finally {
    try {
      release()
    } catch {
      // Released already (taken over as stale): nothing of ours to remove.
    }
  }
}

/**
 * Removes temporary files a killed write left behind (`vault.json.tmp-…`: a full copy of the
 * file). Only ones older than a minute: a live writer finishes in milliseconds.
 */
export function removeStaleTempFiles(dataDir: string, now: Date): string[] {
  const removed: string[] = []
  let entries: string[]
  try {
    entries = readdirSync(dataDir)
  } catch {
    return removed
  }
  for (const name of entries) {
    if (!/\.json\.tmp-[0-9a-z-]+$/.test(name)) continue
    const path = join(dataDir, name)
    try {
      if (now.getTime() - statSync(path).mtimeMs < 60_000) continue
      unlinkSync(path)
      removed.push(name)
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'top level'}: ${issue.message}`)
    .join('; ')
}
