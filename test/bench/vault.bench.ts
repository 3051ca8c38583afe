/**
 * `npm run bench`: the vault's costs through the full service path (dispatch + schema + vault +
 * cipher + atomic file write), each beside its floor measured in the same run: for a write, one
 * durable atomic write of the same file (serialize the same data, write a temporary file, fsync,
 * rename), at 10, 100 and 1,000 credentials; for reads and unlock, bare node:crypto.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { storeFilePath, withFileLock, writeFileAtomic } from '../../main/store/json-file'
import { VAULT_FILE_NAME } from '../../main/store/vault-file'
import { bench, describe } from 'vitest'
import { runTempDir } from '../fixtures/temp'
import { dispatch } from '../../main/core/dispatch'
import { createHandlers, createServices } from '../../main/services'
import { defaultScryptParams } from '../../main/store/cipher'

const PASS = 'bench passphrase long enough'
async function vaultWith(count: number) {
  const dataDir = runTempDir('ewb-bench-')
  const services = await createServices({ dataDir })
  await services.vault.setUp(PASS, PASS)
  const handlers = createHandlers(services)
  for (let i = 0; i < count; i++) await dispatch(handlers, 'createCredential', { name: `seed ${i}` })
  return { services, handlers, dataDir }
}
// The create bench grows its vault; the list bench keeps exactly 50 to compare with 50 decrypts.
const created = await vaultWith(10)
const { services, handlers } = created
const listed = await vaultWith(50)

const key = randomBytes(32)
const secret = randomBytes(64).toString('hex')
function bareEncrypt(plain: string) {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', key, iv)
  return { iv, body: Buffer.concat([c.update(plain, 'utf8'), c.final()]), tag: c.getAuthTag() }
}
const sealed = Array.from({ length: 50 }, () => bareEncrypt(secret))

/** The floor of a write: the same data serialized as the store writes it, written durably and atomically. */
function durableWrite(path: string, data: unknown) {
  const temp = `${path}.bench-floor`
  const fd = openSync(temp, 'w', 0o600)
  writeSync(fd, JSON.stringify(data, undefined, '\t'))
  fsyncSync(fd)
  closeSync(fd)
  renameSync(temp, `${path}.bench-copy`)
}

for (const size of [10, 100, 1000]) {
  const vault = size === 10 ? created : await vaultWith(size)
  const file = storeFilePath(vault.dataDir, VAULT_FILE_NAME)
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown
  let n = 0
  describe(`create a credential in a vault of ${size.toLocaleString('en-US')} (target: 1.5x)`, () => {
    bench('service path: dispatch, generate, encrypt, seal, validate, lock, atomic write', async () => {
      await dispatch(vault.handlers, 'createCredential', { name: `bench ${n++}` })
    })
    bench('baseline: one durable atomic write of the same file (serialize, write, fsync, rename)', () => {
      durableWrite(file, data)
    })
    // What a write must do besides, whatever it costs: take the file lock (two processes at once)
    // and write the revision mark (an older vault file put back is recognised).
    bench('for comparison: the guarantees alone: file lock + the durable write + revision mark', () => {
      withFileLock(file, 'the vault', () => durableWrite(file, data))
      writeFileAtomic(join(vault.dataDir, 'bench-revision.json'), JSON.stringify({ revision: n, revoked: [] }))
    })
  })
}

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
