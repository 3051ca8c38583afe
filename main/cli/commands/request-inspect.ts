import { readFileSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { contract } from '../../../preload/contract'
import { MAX_PASTE } from '../../../preload/contract/constants'
import { inputIssueMessage } from '../../core/input-issues'
import { inspectionText } from '../print/request-inspection'
import { UsageError, type CliIo } from '../usage'
import { findApiCredential, openVault, vaultOptions } from '../vault'
import { timeArgument } from '../args'

/**
 * `request inspect FILE|-`: a request a customer already sent (raw HTTP, a cURL command, a HAR or
 * one HAR entry) judged against the stored API credentials, as the verification server judges.
 * Exit 0 when it passes, 1 when it is refused or cannot be read, 2 for bad usage.
 */
export async function requestInspectCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      ...vaultOptions,
      entry: { type: 'string' },
      'as-of': { type: 'string' },
      credential: { type: 'string' },
      org: { type: 'string' },
      'client-canonical': { type: 'string' },
      'max-skew': { type: 'string' },
      json: { type: 'boolean' }
    }
  })
  if (positionals.length !== 1)
    throw new UsageError('request inspect takes one file (a raw request, a cURL command or a HAR), or - for stdin.')
  const read = (file: string, what: string) => {
    try {
      const size = file === '-' ? 0 : statSync(file).size
      if (size > MAX_PASTE)
        throw new UsageError(
          `${file} is ${Math.round(size / 1024 / 1024)} MB; the request inspector reads up to 10 MB. Take out the one entry (jq '.log.entries[N]' ${file}) and inspect that.`
        )
      return file === '-' ? io.readStdin() : readFileSync(file, 'utf8')
    } catch (error) {
      if (error instanceof UsageError) throw error
      throw new UsageError(`Cannot read ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
    }
  }
  const text = read(positionals[0]!, 'the request')
  const asOf = values['as-of'] === undefined ? undefined : timeArgument(values['as-of'], '--as-of')
  const entry = values.entry === undefined ? undefined : Number(values.entry)
  if (entry !== undefined && (!Number.isInteger(entry) || entry < 0))
    throw new UsageError('--entry is the index of the HAR entry in log.entries (0, 1, 2…).')
  const maxSkew = values['max-skew'] === undefined ? undefined : Number(values['max-skew'])
  if (maxSkew !== undefined && (!Number.isInteger(maxSkew) || maxSkew < 0))
    throw new UsageError('--max-skew is a number of seconds.')
  const services = await openVault(values, io, { required: true, mayCreate: false })
  const credential = values.credential ? findApiCredential(services, values.credential) : null
  const input = contract.inspectApiRequest.input.safeParse({
    text,
    ...(entry === undefined ? {} : { entry }),
    ...(asOf === undefined ? {} : { asOf }),
    ...(credential ? { credentialId: credential.id } : {}),
    ...(values.org === undefined ? {} : { org: values.org }),
    ...(values['client-canonical'] === undefined
      ? {}
      : { clientCanonical: read(values['client-canonical'], '--client-canonical') }),
    ...(maxSkew === undefined ? {} : { maxSkewSeconds: maxSkew })
  })
  if (!input.success) throw new UsageError(inputIssueMessage(input.error.issues[0]))
  const inspection = await services.apiRequests.inspect(input.data)
  io.stdout(values.json ? JSON.stringify(inspection, null, 2) : inspectionText(inspection))
  return inspection.ok ? 0 : 1
}
