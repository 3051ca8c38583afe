import { parseArgs } from 'node:util'
import { hasError } from '../../protocol/findings'
import { inspectEmbed, type KnownCredential } from '../../inspector/inspector'
import { readSecrets, secretOptions } from '../args'
import { inspectionJson, inspectionText } from '../print/inspection'
import { UsageError, type CliIo } from '../usage'

export function inspectCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { ...secretOptions, now: { type: 'string' }, json: { type: 'boolean' } }
  })
  if (positionals.length !== 1)
    throw new UsageError('inspect takes one URL or JWT (or "-" to read it from standard input).')
  const input = positionals[0] === '-' ? io.readStdin() : positionals[0]!
  if (values.now !== undefined && !/^\d+$/.test(values.now)) throw new UsageError('--now must be Unix seconds.')
  const credentials: KnownCredential[] = readSecrets(values, io).map((s) => ({
    name: s.label,
    clientId: null,
    secret: s.secret,
    status: 'active'
  }))
  const result = inspectEmbed(input, { credentials, now: values.now ? Number(values.now) : io.now() })
  if (values.json) io.stdout(JSON.stringify(inspectionJson(result), null, 2))
  else io.stdout(inspectionText(result))
  return hasError(result.findings) ? 1 : 0
}
