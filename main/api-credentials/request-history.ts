/**
 * The request runner's history and saved requests, one file per data folder (`requests.json`).
 * What may be a secret is never written: a header named like one, and a JSON or form body field
 * named like one, are kept empty and listed in `masked`, so restoring the request asks for them
 * again. The history keeps the newest 200 requests; saved ones stay until deleted.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { httpMethods, type Notice, type RequestHistoryEntry } from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import {
  confBackingStore,
  loadStoreFile,
  storeFilePath,
  type BackingStore,
  type BackingStoreFactory,
  writeStore
} from '../store/json-file'

export const REQUESTS_FILE_NAME = 'requests'
const HISTORY_KEPT = 200
const SAVED_KEPT = 500
const BODY_KEPT = 64 * 1024

/** Names that may carry a secret, in a header or a body field. */
const SECRET_NAME = /authorization|cookie|token|secret|password|passwd|api[-_]?key|private|credential|session/i

/** Whether a header or field name may carry a secret (the history leaves it out; the request inspector masks it). */
export function namedLikeSecret(name: string): boolean {
  return SECRET_NAME.test(name)
}

const entrySchema = z
  .object({
    id: z.string().min(1).max(100),
    at: z.string().max(40),
    credentialId: z.string().max(100),
    credentialName: z.string().max(200),
    org: z.string().max(200).nullable(),
    method: z.enum(httpMethods),
    path: z.string().max(8000),
    headers: z.array(z.object({ name: z.string().max(200), value: z.string().max(10_000) }).strict()).max(50),
    body: z.string().max(BODY_KEPT),
    status: z.number().int().nullable(),
    error: z.string().max(2000).nullable(),
    masked: z.array(z.string().max(300)).max(200),
    savedAs: z.string().max(200).nullable()
  })
  .strict()
const fileSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) }).strict()
type RequestsFile = z.infer<typeof fileSchema>

/** The body with fields named like secrets emptied (JSON objects at any depth, or a form). */
export function maskBody(body: string): { body: string; masked: string[] } {
  const masked: string[] = []
  const trimmed = body.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const walk = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(walk)
        if (value && typeof value === 'object')
          return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => {
              if (SECRET_NAME.test(key) && (typeof inner === 'string' || typeof inner === 'number')) {
                masked.push(`body field ${key}`)
                return [key, '']
              }
              return [key, walk(inner)]
            })
          )
        return value
      }
      const out = JSON.stringify(walk(JSON.parse(trimmed)), null, body.includes('\n') ? 2 : undefined)
      return { body: out, masked }
    } catch {
      // Not JSON after all: treated as text below.
    }
  }
  if (/^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*$/.test(trimmed)) {
    const form = new URLSearchParams(trimmed)
    let changed = false
    for (const key of new Set(form.keys()))
      if (SECRET_NAME.test(key)) {
        form.set(key, '')
        masked.push(`body field ${key}`)
        changed = true
      }
    return { body: changed ? form.toString() : body, masked }
  }
  return { body, masked }
}

export interface RecordedRequest {
  credentialId: string
  credentialName: string
  org: string | null
  method: RequestHistoryEntry['method']
  path: string
  headers: { name: string; value: string }[]
  body: string
  status: number | null
  error: string | null
}

export function openRequestHistory(options: { dataDir: string; backingStore?: BackingStoreFactory; clock?: Clock }) {
  const clock = options.clock ?? systemClock
  const loaded = loadStoreFile(
    storeFilePath(options.dataDir, REQUESTS_FILE_NAME),
    fileSchema,
    (): RequestsFile => ({ version: 1, entries: [] }),
    'request history',
    clock.now()
  )
  const store: BackingStore = (options.backingStore ?? confBackingStore)({
    cwd: options.dataDir,
    name: REQUESTS_FILE_NAME
  })
  let data = loaded.data

  const commit = (entries: RequestHistoryEntry[]) => {
    const next: RequestsFile = { version: 1, entries }
    writeStore(store, next, 'request history')
    data = next
    return list()
  }
  const list = (): RequestHistoryEntry[] => data.entries.map((entry) => structuredClone(entry))
  const find = (id: string) => {
    const entry = data.entries.find((e) => e.id === id)
    if (!entry) throw new WorkbenchError('INVALID_INPUT', 'That request is no longer in the history.', 'id')
    return entry
  }

  return {
    notices: loaded.notices as Notice[],
    list,

    /** Keeps a sent request (its possible secrets left out), newest first, bounded. */
    record(request: RecordedRequest): RequestHistoryEntry {
      const masked: string[] = []
      const headers = request.headers.map((h) => {
        if (!SECRET_NAME.test(h.name)) return h
        masked.push(`header ${h.name}`)
        return { name: h.name, value: '' }
      })
      const cut = request.body.length > BODY_KEPT ? request.body.slice(0, BODY_KEPT) : request.body
      const body = maskBody(cut)
      const entry: RequestHistoryEntry = {
        id: randomUUID(),
        at: clock.now().toISOString(),
        ...request,
        headers,
        body: body.body.slice(0, BODY_KEPT),
        error: request.error?.slice(0, 2000) ?? null,
        masked: [...masked, ...body.masked, ...(request.body.length > BODY_KEPT ? ['the body past 64 KB'] : [])],
        savedAs: null
      }
      const saved = data.entries.filter((e) => e.savedAs !== null)
      const history = data.entries.filter((e) => e.savedAs === null)
      const entries = [entry, ...history.slice(0, HISTORY_KEPT - 1)]
      commit([...entries, ...saved].sort((a, b) => b.at.localeCompare(a.at)))
      return entry
    },

    save(id: string, name: string | null): RequestHistoryEntry[] {
      const entry = find(id)
      const trimmed = name?.trim() ?? null
      if (trimmed === '') throw new WorkbenchError('INVALID_INPUT', 'Give the saved request a name.', 'name')
      if (trimmed && entry.savedAs === null && data.entries.filter((e) => e.savedAs !== null).length >= SAVED_KEPT)
        throw new WorkbenchError('INVALID_INPUT', `At most ${SAVED_KEPT} requests can be saved; delete one first.`)
      return commit(data.entries.map((e) => (e.id === id ? { ...e, savedAs: trimmed } : e)))
    },

    remove(id: string): RequestHistoryEntry[] {
      find(id)
      return commit(data.entries.filter((e) => e.id !== id))
    },

    clear(): RequestHistoryEntry[] {
      return commit(data.entries.filter((e) => e.savedAs !== null))
    }
  }
}

export type RequestHistory = ReturnType<typeof openRequestHistory>
