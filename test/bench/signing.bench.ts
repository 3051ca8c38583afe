/**
 * Signing through the full service path (dispatch, schema, persona, vault decrypt, sign, self-check)
 * beside bare createHmac / jose baselines, and inspect + forensics on a URL with one tampered
 * parameter, all measured in the same run. vitest prints the ratios.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { bench, describe } from 'vitest'
import { runTempDir } from '../fixtures/temp'
import { inspectEmbed } from '../../main/inspector/inspector'
import { dispatch } from '../../main/core/dispatch'
import { createHandlers, createServices } from '../../main/services'
import { signUrl } from '../../main/signing/signer'
import { CLIENT_ID, credentials, NOW, options, salesManager, SECRET, WORKBOOK_URL } from '../fixtures/embed'

const services = await createServices({ dataDir: runTempDir('ewb-bench-sign-') })
await services.vault.setUp('bench passphrase long enough', 'bench passphrase long enough')
const handlers = createHandlers(services)
const imported = await dispatch(handlers, 'importCredential', { name: 'Bench', clientId: CLIENT_ID, secret: SECRET })
if (!imported.ok) throw new Error(imported.error.message)
const credentialId = (imported.value as { credential: { id: string } }).credential.id
const personaId = services.personas.list()[0]!.id
const urlInput = { method: 'url', credentialId, personaId, options: options() }
const jwtInput = { method: 'jwt', credentialId, personaId, options: options({ embedPath: WORKBOOK_URL }) }

describe('sign a URL', () => {
  bench('service path: dispatch signEmbedUrl (url)', async () => {
    await dispatch(handlers, 'signEmbedUrl', urlInput)
  })
  bench('baseline: bare createHmac over the same-length URL', () => {
    const unsigned = `https://app.sigmacomputing.com/embed/1-abc?:nonce=${randomUUID()}&:client_id=${CLIENT_ID}&:email=sales.manager@example.com&:external_user_id=sales-manager-1&:external_user_team=Sales_Managers&:account_type=Creator&:mode=userbacked&:session_length=600&:time=${NOW}`
    createHmac('sha256', SECRET).update(unsigned).digest('hex')
  })
})

describe('sign a JWT', () => {
  bench('service path: dispatch signEmbedUrl (jwt)', async () => {
    await dispatch(handlers, 'signEmbedUrl', jwtInput)
  })
  bench('baseline: bare jose SignJWT with the same claims', async () => {
    await new SignJWT({
      sub: 'sales.manager@example.com',
      jti: randomUUID(),
      iat: NOW,
      exp: NOW + 600,
      ver: '1.1',
      aud: 'sigmacomputing',
      account_type: 'Creator',
      teams: ['Sales_Managers']
    })
      .setProtectedHeader({ alg: 'HS256', kid: CLIENT_ID, typ: 'JWT' })
      .sign(Buffer.from(SECRET))
  })
})

const signed = signUrl({
  persona: { ...salesManager, userAttributes: [{ name: 'Region', values: ['West'] }] },
  options: options({ theme: 'Dark' }),
  key: { clientId: CLIENT_ID, secret: SECRET },
  now: NOW
})
const tampered = signed.url.replace(':ua_Region=West', ':ua_Region=WEST')

/** A 250 KB URL (30 attributes of 8.5 KB), one value changed in no recognisable way: forensics runs to its budget. */
const big = signUrl({
  persona: {
    ...salesManager,
    userAttributes: Array.from({ length: 30 }, (_, i) => ({ name: `Attr${i}`, values: [`${'v'.repeat(8500)}${i}`] }))
  },
  options: options(),
  key: { clientId: CLIENT_ID, secret: SECRET },
  now: NOW
}).url.replace(`:ua_Attr7=${'v'.repeat(8500)}7`, ':ua_Attr7=qz81')

describe('a tampered 250 KB URL (the worst case a paste may cost; issue 18 asks under 100 ms)', () => {
  bench(
    'inspect + forensics to its budget',
    () => {
      inspectEmbed(big, { credentials, now: NOW })
    },
    { iterations: 10, time: 0 }
  )
})

describe('inspect a URL with one tampered parameter', () => {
  bench('inspect + forensics (finds the changed value)', () => {
    inspectEmbed(tampered, { credentials, now: NOW })
  })
  bench('inspect an untampered URL (signature verifies, no forensics)', () => {
    inspectEmbed(signed.url, { credentials, now: NOW })
  })
  bench('baseline: one bare createHmac verification', () => {
    const [unsigned] = tampered.split('&:signature=')
    createHmac('sha256', SECRET).update(unsigned!).digest('hex')
  })
})
