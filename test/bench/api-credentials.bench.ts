/**
 * The request runner through the full service path (dispatch, schema, vault decrypt, build, sign,
 * certificate match) beside bare aws4 / createHmac, and a whole round trip to the local
 * verification server beside a bare https request to the same server, in the same run.
 */
import { createHmac } from 'node:crypto'
import { request } from 'node:https'
import aws4 from 'aws4'
import { bench, describe } from 'vitest'
import { runTempDir } from '../fixtures/temp'
import { dispatch } from '../../main/core/dispatch'
import { createHandlers, createServices } from '../../main/services'

const services = await createServices({
  dataDir: runTempDir('ewb-bench-conn-'),
  scryptParams: { N: 2 ** 10, r: 8, p: 1 }
})
await services.vault.setUp('bench passphrase long enough', 'bench passphrase long enough')
const handlers = createHandlers(services)
const awsCredential = await services.apiCredentials.save({
  name: 'AWS',
  baseUrl: 'https://example.amazonaws.com',
  environment: 'test',
  contentType: 'json',
  headers: [],
  orgSpecific: false,
  orgs: [],
  auth: {
    type: 'aws4',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
    service: 'execute-api',
    endpoint: ''
  }
})
const hmacCredential = await services.apiCredentials.save({
  name: 'HMAC',
  baseUrl: 'https://127.0.0.1:1',
  environment: 'test',
  contentType: 'json',
  headers: [],
  orgSpecific: false,
  orgs: [],
  auth: { type: 'hmac', clientId: 'c1', clientSecret: 'bench-secret' }
})
const server = await services.apiRequests.startVerifyServer({
  port: 0,
  credentialId: hmacCredential.id,
  requireClientCert: false,
  maxSkewSeconds: 300
})
await services.apiCredentials.save({
  ...hmacCredential,
  baseUrl: server.url!,
  // A new destination: the secret is given again.
  orgs: [],
  auth: { type: 'hmac', clientId: 'c1', clientSecret: 'bench-secret' }
})
const body = JSON.stringify({ order: 42, items: ['a', 'b'] })

describe('sign an AWS SigV4 request', () => {
  bench('service path: dispatch sendApiRequest (dry run)', async () => {
    await dispatch(handlers, 'sendApiRequest', {
      credentialId: awsCredential.id,
      method: 'POST',
      path: '/orders?b=2&a=1',
      body,
      send: false
    })
  })
  bench('baseline: bare aws4.sign of the same request', () => {
    aws4.sign(
      {
        host: 'example.amazonaws.com',
        method: 'POST',
        path: '/orders?b=2&a=1',
        body,
        service: 'execute-api',
        region: 'us-east-1',
        headers: { 'Content-Type': 'application/json' }
      },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
    )
  })
})

describe('sign an HMAC-SHA256 request', () => {
  bench('service path: dispatch sendApiRequest (dry run)', async () => {
    await dispatch(handlers, 'sendApiRequest', {
      credentialId: hmacCredential.id,
      method: 'POST',
      path: '/orders?b=2&a=1',
      body,
      send: false
    })
  })
  bench('baseline: bare createHmac over the same string', () => {
    createHmac('sha256', 'bench-secret')
      .update(`POST\n/orders\na=1&b=2\n${Math.floor(Date.now() / 1000)}\n${body}`)
      .digest('hex')
  })
})

describe('round trip to the local verification server (HTTPS, verified)', () => {
  bench('service path: sendApiRequest, verified by the server, verdict parsed', async () => {
    const result = await dispatch(handlers, 'sendApiRequest', {
      credentialId: hmacCredential.id,
      method: 'POST',
      path: '/orders',
      body
    })
    if (!result.ok || !(result.value as { verifier: { ok: boolean } }).verifier.ok) throw new Error('not verified')
  })
  bench('baseline: bare https request to the same server (new connection each)', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${server.url}/orders`,
        { method: 'POST', ca: server.serverCertificatePem!, agent: false },
        (res) => {
          res.resume()
          res.on('end', resolve)
        }
      )
      req.on('error', reject)
      req.end(body)
    })
  })
})
