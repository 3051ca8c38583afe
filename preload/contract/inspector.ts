/** The inspector: what an embed URL or JWT says, what is wrong with it, and diffs of two URLs. */
import { z } from 'zod'
import type { severities } from './constants'
import { channel, MAX_PASTE, text } from './schema'

export type Severity = (typeof severities)[number]

/** One thing the inspector (or the emulator) has to say about an embed URL. */
export interface Finding {
  /** Stable code, e.g. SIGNATURE_INVALID. Tests, the CLI and the emulator switch on it. */
  code: string
  severity: Severity
  /** The parameter or claim it is about (":email", "exp"), or null for the URL as a whole. */
  param: string | null
  message: string
  fix: string
}

export interface InspectedParam {
  /** Where it lives: a URL parameter, a JWT header field or a JWT claim. */
  source: 'url' | 'jwt-header' | 'jwt-claim'
  name: string
  raw: string
  value: string
  meaning: string
  /** The public source of that meaning (a help page, a vendor sample); null when nothing documents it. */
  reference: string | null
  /** The worst finding about this parameter, or 'ok'. */
  check: 'ok' | Severity
}

export interface Inspection {
  method: 'url' | 'jwt' | 'unknown'
  signature: 'valid' | 'invalid' | 'unchecked'
  /** Which stored credential the signature verified with (name), when it did. */
  verifiedWith?: string
  findings: Finding[]
  params: InspectedParam[]
  /** What forensics tried when the signature did not verify. */
  ruledOut: string[]
  /** "Now" as the inspection used it (Unix seconds), after time travel. */
  now: number
  /** A JWT's three segments as given, and its header and payload decoded (pretty JSON). */
  jwt?: { segments: [string, string, string]; header: string; payload: string }
}

export interface ParamDiff {
  name: string
  status: 'same' | 'changed' | 'only-left' | 'only-right' | 'moved'
  left: string | null
  right: string | null
  rawLeft: string | null
  rawRight: string | null
}

export interface UrlDiff {
  baseLeft: string
  baseRight: string
  params: ParamDiff[]
}

// The emulator of the embed host

/** Inspecting and diffing pasted URLs. */
export const inspectorChannels = {
  inspectEmbed: channel<Inspection>()(
    z
      .object({
        input: text(MAX_PASTE),
        /** Time travel: inspect as if now were this Unix time. */
        now: z.number().int().min(0).max(1e13).optional(),
        /**
         * A secret typed for this inspection only (jwt.io style): the signature is checked with it
         * too. Never stored, never returned, never logged.
         */
        secret: z.string().min(1).max(1024).optional()
      })
      .strict()
  ),
  /**
   * Edit and re-sign: the input with parameters or claims changed, signed again with a stored
   * credential or a secret typed for it (never stored), then inspected.
   */
  resignEmbed: channel<{ output: string; inspection: Inspection }>()(
    z
      .object({
        input: text(MAX_PASTE),
        edits: z
          .array(
            z
              .object({
                source: z.enum(['url', 'jwt-claim']),
                name: z.string().min(1).max(500),
                value: z.string().max(10_000).nullable()
              })
              .strict()
          )
          .max(200),
        credentialId: z.string().min(1).max(100).optional(),
        secret: z.string().min(1).max(1024).optional()
      })
      .strict()
      .refine((v) => (v.credentialId === undefined) !== (v.secret === undefined), {
        message: 'Choose a stored credential or type a secret to sign with (one of the two).',
        path: ['credentialId']
      })
  ),
  diffEmbedUrls: channel<UrlDiff>()(z.object({ left: text(MAX_PASTE), right: text(MAX_PASTE) }).strict())
} as const
