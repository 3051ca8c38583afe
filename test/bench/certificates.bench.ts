/**
 * Certificate validation per format, through our validator (worker hop, node-forge where needed,
 * every check and finding) beside node:crypto alone doing the core checks (parse, decrypt, key
 * match, chain signature) and the `openssl` command doing the same checks, in the same run.
 */
import { execFileSync } from 'node:child_process'
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { bench, describe } from 'vitest'
import { validateCertificate } from '../../main/certificates/validate'
import { KEY_PASSPHRASE, makePki } from '../fixtures/pki'

const pki = makePki()
const root = new X509Certificate(pki.bytes('root.crt'))
const env = { ...process.env, KEY_PASS: KEY_PASSPHRASE }
const openssl = (...args: string[]) => execFileSync('openssl', args, { env, stdio: ['ignore', 'pipe', 'pipe'] })

function nodeAlone(cert: string, key: string, passphrase?: string) {
  const x509 = new X509Certificate(pki.bytes(cert))
  const privateKey = createPrivateKey({
    key: pki.bytes(key),
    passphrase,
    format: key.endsWith('.der') ? 'der' : 'pem',
    type: key.endsWith('.der') ? 'pkcs8' : undefined
  })
  if (!x509.checkPrivateKey(privateKey) || !x509.checkIssued(root) || !x509.verify(root.publicKey))
    throw new Error('invalid')
}

function opensslPem(cert: string, key: string, passphrase: boolean, der = false) {
  openssl(
    'verify',
    '-CAfile',
    pki.path('root.crt'),
    ...(der ? [] : []),
    pki.path(der ? cert.replace(/\.(der|cer)$/, '.crt') : cert)
  )
  const certKey = openssl('x509', '-in', pki.path(cert), ...(der ? ['-inform', 'DER'] : []), '-noout', '-pubkey')
  const keyPub = openssl(
    'pkey',
    '-in',
    pki.path(key),
    ...(der ? ['-inform', 'DER'] : []),
    ...(passphrase ? ['-passin', 'env:KEY_PASS'] : []),
    '-pubout'
  )
  if (!certKey.equals(keyPub)) throw new Error('mismatch')
}

const formats: { name: string; cert: string; key: string; passphrase: boolean }[] = [
  { name: 'PEM, RSA 2048 key unencrypted PKCS#8', cert: 'rsa.crt', key: 'rsa.key', passphrase: false },
  {
    name: 'PEM, EC P-256 key encrypted PKCS#8 (PBKDF2, 2048 iterations)',
    cert: 'ec256.crt',
    key: 'ec256-pkcs8-pbkdf2.key',
    passphrase: true
  },
  {
    name: 'PEM, RSA key encrypted PKCS#8 (scrypt N=16384)',
    cert: 'rsa.crt',
    key: 'rsa-pkcs8-scrypt.key',
    passphrase: true
  },
  {
    name: 'PEM, RSA key in legacy OpenSSL encrypted PEM (AES-256)',
    cert: 'rsa.crt',
    key: 'rsa-legacy-aes.key',
    passphrase: true
  },
  { name: 'DER certificate + DER PKCS#8 key', cert: 'rsa.der', key: 'rsa-pkcs8.der', passphrase: false }
]

for (const f of formats) {
  const input = () => ({
    certificate: f.cert.endsWith('.der') ? pki.uploaded(f.cert) : pki.pasted(f.cert),
    key: f.key.endsWith('.der') ? pki.uploaded(f.key) : pki.pasted(f.key),
    passphrase: f.passphrase ? KEY_PASSPHRASE : '',
    ca: pki.pasted('root.crt'),
    domains: '*.example.com'
  })
  describe(`${f.name} (target: 1.5x)`, () => {
    bench('ours: validateCertificate (full report)', async () => {
      const { report } = await validateCertificate(input(), new Date())
      if (!report.ok) throw new Error(report.findings[0]!.message)
    })
    bench('baseline: node:crypto alone: parse, decrypt, checkPrivateKey, checkIssued, verify', () =>
      nodeAlone(f.cert, f.key, f.passphrase ? KEY_PASSPHRASE : undefined)
    )
    bench('for comparison: openssl command: verify + x509 -pubkey + pkey -pubout', () =>
      opensslPem(f.cert, f.key, f.passphrase, f.cert.endsWith('.der'))
    )
  })
}

for (const [name, file, legacy] of [
  ['PKCS#12, current (AES-256-CBC, PBKDF2, SHA-256 MAC)', 'rsa-aes.p12', false],
  ['PKCS#12, legacy (RC2-40 + 3DES, SHA-1 MAC)', 'rsa-legacy.pfx', true]
] as const) {
  describe(legacy ? name : `${name} (target: 2x)`, () => {
    bench(
      legacy
        ? 'ours: validateCertificate (node-forge in the worker, full report)'
        : 'ours: validateCertificate (node:crypto, full report)',
      async () => {
        const { report } = await validateCertificate(
          {
            certificate: pki.uploaded(file),
            key: null,
            passphrase: KEY_PASSPHRASE,
            ca: pki.pasted('root.crt'),
            domains: '*.example.com'
          },
          new Date()
        )
        if (!report.ok) throw new Error(report.findings[0]!.message)
      }
    )
    if (!legacy) {
      // OpenSSL 3 (node:crypto's) opens only current PKCS#12 files, and exposes no API to read them: a TLS context is the closest check.
      bench('baseline: node:crypto alone: tls.createSecureContext({ pfx })', async () => {
        const { createSecureContext } = await import('node:tls')
        createSecureContext({ pfx: pki.bytes(file), passphrase: KEY_PASSPHRASE })
      })
    }
    bench('for comparison: openssl command: pkcs12 -nodes + verify', () => {
      const pem = openssl(
        'pkcs12',
        ...(legacy ? ['-legacy'] : []),
        '-in',
        pki.path(file),
        '-passin',
        'env:KEY_PASS',
        '-nodes'
      )
      execFileSync('openssl', ['verify', '-CAfile', pki.path('root.crt')], {
        input: pem.toString().split('-----BEGIN PRIVATE KEY-----')[0],
        stdio: ['pipe', 'pipe', 'pipe']
      })
    })
  })
}
