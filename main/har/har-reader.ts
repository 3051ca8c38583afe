/**
 * Reads a HAR (HTTP Archive 1.2, as Chrome, Edge, Firefox and Safari export it) as a stream of
 * text: each entry is handed on as soon as it is complete, so a 200 MB file never has to sit in
 * memory whole, progress can be shown, and a file cut short still yields every entry before the
 * cut. har-frames.ts cuts the text into entries, JSON.parse reads each, zod checks what it holds.
 */
import { z } from 'zod'
import { harFramer } from './har-frames'

const header = z.object({ name: z.string(), value: z.string() })

/** What an entry must hold to be read; browsers add fields of their own (`_initiator`…), kept out. */
export const harEntrySchema = z.object({
  startedDateTime: z.string().max(100),
  time: z.number().nullish(),
  request: z.object({
    method: z.string().max(50),
    url: z.string(),
    headers: z.array(header).max(10_000).default([])
  }),
  response: z
    .object({
      status: z.number(),
      statusText: z.string().default(''),
      headers: z.array(header).max(10_000).default([]),
      content: z
        .object({
          mimeType: z.string().nullish(),
          // Firefox and Safari leave text out of bodies they did not keep; base64 for binary ones.
          text: z.string().nullish(),
          encoding: z.string().nullish()
        })
        .partial()
        .default({}),
      redirectURL: z.string().nullish()
    })
    .optional(),
  pageref: z.string().nullish()
})

export type HarEntry = z.infer<typeof harEntrySchema>

/** An entry with the body its request sent, for the request inspector (a signed body's hash); the embed import leaves bodies out. */
export const harEntryWithBodySchema = harEntrySchema.extend({
  request: harEntrySchema.shape.request.extend({
    postData: z.object({ text: z.string().nullish() }).partial().nullish()
  })
})

export type HarEntryWithBody = z.infer<typeof harEntryWithBodySchema>

export interface HarMeta {
  version: string | null
  creator: string | null
  browser: string | null
  pages: number
}

export interface HarReadResult {
  meta: HarMeta
  /** Complete entries read. */
  entries: number
  /** Entries that were complete JSON but not a HAR entry: their index and why. */
  skipped: { index: number; reason: string }[]
  /** The text stopped inside the JSON (a file cut short): everything before the cut was read. */
  truncated: boolean
  /** The text is not JSON at all, or JSON but no HAR. */
  notHar: string | null
  /** The JSON breaks partway (a bracket that closes nothing, an entry too large): why. */
  damaged: string | null
}

function describeCreator(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null
  const { name, version } = value as { name?: unknown; version?: unknown }
  if (typeof name !== 'string') return null
  return typeof version === 'string' && version ? `${name.slice(0, 100)} ${version.slice(0, 50)}` : name.slice(0, 100)
}

function parse(json: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(json) }
  } catch {
    return { ok: false }
  }
}

/**
 * A sink for HAR text: write slices, then `end()` for the result. `onEntry` gets every valid
 * entry with its index in log.entries, in order. `abort()` stops reading.
 */
export function harReader<E extends HarEntry = HarEntry>(
  onEntry: (entry: E, index: number) => void,
  schema: z.ZodType<E> = harEntrySchema as unknown as z.ZodType<E>
) {
  const meta: HarMeta = { version: null, creator: null, browser: null, pages: 0 }
  const skipped: HarReadResult['skipped'] = []
  let entries = 0
  let index = 0
  let aborted = false

  const framer = harFramer((kind, json) => {
    const parsed = parse(json)
    if (kind === 'entry') {
      const at = index++
      if (!parsed.ok) return void skipped.push({ index: at, reason: 'not valid JSON' })
      const entry = schema.safeParse(parsed.value)
      if (!entry.success)
        return void skipped.push({ index: at, reason: entry.error.issues[0]?.path.join('.') || 'not an entry' })
      entries++
      onEntry(entry.data, at)
    } else if (!parsed.ok) return
    else if (kind === 'page') meta.pages++
    else if (kind === 'version')
      meta.version = typeof parsed.value === 'string' ? parsed.value.slice(0, 20) : String(parsed.value).slice(0, 20)
    else if (kind === 'creator') meta.creator = describeCreator(parsed.value)
    else meta.browser = describeCreator(parsed.value)
  })

  return {
    /** Reads a slice; async so a caller can await each one like a stream write. */
    async write(text: string): Promise<void> {
      if (!aborted) framer.write(text)
    },
    async end(): Promise<HarReadResult> {
      const end = framer.end()
      const looksHar = meta.version !== null || entries > 0 || skipped.length > 0
      let notHar: string | null = null
      if (!end.sawText) notHar = 'The file is empty.'
      else if (end.error && !looksHar) notHar = `This is not a HAR file: it is not JSON (${end.error}).`
      else if (!end.error && !end.truncated && !looksHar)
        notHar = 'This is JSON, but not a HAR: it has no log.version and no log.entries.'
      const damaged = end.error && looksHar ? end.error : null
      return { meta, entries, skipped, truncated: end.truncated, notHar, damaged }
    },
    abort(): void {
      aborted = true
    }
  }
}
