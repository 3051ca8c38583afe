/**
 * `npm run bench`: the vault's costs through the full service path (dispatch + schema + vault +
 * cipher + atomic file write), each beside a bare node:crypto baseline measured in the same run.
 * vitest prints the ratio ("x times faster than") per group.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { bench, describe } from 'vitest'
import { runTempDir } from '../fixtures/temp'
import { dispatch } from '../../main/core/dispatch'
import { createHandlers, createServices } from '../../main/services'
import { defaultScryptParams } from '../../main/store/cipher'

const PASS = 'bench passphrase long enough'
async function vaultWith(count: number) {
  const services = await createServices({ dataDir: runTempDir('ewb-bench-') })
  await services.vault.setUp(PASS, PASS)
  const handlers = createHandlers(services)
  for (let i = 0; i < count; i++) await dispatch(handlers, 'createCredential', { name: `seed ${i}` })
  return { services, handlers }
}
// The create bench grows its vault; the list bench keeps exactly 50 to compare with 50 decrypts.
const { services, handlers } = await vaultWith(10)
const listed = await vaultWith(50)

const key = randomBytes(32)
const secret = randomBytes(64).toString('hex')
function bareEncrypt(plain: string) {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, iv)
  return { iv, body: Buffer.concat([c.update(plain, 'utf8'), c.final()]), tag: c.getAuthTag() }
}
const sealed = Array.from({ length: 50 }, () => bareEncrypt(secret))

let n = 0
describe('create a credential', () => {
  bench('service path: dispatch, generate, encrypt, atomic write', async () => {
    await dispatch(handlers, 'createCredential', { name: `bench ${n++}` })
  })
  bench('baseline: bare AES-256-GCM encrypt of one secret', () => {
    bareEncrypt(secret)
  })
})

describe('list 50 credentials (decrypt each for its fingerprint)', () => {
  bench('service path: dispatch listCredentials', async () => {
    await dispatch(listed.handlers, 'listCredentials', {})
  })
  bench('baseline: bare AES-256-GCM decrypt of 50 secrets', () => {
    for (const s of sealed) {
      const d = createDecipheriv('aes-256-gcm', key, s.iv)
      d.setAuthTag(s.tag)
      Buffer.concat([d.update(s.body), d.final()])
    }
  })
})

describe(`unlock the vault (scrypt N=2^${Math.log2(defaultScryptParams.N)})`, () => {
  bench(
    'service path: lock + unlockVault through dispatch',
    async () => {
      services.vault.lock()
      await dispatch(handlers, 'unlockVault', { passphrase: PASS })
    },
    { iterations: 10, time: 0 }
  )
  bench(
    'baseline: bare crypto.scrypt with the same parameters',
    async () => {
      await new Promise<void>((resolve, reject) =>
        scrypt(PASS, 'salt', 32, { ...defaultScryptParams, maxmem: 256 * 1024 * 1024 }, (error) =>
          error ? reject(error) : resolve()
        )
      )
    },
    { iterations: 10, time: 0 }
  )
})
