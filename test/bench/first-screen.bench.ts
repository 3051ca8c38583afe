/**
 * The first screen, cold, in a real Chromium: Embed Workbench in browser mode (its built renderer,
 * served gzipped by its own host, the vault status asked over the bridge) beside a bare Vite +
 * React page built with the same Vite, React plugin and minifier and served gzipped the same way,
 * measured in the same run. "First screen" is the moment the passphrase field exists (the app's
 * first screen on a new data folder; the bare page renders one field), timed in the page from
 * navigation start, in a fresh browser context each time (nothing cached).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { afterAll, bench, describe } from 'vitest'
import { launchChromium, startHost } from '../e2e/harness'
import { recordRow } from './rows'

// Inside the repository, so React resolves from its node_modules as the app's does.
const cache = join(__dirname, '../../node_modules/.cache')
mkdirSync(cache, { recursive: true })
const bareRoot = mkdtempSync(join(cache, 'ewb-bench-bare-vite-'))
mkdirSync(join(bareRoot, 'src'))
writeFileSync(
  join(bareRoot, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Bare</title></head><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>'
)
writeFileSync(
  join(bareRoot, 'src/main.jsx'),
  `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
createRoot(document.getElementById('root')).render(
  <StrictMode><main><h1>Bare</h1><input data-testid="passphrase" /></main></StrictMode>
)`
)
await build({
  mode: 'production',
  root: bareRoot,
  logLevel: 'silent',
  plugins: [react()],
  build: { outDir: join(bareRoot, 'dist'), minify: true }
})

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
const bare = createServer((request, response) => {
  const path = join(bareRoot, 'dist', request.url === '/' ? 'index.html' : (request.url ?? '').split('?')[0]!)
  if (!existsSync(path)) return void response.writeHead(404).end()
  const bytes = readFileSync(path)
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && extname(path) !== '.html'
  const body = gzip ? gzipSync(bytes, { level: 6 }) : bytes
  response.writeHead(200, {
    'Content-Type': types[extname(path)] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {})
  })
  response.end(body)
})
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()))
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`

const host = await startHost()
const browser = await launchChromium()

/** Milliseconds from navigation start until the passphrase field exists, in a fresh context. */
async function firstScreen(url: string): Promise<number> {
  const context = await browser.newContext()
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="passphrase"]')) {
        ;(window as unknown as { firstScreen: number }).firstScreen = performance.now()
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })
  const page = await context.newPage()
  await page.goto(url)
  await page.getByTestId('passphrase').waitFor()
  const at = await page.evaluate(() => (window as unknown as { firstScreen: number }).firstScreen)
  await context.close()
  return at
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
// Warm the servers and the browser itself (its first context pays for its own start).
for (let i = 0; i < 2; i++) {
  await firstScreen(host.launchUrl)
  await firstScreen(bareUrl)
}
const ours: number[] = []
const floor: number[] = []
for (let i = 0; i < 15; i++) {
  floor.push(await firstScreen(bareUrl))
  ours.push(await firstScreen(host.launchUrl))
}
console.log(
  `first screen: ours ${ours.map((t) => t.toFixed(0)).join(' ')} ms; bare ${floor.map((t) => t.toFixed(0)).join(' ')} ms`
)
recordRow({
  group: 'first screen, cold, in Chromium (navigation start to the passphrase field)',
  operation: 'Embed Workbench in browser mode, median of 15',
  value: median(ours),
  floor: 'a bare Vite + React page, built and served the same way',
  floorValue: median(floor),
  target: 1.3
})

describe('a cold load as playwright sees it: new context, navigate, field visible', () => {
  bench('Embed Workbench in browser mode', async () => void (await firstScreen(host.launchUrl)), {
    iterations: 8,
    time: 0
  })
  bench('baseline: a bare Vite + React page', async () => void (await firstScreen(bareUrl)), {
    iterations: 8,
    time: 0
  })
})

afterAll(async () => {
  await browser.close()
  await host.stop()
  bare.close()
  rmSync(bareRoot, { recursive: true, force: true })
})
