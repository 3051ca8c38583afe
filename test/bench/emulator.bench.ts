/**
 * The emulator under load on loopback, beside a bare node:http server sending the same bytes (one
 * real page of the emulator's), measured in the same run:
 * - autocannon, an external load generator in a process of its own (load-generator.mjs), at 16 and
 *   64 connections, every request a freshly signed URL: cost per load = 1 / loads per second;
 * - per-load cost as the number of distinct embed users grows (10, 100, 1,000, 10,000; each user
 *   seen once before the timed run, so 10,000 is past the 1,000 the emulator keeps);
 * - a vitest group: one batch of 16 concurrent loads from this process.
 */
import { execFile } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { bench, describe } from 'vitest'
import { runTempDir } from '../fixtures/temp'
import { openOrg } from '../../main/emulator/org'
import { startEmulator } from '../../main/emulator/server'
import { CLIENT_ID, SECRET } from '../fixtures/embed'
import { recordRow } from './rows'

const CONCURRENCY = 16
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
const EMBED_PATH = '/embed/1-3kxOdcUS4xsaEFdy1Wkwgn'
const freshEmulator = () =>
  startEmulator({
    org: openOrg({ dataDir: runTempDir('ewb-bench-emulator-') }),
    credentials: async () => [{ name: 'Bench', clientId: CLIENT_ID, secret: SECRET, status: 'active' }],
    port: 0,
    pageDir: join(process.cwd(), 'out/renderer')
  })
const emulator = await freshEmulator()
/** The baseline sends the same bytes the emulator answers a load with (one real page, fetched below). */
let page: Buffer = Buffer.from('<!doctype html><p>ok</p>')
const bare = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(page.length) })
  res.end(page)
})
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()))
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn`

function signedUrl(): string {
  const now = Math.floor(Date.now() / 1000)
  const unsigned = `${emulator.baseUrl}/embed/1-3kxOdcUS4xsaEFdy1Wkwgn?:nonce=${randomUUID()}&:client_id=${CLIENT_ID}&:email=bench@example.com&:external_user_id=bench&:external_user_team=Sales_People&:account_type=Viewer&:mode=userbacked&:session_length=3600&:time=${now}&:ua_Region=West`
  return `${unsigned}&:signature=${createHmac('sha256', SECRET).update(unsigned).digest('hex')}`
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    request(url, { agent }, (res) => {
      res.resume()
      res.on('end', () =>
        res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${res.statusCode}`))
      )
    })
      .on('error', reject)
      .end()
  })
}

async function batch(urls: () => string): Promise<number[]> {
  return Promise.all(Array.from({ length: CONCURRENCY }, () => get(urls())))
}

async function percentiles(label: string, urls: () => string, batches = 60) {
  const times: number[] = []
  const started = performance.now()
  for (let i = 0; i < batches; i++) times.push(...(await batch(urls)))
  const seconds = (performance.now() - started) / 1000
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2)
  return {
    label,
    requests: times.length,
    'p50 ms': at(0.5),
    'p99 ms': at(0.99),
    'per second': Math.round(times.length / seconds)
  }
}

page = await new Promise<Buffer>((resolve, reject) => {
  request(signedUrl(), { agent }, (res) => {
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.on('end', () => resolve(Buffer.concat(chunks)))
  })
    .on('error', reject)
    .end()
})
console.log(`The bare server sends the emulator's own page: ${(page.length / 1024).toFixed(0)} KB.`)

const rows = [
  await percentiles(`emulator: verified loads, ${CONCURRENCY} concurrent`, signedUrl),
  await percentiles(`bare node:http, ${CONCURRENCY} concurrent`, () => bareUrl)
]
console.table(rows)
console.log(
  `emulator / bare: p50 x${(Number(rows[0]!['p50 ms']) / Number(rows[1]!['p50 ms'])).toFixed(1)}, throughput ${(rows[0]!['per second'] / rows[1]!['per second']).toFixed(2)}`
)

interface Load {
  requests: number
  perSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  timeouts: number
}
const generator = join(__dirname, 'load-generator.mjs')
async function autocannon(
  origin: string,
  connections: number,
  users: number,
  run: { seconds?: number; amount?: number }
) {
  const { stdout } = await promisify(execFile)(process.execPath, [
    generator,
    JSON.stringify({
      origin,
      path: EMBED_PATH,
      secret: SECRET,
      clientId: CLIENT_ID,
      connections,
      users,
      seconds: 4,
      ...run
    })
  ])
  const load = JSON.parse(stdout) as Load
  if (load.non2xx || load.errors || load.timeouts) throw new Error(`load run failed: ${stdout}`)
  return load
}
const bareOrigin = new URL(bareUrl).origin
const SECONDS = 4
for (const connections of [16, 64]) {
  const floor = await autocannon(bareOrigin, connections, 10, { seconds: SECONDS })
  const load = await autocannon(emulator.baseUrl, connections, 10, { seconds: SECONDS })
  console.log(
    `autocannon, ${connections} connections: emulator ${load.perSecond}/s (p99 ${load.p99} ms), bare ${floor.perSecond}/s (p99 ${floor.p99} ms)`
  )
  recordRow({
    group: `emulator under autocannon, ${connections} connections (an external process)`,
    operation: `one verified load (${load.requests.toLocaleString('en-US')} in ${SECONDS} s, p99 ${load.p99} ms)`,
    value: 1000 / load.perSecond,
    floor: `bare node:http, same bytes, ${floor.perSecond.toLocaleString('en-US')}/s`,
    floorValue: 1000 / floor.perSecond,
    target: 4
  })
}

// Per-load cost by distinct embed users: a fresh emulator each, every user seen once first.
let tenUsers = 0
for (const users of [10, 100, 1000, 10_000]) {
  const server = users === 10 ? emulator : await freshEmulator()
  await autocannon(server.baseUrl, Math.min(16, users), users, { amount: users })
  const load = await autocannon(server.baseUrl, 16, users, { seconds: SECONDS })
  const cost = 1000 / load.perSecond
  if (users === 10) tenUsers = cost
  console.log(`${users} embed users: ${load.perSecond}/s`)
  recordRow({
    group: 'emulator, per-load cost by distinct embed users (16 connections)',
    operation: `${users.toLocaleString('en-US')} users`,
    value: cost,
    floor: 'the same with 10 users',
    floorValue: tenUsers,
    target: 1.5
  })
  if (server !== emulator) await server.close()
}

describe(`one batch of ${CONCURRENCY} concurrent loads on loopback, from this process (target: 4x)`, () => {
  bench('emulator: verify signature, nonce, org, render the page', async () => {
    await batch(signedUrl)
  })
  bench('baseline: bare node:http server', async () => {
    await batch(() => bareUrl)
  })
})
