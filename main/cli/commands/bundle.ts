import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { exportBundle, openBundle, parseBundle } from '../../har/bundle'
import { harAnalysisOfFile } from '../../har/har-import'
import { harText } from '../print/har'
import { UsageError, type CliIo } from '../usage'
import { vaultOptions } from '../vault'
import { secretOptions } from '../args'
import { harCredentials, unreadable } from './har'

/**
 * `bundle export FILE.har --out F`: the HAR's embed requests as a redacted repro bundle.
 * `bundle open F`: the bundle signed again with a sandbox credential and judged; exit 0 when every
 * request's findings came back, 1 when one did not.
 */
export async function bundleCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: { ...secretOptions, ...vaultOptions, out: { type: 'string' }, json: { type: 'boolean' } }
  })
  if (positionals.length !== 1) throw new UsageError(`bundle ${action ?? 'export|open'} takes one file.`)
  const file = positionals[0]!
  if (action === 'export') {
    if (!values.out) throw new UsageError('bundle export needs --out FILE for the bundle.')
    const credentials = await harCredentials(values, io)
    const analysis = await harAnalysisOfFile({ credentials }, file).catch((error: unknown) => unreadable(error, file))
    const report = await analysis.finish()
    const secrets = (await credentials()).map((c) => c.secret)
    const bundle = exportBundle({ ...analysis.evidence(), report, secrets }, new Date(io.now() * 1000))
    writeFileSync(values.out, `${JSON.stringify(bundle, null, 2)}\n`)
    if (values.json)
      io.stdout(JSON.stringify({ out: values.out, requests: report.requests.length, removed: bundle.removed }, null, 2))
    else
      io.stdout(
        [
          `Wrote ${values.out}: ${bundle.entries.length} entries, ${report.requests.length} embed requests.`,
          `Removed (${bundle.removed.length}):`,
          ...bundle.removed.map((r) => `  ${r.where}: ${r.what}`)
        ].join('\n')
      )
    return 0
  }
  if (action === 'open') {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      unreadable(error, file)
    }
    const repro = await openBundle(parseBundle(text))
    if (values.json)
      io.stdout(
        JSON.stringify(
          { reproduced: repro.reproduced, credential: repro.credential, comparison: repro.comparison },
          null,
          2
        )
      )
    else {
      io.stdout(harText(repro.report))
      io.stdout(
        [
          '',
          `Signed again with a sandbox credential (${repro.credential.clientId.slice(0, 8)}…).`,
          ...repro.comparison.map(
            (c) =>
              `${c.missing.length || c.extra.length ? '✗' : '✓'} #${c.index}: ${c.expected.join(', ') || 'no findings'}` +
              (c.missing.length ? `; missing ${c.missing.join(', ')}` : '') +
              (c.extra.length ? `; new ${c.extra.join(', ')}` : '')
          ),
          repro.reproduced ? 'Every request’s findings came back.' : 'Some findings did not come back (above).'
        ].join('\n')
      )
    }
    return repro.reproduced ? 0 : 1
  }
  throw new UsageError('bundle takes export or open.')
}
