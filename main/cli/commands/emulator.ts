import { parseArgs } from 'node:util'
import { WorkbenchError } from '../../core/errors'
import { frontLines, verdictLine } from '../print/emulator'
import { UsageError, type CliIo } from '../usage'
import { openVault, vaultOptions } from '../vault'

export async function emulatorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...vaultOptions,
      port: { type: 'string' },
      'serve-as': { type: 'string', multiple: true },
      'tls-port': { type: 'string' },
      'allow-parent': { type: 'string', multiple: true }
    }
  })
  for (const flag of ['port', 'tls-port'] as const) {
    const value = values[flag]
    if (value !== undefined && (!/^\d+$/.test(value) || Number(value) > 65535))
      throw new UsageError(`--${flag} must be a number from 0 to 65535.`)
  }
  // Answering as the real host needs the local CA, whose key is in the vault.
  const serveAs = values['serve-as'] ?? []
  const services = await openVault(values, io, { required: serveAs.length > 0 })
  const emulator = services.emulator
  emulator.overrideForRun({
    ...(serveAs.length ? { serveAs } : {}),
    ...(values['tls-port'] !== undefined ? { tlsPort: Number(values['tls-port']) } : {}),
    ...(values['allow-parent'] ? { allowedParents: values['allow-parent'] } : {})
  })
  emulator.subscribe((e) => io.stdout(verdictLine(e)))
  await emulator.start(values.port === undefined ? undefined : Number(values.port))
  const status = emulator.status()
  if (!status.running) throw new WorkbenchError('INTERNAL', status.problem ?? 'The emulator did not start.')
  if (status.problem) io.stderr(`note: ${status.problem}`)
  io.stdout(`Embed host emulator listening on ${status.baseUrl}`)
  if (status.front) for (const line of frontLines(status.front)) io.stdout(line)
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
