/**
 * Customer evidence: a HAR file read whole (streamed in chunks, with progress and cancel), every
 * embed request in it found and judged, and what only the sequence shows.
 */
import { z } from 'zod'
import type { Finding, Inspection } from './inspector'
import { HAR_CHUNK_CHARS } from './constants'
import { channel, id, MAX_PASTE, name, noInput, text } from './schema'

/** How an embed request appears in the HAR. */
export type HarRequestKind =
  /** A request for an embed URL (the iframe's navigation, or any GET of it). */
  | 'embed-url'
  /** A redirect (3xx) whose Location is an embed URL. */
  | 'redirect'
  /** An embed URL or JWT inside a response body (the parent's own embed API). */
  | 'api-response'

/** A finding that only the sequence shows, with the HAR entries it is about. */
export interface SequenceFinding extends Finding {
  /** Indexes of the HAR entries involved (in log.entries), the one it is reported on first. */
  entries: number[]
}

export interface HarEmbedRequest {
  /** The entry's index in log.entries. */
  index: number
  startedDateTime: string
  /** The HTTP method of the entry. */
  method: string
  /** The entry's request URL (clipped for display). */
  url: string
  kind: HarRequestKind
  /** What was judged: the embed URL or JWT (for api-response, the one found in the body). */
  embed: string
  /** Where in the body it was found (a JSON path such as `$.url`), for api-response. */
  foundAt: string | null
  embedMethod: Inspection['method']
  signature: Inspection['signature']
  /** The stored credential the signature verified with, when it did. */
  verifiedWith: string | null
  /** The nonce or jti. */
  oneTimeId: string | null
  /** The host's answer to this request: null for api-response (that is the parent's answer). */
  status: number | null
  statusText: string | null
  /** The code and message the host's page shows, when it shows one. */
  hostCode: string | null
  hostMessage: string | null
  /** Total time of the entry in milliseconds, when the HAR has it. */
  timeMs: number | null
  /** The worst finding: 'ok' when only info. */
  verdict: 'ok' | 'warning' | 'error'
  /** The inspector's findings (as of the request's own time), then the sequence's. */
  findings: Finding[]
}

export interface HarReport {
  fileName: string
  bytes: number
  /** The exporting tool and browser (log.creator, log.browser), when given. */
  creator: string | null
  browser: string | null
  pages: number
  /** Entries read (complete ones; a truncated file's last one is not counted). */
  entries: number
  /** The file stopped in the middle: what was read before the cut is judged. */
  truncated: boolean
  /** About the file itself: not a HAR, truncated, entries that could not be read. */
  problems: Finding[]
  requests: HarEmbedRequest[]
  sequence: SequenceFinding[]
  /** How many stored credentials were tried (none: structure-only checks). */
  credentialsTried: number
  summary: { requests: number; errors: number; warnings: number; ok: number }
}

/** A repro bundle made from the last report: the file's text and exactly what was removed. */
export interface HarBundleExport {
  fileName: string
  text: string
  removed: { where: string; what: string }[]
}

/** A bundle opened in a sandbox: judged again with a sandbox credential, compared per request. */
export interface HarReproResult {
  report: HarReport
  comparison: { index: number; expected: string[]; reproduced: string[]; missing: string[]; extra: string[] }[]
  /** Every request's findings came back (the codes that name a credential aside). */
  reproduced: boolean
  /** The workbench credential made for the sandbox (its secret never leaves main). */
  credential: { name: string; clientId: string }
}

export type HarChunkResult = { done: false; bytes: number } | { done: true; report: HarReport }

export const harChannels = {
  /** Starts reading a HAR (any import of this window still running is cancelled). */
  openHarImport: channel<{ importId: string }>()(
    z
      .object({
        fileName: name,
        bytes: z
          .number()
          .int()
          .min(0)
          .max(2 ** 40)
      })
      .strict()
  ),
  /** The next slice of the file's text; the last one answers with the report. */
  sendHarChunk: channel<HarChunkResult>()(
    z.object({ importId: id, text: text(HAR_CHUNK_CHARS), last: z.boolean() }).strict()
  ),
  cancelHarImport: channel<{ cancelled: boolean }>()(z.object({ importId: id }).strict()),
  /** The last report as a redacted repro bundle. */
  exportHarBundle: channel<HarBundleExport>()(noInput),
  /** Opens a repro bundle in a sandbox of its own. */
  openHarBundle: channel<HarReproResult>()(z.object({ text: text(MAX_PASTE) }).strict())
} as const
