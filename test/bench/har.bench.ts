/**
 * A HAR through the full import path (framed in 2 MB slices, JSON.parse and zod per entry,
 * finding embed requests, judging each with the inspector, the sequence) beside bare JSON.parse of
 * the same text, in the same run: a 20 MB file with one embed load, 300 embed loads beside the
 * inspector alone, and issue 15's figure, 10,000 entries of which 1,000 are embed requests
 * (printed as entries per second, and the peak memory of `embed-workbench har` on that file beside
 * a bare JSON.parse of it, each in a process of its own).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { harAnalysis } from '../../main/har/har-import'
import { inspectEmbed } from '../../main/inspector/inspector'
import { CLIENT_ID, SECRET } from '../fixtures/embed'
import { entry, har, signedUrl, T0 } from '../fixtures/har'
import { runTempDir } from '../fixtures/temp'

const credentials = [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' as const }]
const padding = 'x'.repeat(40_000)
const assets = Array.from({ length: 500 }, (_, i) =>
  entry({ at: T0 + i, url: `https://cdn.example/${i}.js`, mimeType: 'text/javascript', body: padding })
)
const big = har([...assets, entry({ at: T0 + 600, url: signedUrl(T0 + 600) })]) // ~20 MB
const loads = Array.from({ length: 300 }, (_, i) => signedUrl(T0 + i))
const many = har(loads.map((url, i) => entry({ at: T0 + i, url })))

// 10,000 entries: 9,000 ordinary requests, 500 embed API answers and the 500 loads of their URLs.
const tenThousand = har(
  Array.from({ length: 10_000 }, (_, i) => {
    if (i % 20 === 0) {
      const url = signedUrl(T0 + i)
      return entry({
        at: T0 + i,
        url: `https://customer.example/api/embed?i=${i}`,
        mimeType: 'application/json',
        body: JSON.stringify({ url })
      })
    }
    if (i % 20 === 1) return entry({ at: T0 + i, url: signedUrl(T0 + i - 1) })
    return entry({
      at: T0 + i,
      url: `https://cdn.example/asset/${i}.js`,
      mimeType: 'text/javascript',
      body: 'y'.repeat(2_000)
    })
  })
)
const SLICE = 2 * 1024 * 1024

async function judge(text: string) {
  const analysis = harAnalysis({ credentials: async () => credentials }, { fileName: 'b.har', bytes: text.length })
  for (let i = 0; i < text.length; i += SLICE) await analysis.write(text.slice(i, i + SLICE))
  return analysis.finish()
}

/**
 * Entries per second and memory, each in a process of its own (needs the build): the CLI's `har`
 * timed from after its modules load; its peak RSS above that loaded state, and its live heap
 * growth after a full GC; beside JSON.parse of the same file (peak RSS above a bare node).
 */
function measureTenThousand(): void {
  const cli = join(__dirname, '../../out/main/cli.js')
  if (!existsSync(cli)) return console.log('10,000-entry HAR: build first (npm run build) for these figures.')
  const file = join(runTempDir('ewb-bench-har-'), 'ten-thousand.har')
  writeFileSync(file, tenThousand)
  const size = statSync(file).size
  const node = (script: string, env: Record<string, string> = {}) =>
    JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', '-e', script, file], {
        env: { ...process.env, ...env },
        maxBuffer: 1 << 28
      }).toString()
    ) as { ms: number; peak: number; live: number }
  const mem = `const peakOf = () => process.resourceUsage().maxRSS * 1024; gc(); const rss0 = process.memoryUsage().rss; const heap0 = process.memoryUsage().heapUsed; const t = performance.now();`
  const done = `gc(); console.log(JSON.stringify({ ms: performance.now() - t, peak: peakOf() - rss0, live: process.memoryUsage().heapUsed - heap0 }))`
  const parse = node(
    `${mem} const v = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); ${done.replace('gc();', '')}`
  )
  // The CLI loads each command when it runs: a first run without a file (bad usage) loads `har`
  // and everything it uses, so what is timed and measured is the import, as before.
  const io = `{ stdout: (x) => out.push(x), stderr: () => {}, env: { S: process.env.S }, readStdin: () => '', now: () => 0 }`
  const har = node(
    `const cli = require(${JSON.stringify(cli)}); const out = []; cli.runCli(['har'], ${io}).then(() => { ${mem} cli.runCli(['har', process.argv[1], '--json', '--secret-env', 'S'], ${io}).then(() => { ${done} }) })`,
    { S: SECRET }
  )
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  const x = (bytes: number) => `${(bytes / size).toFixed(2)}x the file`
  console.log(
    [
      `10,000-entry HAR (${mb(size)}, 1,000 embed requests), each in a process of its own:`,
      `  embed-workbench har: ${Math.round(10_000 / (har.ms / 1000)).toLocaleString('en-US')} entries/s (${Math.round(har.ms)} ms, report printed); JSON.parse alone ${Math.round(parse.ms)} ms`,
      `  har: peak RSS +${mb(har.peak)} (${x(har.peak)}), live heap after GC +${mb(har.live)} (${x(har.live)}, the report included)`,
      `  JSON.parse: peak RSS +${mb(parse.peak)} (${x(parse.peak)}), live heap +${mb(parse.live)} (${x(parse.live)})`
    ].join('\n')
  )
}
measureTenThousand()

describe(`a ${Math.round(big.length / 1e6)} MB HAR with one embed load`, () => {
  bench('baseline: bare JSON.parse of the same text', () => {
    JSON.parse(big)
  })
  bench('HAR import: stream, find, judge', async () => {
    await judge(big)
  })
})

describe('300 embed loads', () => {
  bench('baseline: the inspector alone on the same 300 URLs', () => {
    for (let i = 0; i < loads.length; i++) inspectEmbed(loads[i]!, { credentials, now: T0 + i })
  })
  bench('HAR import of the 300 loads: stream, find, judge, sequence', async () => {
    await judge(many)
  })
})

describe('10,000 entries, 1,000 of them embed requests', () => {
  bench('baseline: bare JSON.parse of the same text', () => {
    JSON.parse(tenThousand)
  })
  bench('HAR import: stream, find, judge, sequence', async () => {
    await judge(tenThousand)
  })
})
