/**
 * Fuzzing the certificate readers: mutated PEM text, DER bytes and PKCS#12 files must always give
 * a report (findings that say what is wrong), never an exception, and never call a damaged input
 * valid unless node:crypto itself reads the mutated certificate.
 */
import { X509Certificate } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { validateCertificate } from '../../../main/certificates/validate'
import { KEY_PASSPHRASE, makePki, type Pki } from '../../fixtures/pki'

let pki: Pki
beforeAll(() => {
  pki = makePki()
}, 60_000)

function rng(seed: number) {
  return (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
}

function mutateBytes(bytes: Buffer, rand: (n: number) => number): Buffer {
  const out = Buffer.from(bytes)
  switch (rand(5)) {
    case 0: // flip a bit
      out[rand(out.length)]! ^= 1 << rand(8)
      return out
    case 1: // truncate
      return out.subarray(0, rand(out.length))
    case 2: // insert junk
      return Buffer.concat([
        out.subarray(0, rand(out.length)),
        Buffer.from([rand(256), rand(256)]),
        out.subarray(rand(out.length))
      ])
    case 3: // overwrite a length byte near the start
      out[1 + rand(Math.min(8, out.length - 1))] = rand(256)
      return out
    default: // duplicate a slice
      return Buffer.concat([out, out.subarray(rand(out.length))])
  }
}

function mutateText(text: string, rand: (n: number) => number): string {
  const chars = [...text]
  const at = rand(chars.length)
  switch (rand(6)) {
    case 0:
      chars[at] = String.fromCharCode(rand(0x3000))
      break
    case 1:
      chars.splice(at, 1 + rand(40))
      break
    case 2:
      chars.splice(at, 0, ['\n', ' ', '-----END CERTIFICATE-----', '=', '\uD83D', 'Proc-Type: 4,ENCRYPTED\n'][rand(6)]!)
      break
    case 3:
      return text.slice(0, at)
    case 4:
      return text.replace(/\n/g, ['\r\n', ' ', '', '\n\n'][rand(4)]!)
    default:
      return text + text.slice(at)
  }
  return chars.join('')
}

const mustReport = (report: { findings: unknown[]; ok: boolean }) => {
  expect(Array.isArray(report.findings)).toBe(true)
}

describe('fuzzed certificate and key input', () => {
  it('1500 mutated PEM certificates and keys: always a report, whatever passes is authentic', async () => {
    const rand = rng(42)
    const certs = ['rsa.crt', 'ec256.crt', 'ed25519.crt', 'via-int-chain.crt']
    const keys = ['rsa.key', 'ec256-legacy.key', 'rsa-pkcs8-pbkdf2.key', 'ec256-sec1.key']
    const originals = ['rsa.crt', 'ec256.crt', 'ed25519.crt', 'via-int.crt', 'int.crt'].map(
      (n) => new X509Certificate(pki.bytes(n)).fingerprint256
    )
    for (let i = 0; i < 1500; i++) {
      const certName = certs[rand(certs.length)]!
      const mutateCert = rand(2) === 0
      const certText = mutateCert ? mutateText(pki.text(certName), rand) : pki.text(certName)
      const keyText = mutateCert
        ? pki.text(keys[rand(keys.length)]!)
        : mutateText(pki.text(keys[rand(keys.length)]!), rand)
      const { report } = await validateCertificate(
        {
          certificate: { text: certText },
          key: { text: keyText },
          passphrase: KEY_PASSPHRASE,
          ca: { text: pki.text('root.crt') },
          domains: 'a.example.com'
        },
        new Date()
      )
      mustReport(report)
      if (report.ok) {
        // Accepted against the CA means authentic: a mutation that changed the certificate's bytes
        // was caught (damaged base64/DER, node:crypto refused it, or the chain no longer verifies).
        expect(originals).toContain(report.certificate!.fingerprintSha256)
        expect(report.chainValid).toBe(true)
      }
    }
  }, 120_000)

  it('1500 mutated DER certificates and keys: always a report', async () => {
    const rand = rng(7)
    for (let i = 0; i < 1500; i++) {
      const cert =
        rand(3) === 0 ? pki.bytes('ec256.cer') : mutateBytes(pki.bytes(rand(2) ? 'rsa.der' : 'ec256.cer'), rand)
      const key = mutateBytes(pki.bytes(rand(2) ? 'rsa-pkcs8.der' : 'ec256-pkcs8-enc.der'), rand)
      const { report } = await validateCertificate(
        {
          certificate: { fileName: 'c.der', base64: cert.toString('base64') },
          key: { fileName: 'k.der', base64: key.toString('base64') },
          passphrase: KEY_PASSPHRASE,
          ca: null,
          domains: ''
        },
        new Date()
      )
      mustReport(report)
    }
  }, 120_000)

  it('150 mutated PKCS#12 files (node-forge in the worker): a report every time', async () => {
    const rand = rng(99)
    for (let i = 0; i < 150; i++) {
      const pfx = mutateBytes(pki.bytes(rand(2) ? 'rsa-legacy.pfx' : 'ec256-aes.p12'), rand)
      const { report } = await validateCertificate(
        {
          certificate: { fileName: 'x.p12', base64: pfx.toString('base64') },
          key: null,
          passphrase: KEY_PASSPHRASE,
          ca: null,
          domains: ''
        },
        new Date()
      )
      mustReport(report)
      if (!report.certificate) expect(report.findings.some((f) => f.severity === 'error')).toBe(true)
    }
  }, 120_000)

  it('random bytes and random text of every size', async () => {
    const rand = rng(3)
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(Array.from({ length: rand(3000) }, () => rand(256)))
      if (rand(2)) bytes[0] = 0x30
      const { report } = await validateCertificate(
        {
          certificate: { fileName: 'r.bin', base64: bytes.toString('base64') },
          key: { text: bytes.toString('latin1') },
          passphrase: '',
          ca: { text: bytes.toString('utf8') },
          domains: bytes.toString('latin1')
        },
        new Date()
      )
      mustReport(report)
      expect(report.ok).toBe(false)
    }
  }, 120_000)
})
