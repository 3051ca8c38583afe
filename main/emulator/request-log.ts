/**
 * The emulator's request log: each request's verdict as the app shows it (the URL with its
 * signature redacted, never a usable URL), and for recent ones the inspection behind the verdict,
 * so a log row opens in the Inspector with the very findings the emulator answered with.
 */
import type { EmulatorRequest, Inspection } from '../../preload/contract'
import { inspectEmbed } from '../inspector/inspector'
import { defaultLimits } from '../protocol/parameters'

export const LOG_LIMIT = 500
/** What the kept inspections may hold in all (about three copies of each URL). */
const INSPECTION_BYTES = 16 * 1024 * 1024

/** A URL's signature (and a JWT's) cut to its first characters: the log never holds a usable URL. */
export function redactUrl(url: string): string {
  return url
    .replace(
      /((?:^|[?&])(?::|%3A)signature=)([^&#]*)/i,
      (_m, name: string, value: string) => `${name}${value.slice(0, 6)}…`
    )
    .replace(
      /((?:^|[?&])(?::|%3A)jwt=)([^.&#]*\.[^.&#]*\.)([^&#]*)/i,
      (_m, name: string, body: string) => `${name}${body}…`
    )
}

/** The inspection with the same redaction: the signature's and the JWT's values cut. */
function redactInspection(inspection: Inspection): Inspection {
  return {
    ...inspection,
    params: inspection.params.map((p) => {
      if (p.source !== 'url') return p
      if (p.name === ':signature')
        return { ...p, raw: redactUrl(`?${p.raw}`).slice(1), value: `${p.value.slice(0, 6)}…` }
      if (p.name === ':jwt') {
        const body = /^[^.]*\.[^.]*\./.exec(p.value)?.[0]
        return body ? { ...p, raw: redactUrl(`?${p.raw}`).slice(1), value: `${body}…` } : p
      }
      return p
    })
  }
}

export interface OpenedRequest {
  request: EmulatorRequest
  /** The inspection behind the verdict, with the findings the emulator answered with. */
  inspection: Inspection
}

export function createRequestLog() {
  const log: EmulatorRequest[] = []
  const inspections = new Map<number, { inspection: Inspection; bytes: number }>()
  let bytes = 0
  let nextId = 1

  const forget = (id: number) => {
    const kept = inspections.get(id)
    if (!kept) return
    bytes -= kept.bytes
    inspections.delete(id)
  }

  return {
    /** Logs a request; `received` is the URL as received, used only to size what is kept. */
    record(entry: Omit<EmulatorRequest, 'id'>, inspection: Inspection | null, received: string): EmulatorRequest {
      const full: EmulatorRequest = { id: nextId++, ...entry }
      log.push(full)
      if (log.length > LOG_LIMIT) forget(log.shift()!.id)
      if (inspection) {
        const size = received.length * 3
        inspections.set(full.id, { inspection: redactInspection(inspection), bytes: size })
        bytes += size
        for (const id of inspections.keys()) {
          if (bytes <= INSPECTION_BYTES) break
          forget(id)
        }
      }
      return full
    },

    list: (sinceId = 0) => log.filter((e) => e.id > sinceId),

    /**
     * The request as the emulator judged it: its findings, over the inspection kept with it, or
     * (for a path that named nothing, or one whose inspection no longer fits) over the redacted
     * URL's own structure. Null once the request has left the log.
     */
    open(id: number): OpenedRequest | null {
      const request = log.find((e) => e.id === id)
      if (!request) return null
      const kept = inspections.get(id)?.inspection
      const base =
        kept ??
        inspectEmbed(request.url, {
          credentials: [],
          now: Math.floor(Date.parse(request.at) / 1000),
          limits: defaultLimits,
          forensicsBudget: { maxBytes: 0, maxMs: 0 }
        })
      return { request, inspection: { ...base, findings: request.findings } }
    }
  }
}
