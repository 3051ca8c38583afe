import { parseArgs } from 'node:util'
import { WorkbenchError } from '../../core/errors'
import { UsageError, type CliIo } from '../usage'
import { findApiCredential, openVault, vaultOptions } from '../vault'
import { verdictLines } from '../print/request'
import { timeArgument } from '../args'

/** `verify-server`: the local verification server, logging a verdict per request until Ctrl+C. */
export async function verifyServerCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...vaultOptions,
      credential: { type: 'string' },
      org: { type: 'string' },
      port: { type: 'string', default: '8443' },
      'require-client-cert': { type: 'boolean' },
      'client-ca-cert': { type: 'string' },
      'max-skew': { type: 'string', default: '300' },
      now: { type: 'string' },
      environment: { type: 'string' }
    }
  })
  if (values.environment !== undefined && values.environment !== 'test' && values.environment !== 'production')
    throw new UsageError('--environment is test or production.')
  if (!values.credential)
    throw new UsageError(
      'verify-server needs --credential NAME: the API credential whose scheme and secrets requests are checked against.'
    )
  if (!/^\d+$/.test(values.port!) || Number(values.port) > 65535)
    throw new UsageError('--port must be a number from 0 to 65535.')
  if (!/^\d+$/.test(values['max-skew']!)) throw new UsageError('--max-skew is in seconds.')
  const verifyAsOf = values.now === undefined ? undefined : timeArgument(values.now, '--now')
  const services = await openVault(values, io, { required: true, mayCreate: false })
  const credential = findApiCredential(services, values.credential)
  let clientCaCertificateId: string | undefined
  if (values['client-ca-cert']) {
    const certificate = services.certificates
      .list()
      .find((c) => c.name.toLowerCase() === values['client-ca-cert']!.toLowerCase())
    if (!certificate)
      throw new WorkbenchError('CERTIFICATE_NOT_FOUND', `No stored certificate is named "${values['client-ca-cert']}".`)
    clientCaCertificateId = certificate.id
  }
  const status = await services.apiRequests.startVerifyServer(
    {
      port: Number(values.port),
      credentialId: credential.id,
      org: values.org,
      requireClientCert: values['require-client-cert'] ?? false,
      clientCaCertificateId,
      maxSkewSeconds: Number(values['max-skew']),
      ...(verifyAsOf === undefined ? {} : { verifyAsOf })
    },
    values.environment as 'test' | 'production' | undefined
  )
  services.apiRequests.verifyServer()!.onVerdict((v) => io.stdout(verdictLines(v)))
  io.stdout(
    `Verification server listening on ${status.url}, checking requests against "${credential.name}"${status.expecting?.org ? ` (${status.expecting.org})` : ''} (${credential.auth.type}).`
  )
  if (status.verifyAsOf) io.stdout(`Every request is judged as of ${status.verifyAsOf}, not now.`)
  io.stdout(
    status.requireClientCert
      ? `Client certificates are required, issued by ${status.clientCa}.`
      : 'Client certificates are not required.'
  )
  io.stdout('Its certificate (trust it in the client, e.g. curl --cacert):')
  io.stdout(status.serverCertificatePem!.trim())
  io.stdout('Each request is logged below with its verdict. Ctrl+C stops.')
  await (io.untilStopped?.() ?? Promise.resolve())
  await services.apiRequests.stopVerifyServer()
  return 0
}
