/**
 * The emulator under load on loopback: verified embed loads with concurrent clients, beside a bare
 * node:http server answering the same number of requests with the same bytes (one real page of the
 * emulator's), measured in the same run. Each vitest
 * iteration is one batch of CONCURRENCY requests; loads per second = hz x CONCURRENCY. Per-request
 * p50/p99 latency is printed for both before the benches run.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { runTempDir } from '../fixtures/temp'
import { openOrg } from '../../main/emulator/org'
import { startEmulator } from '../../main/emulator/server'
import { CLIENT_ID, SECRET } from '../fixtures/embed'

const CONCURRENCY = 16
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
const dir = runTempDir('ewb-bench-emulator-')
const emulator = await startEmulator({
  org: openOrg({ dataDir: dir }),
  credentials: async () => [{ name: 'Bench', clientId: CLIENT_ID, secret: SECRET, status: 'active' }],
  port: 0,
  pageDir: join(process.cwd(), 'out/renderer')
})
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

describe(`one batch of ${CONCURRENCY} concurrent loads on loopback`, () => {
  bench('emulator: verify signature, nonce, org, render the page', async () => {
    await batch(signedUrl)
  })
  bench('baseline: bare node:http server', async () => {
    await batch(() => bareUrl)
  })
})
