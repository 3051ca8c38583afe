/**
 * CLI start (issue 18, item 7): `embed-workbench inspect --json` of a small URL, each iteration a
 * process of its own through the built bin, beside `node` running a bare HMAC script, in the same
 * run. Needs the build (npm run build); without it the figures say so.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { bench, describe } from 'vitest'

const bin = join(__dirname, '../../bin/embed-workbench.js')
const built = existsSync(join(__dirname, '../../out/main/cli.js'))
if (!built) console.log('CLI start: build first (npm run build) for these figures.')
const url =
  'https://app.sigmacomputing.com/embed/1-abc?:nonce=4b1c&:client_id=c1&:email=a%40example.com&:external_user_id=a&:mode=userbacked&:session_length=600&:time=1764580000&:signature=ab'
const hmac = `require('node:crypto').createHmac('sha256', 's').update(${JSON.stringify(url)}).digest('hex')`
const each = { iterations: 12, warmupIterations: 2, time: 0 }

describe.skipIf(!built)('CLI start, a process each (target: 1.5x)', () => {
  bench('baseline: node running a bare HMAC', () => void spawnSync(process.execPath, ['-e', hmac]), each)
  bench(
    'embed-workbench inspect --json of a small URL',
    () => {
      const run = spawnSync(process.execPath, [bin, 'inspect', '--json', url])
      if (run.status !== 1) throw new Error(`inspect exited ${run.status}: ${run.stderr}`)
    },
    each
  )
})
