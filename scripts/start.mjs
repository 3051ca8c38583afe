#!/usr/bin/env node
// `npm start`: build, make sure the Electron binary is there, open the desktop app.
// Electron 45+ downloads its binary on first start, not at `npm ci`; offline that download fails,
// and then this says how to get the binary and that `npm run browser` runs the same app.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const electronDir = dirname(require.resolve('electron/package.json'))

export function electronBinary(dir = electronDir) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(dir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const full = override ? join(override, relative ?? 'electron') : relative ? join(dir, 'dist', relative) : null
  return full && existsSync(full) ? full : null
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
}

const build = run(process.execPath, [
  join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'),
  'build'
])
if (build.status !== 0) process.exit(build.status ?? 1)

let binary = electronBinary()
if (!binary) {
  console.log('The Electron binary is not installed yet; running install-electron (downloads it once)...')
  const install = run(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
    encoding: 'utf8'
  })
  binary = install.status === 0 ? electronBinary() : null
  if (!binary) {
    const firstLine =
      `${install.stderr ?? ''}`
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l && !l.startsWith('at ')) ?? 'no output'
    console.error(
      [
        '',
        'Could not download the Electron binary (' + firstLine.replace(/^Error:\s*/, '').slice(0, 160) + ').',
        'To get it: on a machine with internet access run "npx install-electron" in this folder,',
        'or copy an Electron ' +
          JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version +
          ' build into node_modules/electron/dist',
        '(or point ELECTRON_OVERRIDE_DIST_PATH at one).',
        'Meanwhile "npm run browser" runs the same app in your browser, with the same vault and services.'
      ].join('\n')
    )
    process.exit(1)
  }
}

const app = run(binary, [root, ...process.argv.slice(2)])
process.exit(app.status ?? 1)
