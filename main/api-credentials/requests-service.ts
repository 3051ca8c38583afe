/**
 * API requests as the app and the CLI make them: API credentials, the request runner and the
 * one local verification server (started from the app or the command line).
 */
import type { ApiEnvironment, ParsedInput, VerifyServerStatus } from '../../preload/contract'
import type { CertificatesService } from '../certificates/certificates-service'
import type { Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import type { ApiCredentialsService } from './api-credentials-service'
import { createRequestInspector } from './request-inspector'
import { createRunner } from './runner'
import { startVerifyServer, subjectOf, type RunningVerifyServer } from './verify-server'

export function createApiRequestsService(deps: {
  apiCredentials: ApiCredentialsService
  certificates: CertificatesService
  clock: Clock
}) {
  let server: { running: RunningVerifyServer; status: Omit<VerifyServerStatus, 'requests' | 'running'> } | null = null
  const runner = createRunner({
    ...deps,
    trustedServerCertificates: () => (server ? [server.running.certificatePem] : [])
  })

  function status(): VerifyServerStatus {
    if (!server)
      return {
        running: false,
        url: null,
        port: null,
        requireClientCert: false,
        expecting: null,
        clientCa: null,
        serverCertificatePem: null,
        verifyAsOf: null,
        requests: []
      }
    return { ...server.status, running: true, requests: [...server.running.verdicts].reverse() }
  }

  return {
    send: runner,
    /** Judges a request a customer already sent (raw, cURL or HAR) against the stored credentials. */
    inspect: createRequestInspector({ apiCredentials: deps.apiCredentials, clock: deps.clock }),
    verifyServerStatus: status,

    async startVerifyServer(
      input: ParsedInput<'startVerifyServer'>,
      environment?: ApiEnvironment
    ): Promise<VerifyServerStatus> {
      // Using a credential's secrets to verify is a use: the environment rule applies here too.
      const usable = await deps.apiCredentials.forRequest(input.credentialId, input.org, environment)
      let clientCaPem: string | null = null
      if (input.clientCaCertificateId) {
        const certificate = deps.certificates.list().find((c) => c.id === input.clientCaCertificateId)
        if (!certificate) throw new WorkbenchError('CERTIFICATE_NOT_FOUND', 'That certificate no longer exists.')
        clientCaPem = (await deps.certificates.tlsMaterial(certificate.id).catch(() => null))?.ca ?? null
        if (!clientCaPem)
          throw new WorkbenchError(
            'VERIFY_SERVER_FAILED',
            `"${certificate.name}" has no CA certificate: add its CA so the server can check who issued client certificates.`,
            'clientCaCertificateId'
          )
      }
      if (input.requireClientCert && !clientCaPem)
        throw new WorkbenchError(
          'VERIFY_SERVER_FAILED',
          'Requiring a client certificate needs the CA that issues them: choose a stored certificate whose CA to use.',
          'clientCaCertificateId'
        )
      await this.stopVerifyServer()
      let running: RunningVerifyServer
      try {
        // Read at every request, so an edited secret, a deleted credential, a locked vault or the
        // environment switch applies at once instead of leaving a server that checks stale secrets.
        const expected = async () => {
          const current = await deps.apiCredentials.forRequest(input.credentialId, input.org, environment)
          return { auth: current.auth, secrets: current.secrets }
        }
        running = await startVerifyServer({
          port: input.port,
          expected,
          requireClientCert: input.requireClientCert,
          clientCaPem,
          maxSkewSeconds: input.maxSkewSeconds,
          // "Verify as of": requests are judged as of that moment (the server's own certificate stays current).
          clock: deps.clock,
          ...(input.verifyAsOf === undefined ? {} : { judgeAt: () => new Date(input.verifyAsOf! * 1000) })
        })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        throw new WorkbenchError(
          'VERIFY_SERVER_FAILED',
          code === 'EADDRINUSE'
            ? `Port ${input.port} is in use; choose another (or 0 for any free port).`
            : `The verification server could not start (${code ?? (error as Error).message}).`,
          'port'
        )
      }
      server = {
        running,
        status: {
          url: running.url,
          port: running.port,
          requireClientCert: input.requireClientCert,
          expecting: { credentialId: usable.record.id, name: usable.name, org: usable.org },
          clientCa: clientCaPem ? subjectOf(clientCaPem) : null,
          serverCertificatePem: running.certificatePem,
          verifyAsOf: input.verifyAsOf === undefined ? null : new Date(input.verifyAsOf * 1000).toISOString()
        }
      }
      return status()
    },

    async stopVerifyServer(): Promise<VerifyServerStatus> {
      const current = server
      server = null
      if (current) await current.running.close()
      return status()
    },

    /** The running server, for the CLI's log. */
    verifyServer: () => server?.running ?? null
  }
}

export type ApiRequestsService = ReturnType<typeof createApiRequestsService>
