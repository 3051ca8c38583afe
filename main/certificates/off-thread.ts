/**
 * The slow part of reading a key runs off the main thread: PBKDF2 or scrypt behind an encrypted
 * key (OpenSSL runs it synchronously inside createPrivateKey) and node-forge's pure-JS PKCS#12
 * decryption. In the desktop app the main process keeps answering the window meanwhile.
 *
 * The worker is a few lines of plain CommonJS evaluated from a string, so the same code runs
 * under Electron's bundled main, the CLI, browser mode and the tests without a separate build
 * entry. It does no validation of its own: it opens, and returns PKCS#8 / X.509 DER.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

export type KeyTask = {
  op: 'key'
  /** PEM text (with any Proc-Type / DEK-Info headers) or DER bytes. */
  key: string | Uint8Array
  format: 'pem' | 'der'
  type?: 'pkcs8' | 'pkcs1' | 'sec1'
  passphrase?: string
}
/** A key read (in the worker it travels back as PKCS#8 DER, made a KeyObject again here). */
export type KeyResult = { ok: true; key: KeyObject } | { ok: false; code: string; message: string }
type WorkerKeyResult = { ok: true; pkcs8: Uint8Array } | { ok: false; code: string; message: string }

export type Pkcs12Task = { op: 'pkcs12'; der: Uint8Array; passphrase: string }
export type Pkcs12Result =
  | {
      ok: true
      certificates: { der: Buffer; localKeyId: string | null }[]
      keys: { der: Buffer; localKeyId: string | null }[]
    }
  | { ok: false; reason: 'mac' | 'decrypt' | 'parse'; message: string }

const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const crypto = require('node:crypto')
let forge = null
parentPort.on('message', ({ id, task }) => {
  let result
  try {
    result = task.op === 'key' ? openKey(task) : openPkcs12(task)
  } catch (error) {
    result = { ok: false, code: 'WORKER_FAILED', reason: 'parse', message: String((error && error.message) || error) }
  }
  parentPort.postMessage({ id, result })
})
function openKey(task) {
  try {
    const key = crypto.createPrivateKey({
      key: task.format === 'pem' ? task.key : Buffer.from(task.key),
      format: task.format,
      type: task.type,
      passphrase: task.passphrase
    })
    return { ok: true, pkcs8: key.export({ format: 'der', type: 'pkcs8' }) }
  } catch (error) {
    return { ok: false, code: error.code || 'ERR', message: error.message }
  }
}
function openPkcs12(task) {
  forge = forge || require(workerData.forgePath)
  const binary = Buffer.from(task.der).toString('binary')
  // An empty passphrase is written two ways (empty BMPString or none at all): try both.
  const passwords = task.passphrase ? [task.passphrase] : ['', null]
  let p12 = null
  let failure = null
  for (const password of passwords) {
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(binary, false), false, password)
      break
    } catch (error) {
      const message = String((error && error.message) || error)
      failure = { ok: false, reason: /MAC could not be verified/i.test(message) ? 'mac' : /decrypt/i.test(message) ? 'decrypt' : 'parse', message }
    }
  }
  if (!p12) return failure
  const certificates = []
  const keys = []
  const toDer = (node) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary')
  for (const safeContents of p12.safeContents) {
    for (const bag of safeContents.safeBags) {
      const ids = bag.attributes && bag.attributes.localKeyId
      const localKeyId = ids && ids[0] ? Buffer.from(ids[0], 'binary').toString('hex') : null
      if (bag.type === forge.pki.oids.certBag) {
        certificates.push({ der: toDer(bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1), localKeyId })
      } else if (bag.type === forge.pki.oids.pkcs8ShroudedKeyBag || bag.type === forge.pki.oids.keyBag) {
        const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1
        keys.push({ der: toDer(info), localKeyId })
      }
    }
  }
  return { ok: true, certificates, keys }
}
`

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

let worker: Worker | null = null
let nextId = 1
const pending = new Map<number, Pending>()

function forgePath(): string {
  return createRequire(__filename).resolve('node-forge')
}

function getWorker(): Worker {
  if (worker) return worker
  const created = new Worker(workerSource, { eval: true, workerData: { forgePath: forgePath() } })
  created.on('message', ({ id, result }: { id: number; result: unknown }) => {
    const entry = pending.get(id)
    if (!entry) return
    pending.delete(id)
    entry.resolve(result)
    if (!pending.size) created.unref()
  })
  const fail = (error: Error) => {
    if (worker === created) worker = null
    for (const entry of pending.values()) entry.reject(error)
    pending.clear()
  }
  created.on('error', fail)
  created.on('exit', (code) => fail(new Error(`The key worker stopped (exit code ${code}).`)))
  worker = created
  return created
}

function run<T>(task: KeyTask | Pkcs12Task): Promise<T> {
  const target = getWorker()
  const id = nextId++
  target.ref()
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
    target.postMessage({ id, task })
  })
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** Opens a private key (decrypting it with the passphrase) in the worker. */
export async function openPrivateKey(task: Omit<KeyTask, 'op'>): Promise<KeyResult> {
  const result = await run<WorkerKeyResult>({ op: 'key', ...task })
  return result.ok
    ? { ok: true, key: createPrivateKey({ key: asBuffer(result.pkcs8), format: 'der', type: 'pkcs8' }) }
    : result
}

/** Decrypts a PKCS#12 file with node-forge in the worker; returns its certificates and keys as DER. */
export async function openPkcs12(task: Omit<Pkcs12Task, 'op'>): Promise<Pkcs12Result> {
  const result = await run<Pkcs12Result>({ op: 'pkcs12', ...task })
  if (!result.ok) return result
  return {
    ok: true,
    certificates: result.certificates.map((c) => ({ der: asBuffer(c.der), localKeyId: c.localKeyId })),
    keys: result.keys.map((k) => ({ der: asBuffer(k.der), localKeyId: k.localKeyId }))
  }
}
