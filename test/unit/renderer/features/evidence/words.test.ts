import { describe, expect, it } from 'vitest'
import type { HarEmbedRequest, HarReport } from '../../../../../preload/contract'
import { filteredRows, rowOfEntry, startedSeconds } from '../../../../../renderer/src/features/evidence/words'

const request = (index: number, verdict: HarEmbedRequest['verdict'], codes: string[] = []): HarEmbedRequest => ({
  index,
  startedDateTime: '2026-09-21T14:13:20.250Z',
  method: 'GET',
  url: 'https://app.example.com/embed/1',
  kind: 'embed-url',
  embed: 'https://app.example.com/embed/1',
  foundAt: null,
  embedMethod: 'url',
  signature: 'valid',
  verifiedWith: null,
  oneTimeId: null,
  status: 200,
  statusText: 'OK',
  hostCode: null,
  hostMessage: null,
  timeMs: 12,
  verdict,
  findings: codes.map((code) => ({ code, severity: 'error', param: null, message: '', fix: '' }))
})

const report = (requests: HarEmbedRequest[]): HarReport => ({
  fileName: 'a.har',
  bytes: 1,
  creator: null,
  browser: null,
  pages: 1,
  entries: 9,
  truncated: false,
  problems: [],
  requests,
  sequence: [],
  credentialsTried: 0,
  summary: { requests: requests.length, errors: 0, warnings: 0, ok: 0 }
})

describe('the timeline’s rows', () => {
  // Entry 4 holds two requests (a redirect and a load): rows are positions, not entry indexes.
  const shown = report([
    request(1, 'ok'),
    request(4, 'ok'),
    request(4, 'error', ['NONCE_REUSED']),
    request(7, 'warning')
  ])

  it('a filter keeps the positions of the rows with that verdict', () => {
    expect(filteredRows(shown, 'all')).toEqual([0, 1, 2, 3])
    expect(filteredRows(shown, 'error')).toEqual([2])
    expect(filteredRows(shown, 'warning')).toEqual([3])
    expect(filteredRows(shown, 'ok')).toEqual([0, 1])
  })

  it('an entry a sequence finding names is the row of that entry the finding is on, else its first', () => {
    expect(rowOfEntry(shown, 4, 'NONCE_REUSED')).toBe(2)
    expect(rowOfEntry(shown, 4, 'CLOCK_SKEW')).toBe(1)
    expect(rowOfEntry(shown, 1, 'NONCE_REUSED')).toBe(0)
    expect(rowOfEntry(shown, 5, 'NONCE_REUSED')).toBeNull()
  })

  it('a request is inspected as of its own start, in Unix seconds', () => {
    expect(startedSeconds(request(1, 'ok'))).toBe(1_790_000_000)
    expect(startedSeconds({ ...request(1, 'ok'), startedDateTime: 'yesterday' })).toBeNull()
  })
})
