/**
 * A HAR through the full import path (stream-json tokenizing in 2 MB slices, zod per entry,
 * finding embed requests, judging each with the inspector, the sequence) beside bare JSON.parse of
 * the same text, and 300 embed loads beside the inspector alone on the same URLs, in the same run.
 */
import { bench, describe } from 'vitest'
import { harAnalysis } from '../../main/har/har-import'
import { inspectEmbed } from '../../main/inspector/inspector'
import { CLIENT_ID, SECRET } from '../fixtures/embed'
import { entry, har, signedUrl, T0 } from '../fixtures/har'

const credentials = [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' as const }]
const padding = 'x'.repeat(40_000)
const assets = Array.from({ length: 500 }, (_, i) =>
  entry({ at: T0 + i, url: `https://cdn.example/${i}.js`, mimeType: 'text/javascript', body: padding })
)
const big = har([...assets, entry({ at: T0 + 600, url: signedUrl(T0 + 600) })]) // ~20 MB
const loads = Array.from({ length: 300 }, (_, i) => signedUrl(T0 + i))
const many = har(loads.map((url, i) => entry({ at: T0 + i, url })))
const SLICE = 2 * 1024 * 1024

async function judge(text: string) {
  const analysis = harAnalysis({ credentials: async () => credentials }, { fileName: 'b.har', bytes: text.length })
  for (let i = 0; i < text.length; i += SLICE) await analysis.write(text.slice(i, i + SLICE))
  return analysis.finish()
}

describe(`a ${Math.round(big.length / 1e6)} MB HAR with one embed load`, () => {
  bench('bare JSON.parse of the same text (baseline)', () => {
    JSON.parse(big)
  })
  bench('HAR import: stream, find, judge', async () => {
    await judge(big)
  })
})

describe('300 embed loads', () => {
  bench('the inspector alone on the same 300 URLs (baseline)', () => {
    for (let i = 0; i < loads.length; i++) inspectEmbed(loads[i]!, { credentials, now: T0 + i })
  })
  bench('HAR import of the 300 loads: stream, find, judge, sequence', async () => {
    await judge(many)
  })
})
