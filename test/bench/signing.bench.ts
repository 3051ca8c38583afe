/**
 * Signing through the full service path (dispatch, schema, persona, vault decrypt, sign, self-check)
 * beside bare createHmac / jose baselines, and inspect + forensics on a URL with one tampered
 * parameter, all measured in the same run. vitest prints the ratios.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { statSync } from 'node:fs'
import { bench, describe } from 'vitest'
import { recordRow } from './rows'
import { contract } from '../../preload/contract'
import { storeFilePath } from '../../main/store/json-file'
import { VAULT_FILE_NAME } from '../../main/store/vault-file'
import { runTempDir } from '../fixtures/temp'
import { inspectEmbed } from '../../main/inspector/inspector'
import { dispatch } from '../../main/core/dispatch'
import { createHandlers, createServices } from '../../main/services'
import { signUrl } from '../../main/signing/signer'
import { signatureForensics, type ForensicsInput } from '../../main/inspector/forensics'
import { hmacSha256 } from '../../main/core/hmac'
import { parseUrl, signedPortion } from '../../main/protocol/embed-url'
import { CLIENT_ID, credentials, NOW, options, salesManager, SECRET, WORKBOOK_URL } from '../fixtures/embed'

const dataDir = runTempDir('ewb-bench-sign-')
const services = await createServices({ dataDir })
const vaultFile = storeFilePath(dataDir, VAULT_FILE_NAME)
await services.vault.setUp('bench passphrase long enough', 'bench passphrase long enough')
const handlers = createHandlers(services)
const imported = await dispatch(handlers, 'importCredential', { name: 'Bench', clientId: CLIENT_ID, secret: SECRET })
if (!imported.ok) throw new Error(imported.error.message)
const credentialId = (imported.value as { credential: { id: string } }).credential.id
const personaId = services.personas.list()[0]!.id
const urlInput = { method: 'url', credentialId, personaId, options: options() }
const jwtInput = { method: 'jwt', credentialId, personaId, options: options({ embedPath: WORKBOOK_URL }) }

describe('sign a URL (target: 3x)', () => {
  bench('service path: dispatch signEmbedUrl (url)', async () => {
    await dispatch(handlers, 'signEmbedUrl', urlInput)
  })
  bench('baseline: bare createHmac over the same-length URL', () => {
    const unsigned = `https://app.sigmacomputing.com/embed/1-abc?:nonce=${randomUUID()}&:client_id=${CLIENT_ID}&:email=sales.manager@example.com&:external_user_id=sales-manager-1&:external_user_team=Sales_Managers&:account_type=Creator&:mode=userbacked&:session_length=600&:time=${NOW}`
    createHmac('sha256', SECRET).update(unsigned).digest('hex')
  })
  // What the service must do whatever it costs, beside the HMAC: check the channel's input, and
  // stat the vault file (so a credential revoked by another process is refused at once).
  bench(
    'for comparison: the guarantees alone: bare HMAC + the channel schema check + one stat of the vault file',
    () => {
      contract.signEmbedUrl.input.safeParse(urlInput)
      statSync(vaultFile)
      createHmac('sha256', SECRET).update(`${WORKBOOK_URL}?:nonce=${randomUUID()}`).digest('hex')
    }
  )
})

describe('sign a JWT (target: 1.5x)', () => {
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

describe('a tampered 250 KB URL, the worst case a paste may cost (limit: 100 ms)', () => {
  bench(
    'inspect + forensics to its budget',
    () => {
      inspectEmbed(big, { credentials, now: NOW })
    },
    { iterations: 10, time: 0 }
  )
})

/**
 * Forensics beside the MACs it needs: the same search, and a replay of exactly the HMACs it
 * computed (same keys, same messages, recorded once), so the ratio is its own overhead per MAC.
 */
function forensicsInput(url: string, digest: ForensicsInput['digest']): ForensicsInput {
  const parsed = parseUrl(url)
  const signature = parsed.params.find((p) => p.name === ':signature')!
  return {
    message: signedPortion(parsed)!,
    claimed: Buffer.from(signature.value, 'hex'),
    digest,
    expectedKeys: [{ label: 'Staging', secret: SECRET }],
    otherKeys: [{ label: 'Old prod', secret: credentials[1]!.secret }],
    url: { parsed, signedParams: parsed.params.filter((p) => p.index < signature.index) },
    param: ':signature'
  }
}
const needed: [string | Buffer, string][] = []
const found = signatureForensics(forensicsInput(tampered, (key, m) => (needed.push([key, m]), hmacSha256(key, m))))
if (!found.findings.length) throw new Error('the bench case must be one forensics identifies')
console.log(
  `forensics on the tampered URL: ${found.work.macs} MACs over ${found.work.bytes.toLocaleString('en-US')} bytes`
)
const plainInput = forensicsInput(tampered, hmacSha256)

describe('forensics, per MAC it needs (target: 2x)', () => {
  bench(`signatureForensics: finds the changed value (${found.work.macs} MACs)`, () => {
    signatureForensics(plainInput)
  })
  bench(`baseline: the same ${needed.length} HMACs, replayed`, () => {
    for (const [key, m] of needed) hmacSha256(key, m)
  })
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

/**
 * The inspector by the number of parameters (10, 100, 1,000 user attributes), as cost per
 * parameter beside the cost per parameter at 10: flat down the series means linear in its input.
 * Timed here (median of 15 runs of a loop) so the rows can be divided by each other.
 */
function perParameter(count: number): number {
  const url = signUrl({
    persona: {
      ...salesManager,
      userAttributes: Array.from({ length: count }, (_, i) => ({ name: `Attribute_${i}`, values: [`value-${i}`] }))
    },
    options: options(),
    key: { clientId: CLIENT_ID, secret: SECRET },
    now: NOW
  }).url
  const loops = Math.max(5, Math.round(20_000 / count))
  const runs: number[] = []
  for (let run = 0; run < 15; run++) {
    const started = performance.now()
    for (let i = 0; i < loops; i++) inspectEmbed(url, { credentials, now: NOW })
    runs.push((performance.now() - started) / loops / count)
  }
  return runs.sort((x, y) => x - y)[7]!
}
const perTen = perParameter(10)
for (const count of [10, 100, 1000])
  recordRow({
    group: 'inspector, per parameter by the number of user attributes (a valid URL, every parameter checked)',
    operation: `${count.toLocaleString('en-US')} attributes`,
    value: count === 10 ? perTen : perParameter(count),
    floor: 'per parameter at 10 attributes',
    floorValue: perTen,
    target: 1.5
  })
