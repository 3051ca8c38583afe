import { parseArgs } from 'node:util'
import { WorkbenchError } from '../../core/errors'
import { verdictLine } from '../print/emulator'
import { UsageError, type CliIo } from '../usage'
import { openVault, vaultOptions } from '../vault'

export async function emulatorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { ...vaultOptions, port: { type: 'string' } } })
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || Number(values.port) > 65535))
    throw new UsageError('--port must be a number from 0 to 65535.')
  const services = await openVault(values, io, { required: false })
  const emulator = services.emulator
  emulator.subscribe((e) => io.stdout(verdictLine(e)))
  await emulator.start(values.port === undefined ? undefined : Number(values.port))
  const status = emulator.status()
  if (!status.running) throw new WorkbenchError('INTERNAL', status.problem ?? 'The emulator did not start.')
  if (status.problem) io.stderr(`note: ${status.problem}`)
  io.stdout(`Embed host emulator listening on ${status.baseUrl}`)
  io.stdout(
    `Org "${services.org.get().slug}": teams ${status.teams.join(', ')}; account types ${status.accountTypes.map((a) => a.name).join(', ')}.`
  )
  io.stdout('Embed paths (signed URL form | JWT form):')
  for (const t of status.targets) io.stdout(`  ${t.label}\n    ${t.embedPath}\n    ${t.workbookUrl}\n    ${t.apiUrl}`)
  io.stdout('Each request is logged below with its verdict. Ctrl+C stops.')
  await (io.untilStopped?.() ?? Promise.resolve())
  await emulator.stop()
  return 0
}
