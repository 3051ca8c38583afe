/**
 * `npm run browser`: runs the app's main-process services under plain Node and serves the app on
 * 127.0.0.1. Options: --port N (default 4780; 0 picks a free port), --data-dir D.
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBrowserHost } from './host'
import { createHandlers, createServices } from '../services'
import { defaultDataDir } from '../store/paths'

const DEFAULT_PORT = 4780

async function main(): Promise<number> {
  let values: { port?: string; 'data-dir'?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true
    }))
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run browser -- [--port N] [--data-dir DIR]`)
    return 2
  }
  if (values.help) {
    console.log(
      "Usage: npm run browser -- [--port N] [--data-dir DIR]\n  --port N       port on 127.0.0.1 (default 4780, or EWB_PORT; 0 = any free port)\n  --data-dir D   where the vault lives (default: the desktop app's data folder, or EWB_DATA_DIR)"
    )
    return 0
  }
  const portText = values.port ?? process.env['EWB_PORT'] ?? String(DEFAULT_PORT)
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${portText}".`)
    return 2
  }
  const dataDir = values['data-dir'] ?? process.env['EWB_DATA_DIR'] ?? defaultDataDir()
  let services
  try {
    services = await createServices({ dataDir, rendererDir: join(__dirname, '../renderer') })
    await services.emulator.start()
  } catch (error) {
    console.error(`Could not open the vault in ${dataDir}: ${(error as Error).message}`)
    return 1
  }
  try {
    const host = await startBrowserHost({
      handlers: createHandlers(services),
      rendererDir: join(__dirname, '../renderer'),
      port,
      frameOrigins: services.emulator.frameOrigins
    })
    const emulator = services.emulator.status()
    console.log(`Embed Workbench is running in browser mode (vault: ${services.vault.status().storePath}).`)
    console.log(
      emulator.running
        ? `Embed host emulator: ${emulator.baseUrl}${emulator.problem ? ` (${emulator.problem})` : ''}`
        : `Embed host emulator: not running (${emulator.problem})`
    )
    console.log(`Open: ${host.launchUrl}`)
    console.log("The link carries this launch's token; keep it to yourself. Press Ctrl+C to stop.")
    const stop = () => void Promise.all([host.close(), services.emulator.stop()]).then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return -1
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is in use. Pass --port with another number, or --port 0 for any free port.`
        : `Could not start: ${(error as Error).message}`
    )
    return 1
  }
}

main().then((code) => {
  if (code >= 0) process.exit(code)
})
