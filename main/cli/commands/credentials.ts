import { closeSync, openSync, rmSync, writeSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { WorkbenchError } from '../../core/errors'
import { readSecrets, secretOptions } from '../args'
import { UsageError, type CliIo } from '../usage'
import type { Services } from '../../services'
import { openVault, vaultOptions } from '../vault'

export async function credentialsCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      ...vaultOptions,
      ...secretOptions,
      name: { type: 'string' },
      description: { type: 'string' },
      owner: { type: 'string' },
      'account-type': { type: 'string' },
      'client-id': { type: 'string' },
      'secret-out': { type: 'string' },
      json: { type: 'boolean' }
    }
  })
  if (!['list', 'create', 'import', 'revoke'].includes(action ?? ''))
    throw new UsageError('credentials takes list, create, import or revoke.')
  if (action === 'create' && !values['secret-out'])
    throw new UsageError('create writes the new secret to a file: give --secret-out FILE (it is never printed).')
  // The secret file is opened (exclusively, 0600) before anything is stored, so a credential is
  // never saved with a secret nobody can recover.
  const secretFd = action === 'create' ? openSecretFile(values['secret-out']!) : null
  let services: Services
  try {
    services = await openVault(values, io, { required: true, mayCreate: action === 'create' || action === 'import' })
  } catch (error) {
    if (secretFd !== null) discardSecretFile(secretFd, values['secret-out']!)
    throw error
  }
  const fields = {
    name: values.name ?? '',
    description: values.description ?? '',
    owner: values.owner ?? '',
    ownerAccountType: values['account-type'] ?? 'Admin'
  }
  switch (action) {
    case 'list': {
      const list = await services.credentials.list()
      if (values.json) io.stdout(JSON.stringify(list, null, 2))
      else
        for (const c of list)
          io.stdout(`${c.status.padEnd(8)} ${c.clientId}  ${c.fingerprint ?? 'unreadable '}  ${c.name}`)
      return 0
    }
    case 'create': {
      const file = values['secret-out']!
      let created: Awaited<ReturnType<typeof services.credentials.create>>
      try {
        created = await services.credentials.create(fields)
      } catch (error) {
        discardSecretFile(secretFd!, file)
        throw error
      }
      try {
        writeSync(secretFd!, `${created.secret}\n`)
        closeSync(secretFd!)
      } catch (error) {
        // Undo: a credential whose secret could not be written is of no use to anyone.
        await services.credentials.delete({ id: created.credential.id })
        discardSecretFile(secretFd!, file)
        throw new WorkbenchError(
          'STORE_WRITE_FAILED',
          `Could not write the secret to ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); the credential was not kept.`
        )
      }
      io.stdout(created.credential.clientId)
      io.stderr(
        `Created "${created.credential.name}". The secret was written to ${values['secret-out']} (mode 0600); it is shown nowhere else.`
      )
      return 0
    }
    case 'import': {
      const secrets = readSecrets(values, io)
      if (secrets.length !== 1 || !values['client-id'])
        throw new UsageError('import takes --client-id ID and one of --secret-env VAR or --secret-file F.')
      const imported = await services.credentials.import({
        ...fields,
        clientId: values['client-id'],
        secret: secrets[0]!.secret
      })
      for (const n of imported.notices) io.stderr(`note: ${n.message}`)
      io.stdout(imported.credential.clientId)
      return 0
    }
    default: {
      const list = await services.credentials.list()
      const match = list.filter(
        (c) =>
          c.status === 'active' && (values['client-id'] ? c.clientId === values['client-id'] : c.name === values.name)
      )
      if (!values['client-id'] && !values.name) throw new UsageError('revoke takes --client-id ID or --name N.')
      if (match.length !== 1)
        throw new WorkbenchError(
          'CREDENTIAL_NOT_FOUND',
          match.length ? 'More than one active credential matches; use --client-id.' : 'No active credential matches.'
        )
      await services.credentials.revoke({ id: match[0]!.id })
      io.stdout(`revoked ${match[0]!.clientId}`)
      return 0
    }
  }
}

/** Creates the secret file for `create`, refusing one that exists or a folder that does not. */
function openSecretFile(file: string): number {
  try {
    return openSync(file, 'wx', 0o600)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'EEXIST'
        ? 'it already exists (a secret is never overwritten: choose a new file name)'
        : code === 'ENOENT'
          ? 'its folder does not exist'
          : `it cannot be created (${code ?? 'error'})`
    throw new UsageError(`--secret-out ${file}: ${why}. Nothing was created.`)
  }
}

function discardSecretFile(fd: number, file: string): void {
  try {
    closeSync(fd)
  } catch {
    // already closed
  }
  rmSync(file, { force: true })
}
