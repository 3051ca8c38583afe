import type { HarEmbedRequest, HarReport } from '../../../../preload/contract'

export type Verdict = HarEmbedRequest['verdict']
export type VerdictFilter = 'all' | Verdict

/** How the request appears in the HAR, in words. */
export const kindLabel: Record<HarEmbedRequest['kind'], string> = {
  'embed-url': 'Embed load',
  redirect: 'Redirect',
  'api-response': 'API response'
}

export const kindTitle: Record<HarEmbedRequest['kind'], string> = {
  'embed-url': 'A request for the embed URL: the iframe loading it (or any GET of it)',
  redirect: 'A redirect whose Location is the embed URL',
  'api-response': 'The embed URL or JWT inside a response body: what the parent’s embed API answered'
}

export const verdictLabel: Record<Verdict, string> = { error: 'Error', warning: 'Warning', ok: 'OK' }

export const embedMethodLabel: Record<HarEmbedRequest['embedMethod'], string> = {
  url: 'URL',
  jwt: 'JWT',
  unknown: '?'
}

export const signatureLabel: Record<HarEmbedRequest['signature'], string> = {
  valid: 'valid',
  invalid: 'invalid',
  unchecked: 'unchecked'
}

/** The request's start as Unix seconds, the "now" it is inspected as of; null when unreadable. */
export function startedSeconds(request: HarEmbedRequest): number | null {
  const ms = Date.parse(request.startedDateTime)
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null
}

/** The rows a filter shows, each with its position in report.requests (the row's identity). */
export function filteredRows(report: HarReport, filter: VerdictFilter): number[] {
  const rows: number[] = []
  report.requests.forEach((request, row) => {
    if (filter === 'all' || request.verdict === filter) rows.push(row)
  })
  return rows
}

/**
 * The row an entry of a sequence finding stands for: the request of that HAR entry the finding is
 * on (one entry can hold more than one, e.g. a redirect and a load), else its first one.
 */
export function rowOfEntry(report: HarReport, entry: number, code: string): number | null {
  let first: number | null = null
  for (const [row, request] of report.requests.entries()) {
    if (request.index !== entry) continue
    if (request.findings.some((finding) => finding.code === code)) return row
    first ??= row
  }
  return first
}
