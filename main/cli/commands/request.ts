import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { contract, httpMethods } from '../../../preload/contract'
import { inputIssueMessage } from '../../core/input-issues'
import { requestText } from '../print/request'
import { timeArgument } from '../args'
import { requestInspectCommand } from './request-inspect'
import { UsageError, type CliIo } from '../usage'
import { findApiCredential, openVault, vaultOptions } from '../vault'

/** `request`: the request runner with a stored API credential; secrets stay in the vault. */
export async function requestCommand(args: string[], io: CliIo): Promise<number> {
  if (args[0] === 'inspect') return requestInspectCommand(args.slice(1), io)
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...vaultOptions,
      credential: { type: 'string' },
      method: { type: 'string', default: 'GET' },
      path: { type: 'string', default: '/' },
      body: { type: 'string' },
      header: { type: 'string', multiple: true },
      org: { type: 'string' },
      environment: { type: 'string' },
      'dry-run': { type: 'boolean' },
      cacert: { type: 'string', multiple: true },
      now: { type: 'string' },
      presign: { type: 'string' },
      json: { type: 'boolean' }
    }
  })
  if (!values.credential)
    throw new UsageError('request needs --credential NAME (an API credential stored in the vault).')
  const method = values.method!.toUpperCase()
  if (!isHttpMethod(method)) throw new UsageError(`--method ${values.method} is not an HTTP method this runner sends.`)
  if (values.environment !== undefined && values.environment !== 'test' && values.environment !== 'production')
    throw new UsageError('--environment is test or production.')
  let body = ''
  if (values.body !== undefined) {
    try {
      body = values.body === '-' ? io.readStdin() : readFileSync(values.body, 'utf8')
    } catch (error) {
      throw new UsageError(`Cannot read --body ${values.body} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
    }
  }
  const headers = (values.header ?? []).map((h) => {
    const at = h.indexOf(':')
    if (at < 1) throw new UsageError(`--header "${h}" is not "Name: value".`)
    return { name: h.slice(0, at).trim(), value: h.slice(at + 1).trim() }
  })
  // Sign as of a given time: Unix seconds or an ISO 8601 date.
  const signAt = values.now === undefined ? undefined : timeArgument(values.now, '--now')
  const presignSeconds = values.presign === undefined ? undefined : Number(values.presign)
  if (presignSeconds !== undefined && !Number.isInteger(presignSeconds))
    throw new UsageError('--presign is how long the presigned URL is valid, in seconds (1 to 604800).')
  const services = await openVault(values, io, { required: true, mayCreate: false })
  const credential = findApiCredential(services, values.credential)
  // The same checks as the app's channel: a header value a header cannot carry is refused here, with the reason.
  const input = contract.sendApiRequest.input.safeParse({
    credentialId: credential.id,
    ...(values.org === undefined ? {} : { org: values.org }),
    method,
    path: values.path!,
    body,
    headers,
    send: !values['dry-run'],
    ...(signAt === undefined ? {} : { signAt }),
    ...(presignSeconds === undefined ? {} : { presignSeconds })
  })
  if (!input.success) throw new UsageError(inputIssueMessage(input.error.issues[0]))
  const result = await services.apiRequests.send(
    input.data,
    values.environment as 'test' | 'production' | undefined,
    (values.cacert ?? []).map((file) => {
      try {
        return readFileSync(file, 'utf8')
      } catch (error) {
        throw new UsageError(`Cannot read --cacert ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
      }
    })
  )
  if (values.json) io.stdout(JSON.stringify(result, null, 2))
  else io.stdout(requestText(result))
  if (result.error) return 1
  return result.response && result.response.status >= 400 ? 1 : 0
}

function isHttpMethod(text: string): text is (typeof httpMethods)[number] {
  return (httpMethods as readonly string[]).includes(text)
}
