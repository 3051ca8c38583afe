import { parseArgs } from 'node:util'
import { WorkbenchError } from '../../core/errors'
import type { KnownCredential } from '../../inspector/inspector'
import { analyzeHarFile } from '../../har/har-import'
import { hasError } from '../../protocol/findings'
import { readSecrets, secretOptions } from '../args'
import { harJson, harText } from '../print/har'
import { UsageError, type CliIo } from '../usage'
import { openVault, vaultOptions } from '../vault'

/**
 * `har FILE`: every embed request in a HAR, judged. Signatures are checked with the vault's
 * credentials when its passphrase is in the environment, and with any --secret-env / --secret-file.
 */
export async function harCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { ...secretOptions, ...vaultOptions, json: { type: 'boolean' } }
  })
  if (positionals.length !== 1) throw new UsageError('har takes one HAR file.')
  const credentials = await harCredentials(values, io)
  let report
  try {
    report = await analyzeHarFile({ credentials }, positionals[0]!)
  } catch (error) {
    unreadable(error, positionals[0]!)
  }
  if (values.json) io.stdout(JSON.stringify(harJson(report), null, 2))
  else io.stdout(harText(report))
  const failed =
    report.problems.some((p) => p.code === 'HAR_NOT_A_HAR') || report.requests.some((r) => hasError(r.findings))
  return failed ? 1 : 0
}

/** The credentials a HAR is judged with: --secret-env/--secret-file, and the vault's when its passphrase is set. */
export async function harCredentials(
  values: { 'secret-env'?: string[]; 'secret-file'?: string[]; 'data-dir'?: string; 'passphrase-env'?: string },
  io: CliIo
): Promise<() => Promise<KnownCredential[]>> {
  const typed: KnownCredential[] = readSecrets(values, io).map((s) => ({
    name: s.label,
    clientId: null,
    secret: s.secret,
    status: 'active'
  }))
  const variable = values['passphrase-env'] ?? 'EMBED_WORKBENCH_PASSPHRASE'
  let stored: () => Promise<KnownCredential[]> = async () => []
  if (io.env[variable]) {
    const services = await openVault(values, io, { required: true, mayCreate: false })
    stored = () => services.credentials.verificationKeys()
  } else if (!typed.length) {
    io.stderr(
      `note: ${variable} is not set and no --secret-env was given: signatures are not checked, only the structure.`
    )
  }
  return async () => [...typed, ...(await stored())]
}

/** A file that cannot be read says which and why; anything else goes on up. */
export function unreadable(error: unknown, path: string): never {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
    throw new WorkbenchError('HAR_FILE_UNREADABLE', `Cannot read ${path} (${code}).`)
  throw error
}
