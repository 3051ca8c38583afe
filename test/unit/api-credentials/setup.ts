/** The API credentials suites' setup: services on a temp folder, the dispatcher, the verification server. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { dispatch } from '../../../main/core/dispatch'
import { createHandlers, createServices, type Services } from '../../../main/services'
import type { ChannelName, ChannelResult, Result } from '../../../preload/contract'
import { fastScrypt, tempDir, unwrap } from '../helpers'

export const PASS = 'a long enough passphrase'

const running: Services[] = []
afterEach(async () => {
  for (const s of running.splice(0)) await s.apiRequests.stopVerifyServer()
})

export async function setup(clock?: { now(): Date }) {
  const dataDir = tempDir()
  const services = await createServices({ dataDir, scryptParams: fastScrypt, clock })
  running.push(services)
  await services.vault.setUp(PASS, PASS)
  const handlers = createHandlers(services)
  const call = <K extends ChannelName>(channel: K, input?: unknown) =>
    dispatch(handlers, channel, input) as Promise<Result<ChannelResult<K>>>
  const vaultText = () =>
    readdirSync(dataDir)
      .map((f) => readFileSync(join(dataDir, f), 'utf8'))
      .join('\n')
  return { services, call, vaultText }
}

export const credential = (auth: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  name: `API ${String(auth.type)}`,
  baseUrl: 'https://127.0.0.1:1/v1',
  environment: 'test',
  contentType: 'json',
  headers: [{ name: 'X-Tenant', value: 'acme' }],
  auth,
  ...over
})

/** Saves the credential, starts the verification server expecting it, points the credential at it. */
export async function against(
  ctx: Awaited<ReturnType<typeof setup>>,
  auth: Record<string, unknown>,
  server: Record<string, unknown> = {}
) {
  const saved = unwrap(await ctx.call('saveApiCredential', credential(auth)))
  const status = unwrap(await ctx.call('startVerifyServer', { credentialId: saved.id, ...server }))
  const { id: _id, createdAt: _c, updatedAt: _u, secretsStored: _s, orgs: _o, ...rest } = saved
  // Pointing the credential at the server is a new destination: its secrets are given again.
  unwrap(
    await ctx.call('saveApiCredential', {
      ...rest,
      id: saved.id,
      baseUrl: `${status.url}/v1`,
      auth: { ...saved.auth, ...auth }
    })
  )
  return { saved, status }
}

export const send = (
  ctx: Awaited<ReturnType<typeof setup>>,
  credentialId: string,
  over: Record<string, unknown> = {}
) =>
  ctx
    .call('sendApiRequest', { credentialId, method: 'POST', path: '/orders?b=2&a=1', body: '{"qty":1}', ...over })
    .then(unwrap)

/** An AWS SigV4 credential the suites sign with. */
export const aws = {
  type: 'aws4',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'right-secret',
  region: 'us-east-1',
  service: 'execute-api'
}
