/**
 * Current PKCS#12 files read with node:crypto (issue 18, item 8) give what node-forge gives and what
 * openssl's own `pkcs12` command prints, for every variant openssl writes; legacy files and files
 * this reader does not follow are left to node-forge; a wrong passphrase or a changed byte is said.
 */
import { execFileSync } from 'node:child_process'
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openPkcs12 } from '../../../main/certificates/off-thread'
import { openCurrentPkcs12 } from '../../../main/certificates/pkcs12'
import { KEY_PASSPHRASE, makePki, type Pki } from '../../fixtures/pki'

let pki: Pki
/** More variants than the fixtures: openssl pkcs12 -export with these options, from rsa.crt/rsa.key. */
const variants: Record<string, string[]> = {
  'default (AES-256-CBC, PBKDF2-SHA256, SHA-256 MAC)': [],
  'AES-128-CBC, SHA-1 MAC': ['-certpbe', 'AES-128-CBC', '-keypbe', 'AES-128-CBC', '-macalg', 'sha1'],
  'certificates not encrypted': ['-certpbe', 'NONE'],
  'nothing encrypted (key in a plain key bag)': ['-certpbe', 'NONE', '-keypbe', 'NONE'],
  '10,000 iterations, SHA-512 MAC': ['-iter', '10000', '-macalg', 'sha512'],
  'with a friendly name and the CA chain': ['-name', 'Customer client', '-certfile', 'root.crt']
}

/** `openssl pkcs12 -export` of a certificate and its key into `out`, with these options. */
function exportP12(out: string, options: string[], from = { cert: 'rsa.crt', key: 'rsa.key' }, pass = KEY_PASSPHRASE) {
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-in', from.cert, '-inkey', from.key, '-passout', `pass:${pass}`, '-out', out, ...options],
    { cwd: pki.dir, stdio: 'pipe' }
  )
}

beforeAll(() => {
  pki = makePki()
  for (const [i, args] of Object.values(variants).entries()) exportP12(`v${i}.p12`, args)
}, 60_000)

const pkcs8 = (der: Buffer) => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })

describe('openCurrentPkcs12', () => {
  it('reads every current variant openssl writes as node-forge does, and as openssl prints it', async () => {
    for (const [i, name] of Object.keys(variants).entries()) {
      const file = readFileSync(join(pki.dir, `v${i}.p12`))
      const ours = await openCurrentPkcs12(file, KEY_PASSPHRASE)
      const forge = await openPkcs12({ der: file, passphrase: KEY_PASSPHRASE })
      expect(ours, name).not.toBeNull()
      if (!ours?.ok || !forge.ok) throw new Error(`${name}: not opened`)
      expect(
        ours.certificates.map((c) => c.der.toString('hex')),
        name
      ).toEqual(forge.certificates.map((c) => c.der.toString('hex')))
      expect(
        ours.certificates.map((c) => c.localKeyId),
        name
      ).toEqual(forge.certificates.map((c) => c.localKeyId))
      expect(
        ours.keys.map((k) => k.localKeyId),
        name
      ).toEqual(forge.keys.map((k) => k.localKeyId))
      expect(ours.keys).toHaveLength(1)
      // The key and certificate are the ones that went in (openssl's own files).
      expect(pkcs8(ours.keys[0]!.der).equals(createPrivateKey(pki.text('rsa.key')))).toBe(true)
      expect(new X509Certificate(ours.certificates[0]!.der).fingerprint256).toBe(
        new X509Certificate(pki.text('rsa.crt')).fingerprint256
      )
    }
  })

  it('says a wrong or missing passphrase is the MAC not verifying', async () => {
    const file = pki.bytes('rsa-aes.p12')
    expect(await openCurrentPkcs12(file, 'not the passphrase')).toMatchObject({ ok: false, reason: 'mac' })
    expect(await openCurrentPkcs12(file, '')).toMatchObject({ ok: false, reason: 'mac' })
  })

  it('reads a file made without a passphrase, with an empty one', async () => {
    exportP12('empty.p12', [], { cert: 'ec256.crt', key: 'ec256.key' }, '')
    const opened = await openCurrentPkcs12(pki.bytes('empty.p12'), '')
    expect(opened).toMatchObject({ ok: true })
    if (opened?.ok) expect(pkcs8(opened.keys[0]!.der).asymmetricKeyType).toBe('ec')
  })

  it('leaves a file asking for more key-derivation rounds than it reads in this thread to node-forge (in the worker)', async () => {
    exportP12('slow.p12', ['-iter', '200000'])
    expect(await openCurrentPkcs12(pki.bytes('slow.p12'), KEY_PASSPHRASE)).toBeNull()
  })

  it('leaves legacy files (RC2-40 + 3DES) to node-forge', async () => {
    expect(await openCurrentPkcs12(pki.bytes('rsa-legacy.pfx'), KEY_PASSPHRASE)).toBeNull()
  })

  it('a changed byte anywhere is never read as a good file: refused, or left to node-forge', async () => {
    const file = pki.bytes('rsa-aes.p12')
    for (let at = 0; at < file.length; at += 7) {
      const changed = Buffer.from(file)
      changed[at] = changed[at]! ^ 0x20
      const opened = await openCurrentPkcs12(changed, KEY_PASSPHRASE)
      expect(opened?.ok ?? false, `byte ${at}`).toBe(false)
    }
  })
})
