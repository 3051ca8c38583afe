/** Opening the app's own data folder and vault from the command line, and finding what it stores. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { ParseArgsConfig } from 'node:util'
import { WorkbenchError } from '../core/errors'
import { createServices, type Services } from '../services'
import { storeFilePath } from '../store/json-file'
import { defaultDataDir } from '../store/paths'
import { VAULT_FILE_NAME } from '../store/vault-file'
import { UsageError, type CliIo } from './usage'

// Headless emulator and credentials: the same data folder and vault as the app.
export const vaultOptions = {
  'data-dir': { type: 'string' },
  'passphrase-env': { type: 'string' }
} as const satisfies ParseArgsConfig['options']

export async function openVault(
  values: { 'data-dir'?: string; 'passphrase-env'?: string },
  io: CliIo,
  options: { required: boolean; mayCreate?: boolean }
): Promise<Services> {
  const dataDir = values['data-dir'] ?? io.env['EWB_DATA_DIR'] ?? defaultDataDir()
  // Reading or changing what a vault holds never starts one: that would leave files behind in a
  // folder the user mistyped, and an empty vault that answers "nothing stored".
  if (options.mayCreate === false && !existsSync(storeFilePath(dataDir, VAULT_FILE_NAME))) {
    throw new WorkbenchError(
      'VAULT_NOT_SET_UP',
      `There is no vault in ${dataDir} yet. Point --data-dir at the app's data folder (Settings shows it), or create a credential first with "credentials create".`
    )
  }
  const services = await createServices({ dataDir, rendererDir: join(__dirname, '../renderer') })
  const shown = new Set<string>()
  const warn = () => {
    for (const notice of services.vault.status().notices)
      if (!shown.has(notice.message)) {
        shown.add(notice.message)
        io.stderr(`${notice.severity === 'warning' ? 'warning' : 'note'}: ${notice.message}`)
      }
  }
  warn()
  const variable = values['passphrase-env'] ?? 'EMBED_WORKBENCH_PASSPHRASE'
  const passphrase = io.env[variable]
  // Read once: a long-running command (emulator, verify-server) does not keep it in its environment.
  delete io.env[variable]
  const state = services.vault.status().state
  if (state === 'unavailable')
    throw new WorkbenchError('VAULT_UNAVAILABLE', services.vault.status().reason ?? 'The vault cannot be opened here.')
  if (!passphrase) {
    if (options.required)
      throw new UsageError(
        `Set the vault passphrase in the environment variable ${variable} (or name another with --passphrase-env).`
      )
    io.stderr(
      `note: ${variable} is not set, so the vault stays locked: every embed request will be refused as from an unknown client id.`
    )
    return services
  }
  if (state === 'needs-setup') {
    await services.vault.setUp(passphrase, passphrase)
    io.stderr(`note: created a new vault in ${dataDir} with the passphrase from ${variable}.`)
  } else if (state === 'locked') {
    await services.vault.unlock(passphrase)
  }
  warn() // what the unlock found: a vault upgraded, or changed outside the app
  return services
}

/** A stored API credential by name (case-insensitive) or id, or a failure listing what is stored. */
export function findApiCredential(services: Services, nameOrId: string) {
  const all = services.apiCredentials.list().credentials
  const credential = all.find((c) => c.name.toLowerCase() === nameOrId.toLowerCase() || c.id === nameOrId)
  if (!credential)
    throw new WorkbenchError(
      'API_CREDENTIAL_NOT_FOUND',
      `No API credential is named "${nameOrId}". Stored: ${all.map((c) => c.name).join(', ') || 'none'}.`
    )
  return credential
}
