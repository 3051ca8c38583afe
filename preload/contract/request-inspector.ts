/** The request inspector: a signed API request a customer already sent, judged against the stored credentials. */
import { z } from 'zod'
import { channel, id, MAX_PASTE, text } from './schema'

/** How the request authenticates, as read from it. */
export type RequestSchemeKind = 'basic' | 'bearer' | 'header-key' | 'sigv4-header' | 'sigv4-query' | 'hmac' | 'none'

/** What changed after signing, found by undoing one usual change on the way at a time. */
export interface RequestChange {
  /** "header content-type", "path", "path rule", "query", "body". */
  part: string
  /** What the signature matches, and what arrived. */
  signed: string
  arrived: string
  sentence: string
  /** The canonical request (or string to sign) line that differs: its number and both texts. */
  line: { line: number; signed: string; arrived: string } | null
  of: 'canonical request' | 'string to sign'
}

/** Where a SigV4 signature was, what it says it signed, and when. */
export interface SigV4Facts {
  in: 'header' | 'query'
  accessKeyId: string
  scope: string
  signedHeaders: string[]
  signature: string
  /** X-Amz-Date, and for a presigned URL when it stops being valid (ISO). */
  signedAt: string
  expiresAt: string | null
}

export interface RequestInspection {
  /** What the paste was read as. */
  source: 'http' | 'curl' | 'har-entry' | 'har'
  /** A HAR: its entries that carry authentication (the one judged is `entry`). */
  harEntries: { index: number; method: string; url: string; status: number | null; carries: string }[]
  entry: number | null
  /** The request as read, every secret value masked. */
  request: {
    method: string
    url: string
    headers: [string, string][]
    body: string
    bodyBytes: number
    sentAt: string | null
  }
  scheme: { kind: RequestSchemeKind; label: string }
  /** The stored credential it was judged against, and how it was chosen; null when none fits. */
  credential: { id: string; name: string; org: string | null; matchedBy: string } | null
  /** Other stored credentials of the same scheme that were tried, and why they were not it. */
  tried: { name: string; org: string | null; why: string }[]
  /** The time it was judged as of, and where that time came from. */
  asOf: { at: string; from: 'given' | 'har' | 'date-header' | 'signed-time' | 'now'; explanation: string }
  ok: boolean
  /** What is wrong, one sentence each, as the verification server says it. Empty when ok. */
  problems: string[]
  sigv4: SigV4Facts | null
  /** The canonical request / string to sign computed from the request as it arrived. */
  canonicalRequest: string | null
  stringToSign: string | null
  /** What changed after signing, when one usual change explains the mismatch. */
  change: RequestChange | null
  /** How many such changes were tried (0 when the signature matched or was not checked). */
  changesTried: number
  /** The client's canonical request (pasted from its log) against the one computed, line by line. */
  clientDiff: { line: number; client: string; server: string }[] | null
  /** Whether the pasted client canonical request hashes to the request's signature (it is what was signed). */
  clientCanonicalSigned: boolean | null
  notes: string[]
}

export const requestInspectorChannels = {
  /** Reads a raw HTTP request, a cURL command or a HAR and judges its authentication. Nothing is stored. */
  inspectApiRequest: channel<RequestInspection>()(
    z
      .object({
        text: text(MAX_PASTE),
        /** A HAR: the index (in log.entries) of the entry to judge; the first that carries authentication when left out. */
        entry: z.number().int().min(0).max(10_000_000).optional(),
        /** Judge as of this time (Unix seconds) instead of the request's own. */
        asOf: z.number().int().min(0).max(1e11).optional(),
        /** Judge against this stored credential (and organization) instead of the one the request names. */
        credentialId: id.optional(),
        org: text(200).optional(),
        /** The client's canonical request or string to sign, from its log, to compare line by line. */
        clientCanonical: text(1_000_000).optional(),
        maxSkewSeconds: z.number().int().min(0).max(86_400).default(300)
      })
      .strict()
  )
} as const
