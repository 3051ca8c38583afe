/**
 * JSON store files: one schema each, read with validation, written atomically through
 * electron-store (in Electron) or conf (under plain Node). A file that cannot be used is moved
 * aside with a timestamp, never overwritten, and the user is told where it went.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import Conf from 'conf'
import type { Notice } from '../../preload/contract'

/** Where a store file lives and how it is written (atomically: temporary file + rename). */
export interface BackingStore {
  readonly path: string
  write(data: Record<string, unknown>): void
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
  return {
    path: conf.path,
    write: (data) => {
      conf.store = data
    }
  }
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

function asidePath(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let candidate = `${path}.corrupt-${stamp}`
  for (let n = 1; existsSync(candidate); n++) candidate = `${path}.corrupt-${stamp}-${n}`
  return candidate
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'top level'}: ${issue.message}`)
    .join('; ')
}
