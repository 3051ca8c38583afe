/**
 * One HAR read and judged: text in (from a file for the CLI, in slices over IPC for the app),
 * every embed request judged with the stored credentials, the report out.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { StringDecoder } from 'node:string_decoder'
import type { Finding, HarReport } from '../../preload/contract'
import { finding } from '../protocol/findings'
import type { ProtocolLimits } from '../protocol/parameters'
import type { KnownCredential } from '../inspector/inspector'
import { examineEntry, type Candidate, type EntryRecord } from './embed-requests'
import { judgeCandidates, sequenceFindings } from './har-analysis'
import { harReader } from './har-reader'

/** Kept per HAR: every entry's small record and every embed request, up to these many. */
const MAX_RECORDS = 500_000
const MAX_CANDIDATES = 5_000

export interface HarServiceDeps {
  /** The stored credentials to verify with (none when the vault is locked: structure-only checks). */
  credentials: () => Promise<KnownCredential[]>
  limits?: () => ProtocolLimits
}

/** One HAR being read: feed it text, then finish for the report. */
export function harAnalysis(deps: HarServiceDeps, file: { fileName: string; bytes: number }) {
  const records: EntryRecord[] = []
  const candidates: Candidate[] = []
  let droppedRecords = 0
  let droppedCandidates = 0
  let bytes = 0
  const reader = harReader((entry, index) => {
    const { record, candidates: found } = examineEntry(entry, index)
    if (records.length < MAX_RECORDS) records.push(record)
    else droppedRecords++
    for (const candidate of found) {
      if (candidates.length < MAX_CANDIDATES) candidates.push(candidate)
      else droppedCandidates++
    }
  })

  return {
    /** Bytes (UTF-8) read so far. */
    get bytes() {
      return bytes
    },
    async write(text: string) {
      bytes += Buffer.byteLength(text)
      await reader.write(text)
    },
    abort: () => reader.abort(),
    /** What the report was built from (for the repro bundle): every entry's record, every embed request. */
    evidence: () => ({ records, candidates }),
    async finish(): Promise<HarReport> {
      const read = await reader.end()
      const problems: Finding[] = []
      if (read.notHar) problems.push(finding('HAR_NOT_A_HAR', null, read.notHar))
      if (read.truncated)
        problems.push(
          finding(
            'HAR_TRUNCATED',
            null,
            `The file stops in the middle (after ${bytes.toLocaleString('en-US')} bytes): ${read.entries} complete entr${read.entries === 1 ? 'y was' : 'ies were'} read and judged; whatever came after the cut is missing.`
          )
        )
      if (read.damaged)
        problems.push(
          finding(
            'HAR_TRUNCATED',
            null,
            `The file's JSON breaks partway (${read.damaged}): the ${read.entries} complete entr${read.entries === 1 ? 'y' : 'ies'} before the break were read and judged; the rest could not be.`
          )
        )
      if (read.skipped.length)
        problems.push(
          finding(
            'HAR_ENTRY_UNREADABLE',
            null,
            `${read.skipped.length} entr${read.skipped.length === 1 ? 'y is' : 'ies are'} not a HAR entry and ${read.skipped.length === 1 ? 'was' : 'were'} left out: ${read.skipped
              .slice(0, 5)
              .map((s) => `#${s.index} (${s.reason})`)
              .join(', ')}${read.skipped.length > 5 ? '…' : ''}.`
          )
        )
      if (droppedRecords || droppedCandidates)
        problems.push(
          finding(
            'HAR_ENTRY_UNREADABLE',
            null,
            `The file is larger than one report holds: the first ${MAX_CANDIDATES.toLocaleString('en-US')} embed requests and ${MAX_RECORDS.toLocaleString('en-US')} entries were judged, ${droppedCandidates} embed requests and ${droppedRecords} entries after them were not.`
          )
        )
      if (!read.notHar && !candidates.length)
        problems.push(
          finding(
            'HAR_NO_EMBED_REQUESTS',
            null,
            `None of the ${read.entries} entries is an embed request (a signed or JWT embed URL, a redirect to one, or one in a response body).`
          )
        )
      const known = await deps.credentials()
      const byIndex = new Map(records.map((r) => [r.index, r]))
      const judged = judgeCandidates(
        candidates.filter((c) => byIndex.has(c.index)),
        byIndex,
        known,
        deps.limits?.()
      )
      const sequence = sequenceFindings(judged, records)
      const requests = judged.map((j) => j.request)
      return {
        fileName: file.fileName,
        bytes: Math.max(bytes, 0),
        creator: read.meta.creator,
        browser: read.meta.browser,
        pages: read.meta.pages,
        entries: read.entries,
        truncated: read.truncated || read.damaged !== null,
        problems,
        requests,
        sequence,
        credentialsTried: known.length,
        summary: {
          requests: requests.length,
          errors: requests.filter((r) => r.verdict === 'error').length,
          warnings: requests.filter((r) => r.verdict === 'warning').length,
          ok: requests.filter((r) => r.verdict === 'ok').length
        }
      }
    }
  }
}

/** A HAR file on disk, read as a stream (the CLI). */
export async function analyzeHarFile(
  deps: HarServiceDeps,
  path: string,
  onProgress?: (bytes: number, total: number) => void
): Promise<HarReport> {
  return (await harAnalysisOfFile(deps, path, onProgress)).finish()
}

/** A HAR file read to its end, not yet judged: finish() judges, evidence() is what it read. */
export async function harAnalysisOfFile(
  deps: HarServiceDeps,
  path: string,
  onProgress?: (bytes: number, total: number) => void
) {
  const total = (await stat(path)).size
  const analysis = harAnalysis(deps, { fileName: basename(path), bytes: total })
  const decoder = new StringDecoder('utf8')
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    await analysis.write(decoder.write(chunk as Buffer))
    onProgress?.(analysis.bytes, total)
  }
  await analysis.write(decoder.end())
  return analysis
}
