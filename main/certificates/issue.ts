/**
 * Certificates this app issues for its own loopback servers: node:crypto makes the RSA keys,
 * node-forge the X.509 certificates. A self-signed server certificate (the API verification
 * server), and a local CA with the leaf certificates it signs (the emulator's TLS front, which
 * answers as the vendor's host names).
 */
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto'
import forge from 'node-forge'

export interface IssuedCertificate {
  /** PKCS#1 PEM. */
  keyPem: string
  certPem: string
}

type AltName = { dns: string } | { ip: string }

interface IssueOptions {
  commonName: string
  now: Date
  days: number
  /** Who signs it; absent, it signs itself. */
  issuer?: IssuedCertificate
  ca?: boolean
  altNames?: AltName[]
}

function issue(options: IssueOptions): IssuedCertificate {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.rsa.setPublicKey(key.n, key.e)
  // A positive DER INTEGER with no leading zero byte (OpenSSL refuses padded ones).
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`
  cert.validity.notBefore = new Date(options.now.getTime() - 3_600_000)
  cert.validity.notAfter = new Date(options.now.getTime() + options.days * 86_400_000)
  const subject = [{ name: 'commonName', value: options.commonName }]
  cert.setSubject(subject)
  const issuerCert = options.issuer ? forge.pki.certificateFromPem(options.issuer.certPem) : null
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject)
  cert.setExtensions(
    options.ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' }
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', serverAuth: true },
          {
            name: 'subjectAltName',
            altNames: (options.altNames ?? []).map((n) =>
              'ip' in n ? { type: 7, ip: n.ip } : { type: 2, value: n.dns }
            )
          }
        ]
  )
  const signer = options.issuer ? forge.pki.privateKeyFromPem(options.issuer.keyPem) : key
  cert.sign(signer as forge.pki.rsa.PrivateKey, forge.md.sha256.create())
  return { keyPem, certPem: forge.pki.certificateToPem(cert) }
}

/** A self-signed server certificate for 127.0.0.1 and localhost. */
export function loopbackServerCertificate(now: Date, commonName: string): IssuedCertificate {
  return issue({ commonName, now, days: 30, altNames: [{ ip: '127.0.0.1' }, { dns: 'localhost' }] })
}

/** A local certificate authority, made once per data folder; its key is kept in the vault. */
export function localCa(now: Date): IssuedCertificate {
  return issue({ commonName: 'Embed Workbench local CA (emulator only)', now, days: 3650, ca: true })
}

/** A server certificate for these host names, signed by the local CA (short-lived, made at start). */
export function leafFor(ca: IssuedCertificate, hostnames: readonly string[], now: Date): IssuedCertificate {
  return issue({
    commonName: hostnames[0] ?? 'localhost',
    now,
    days: 30,
    issuer: ca,
    altNames: [...hostnames.map((dns) => ({ dns })), { dns: 'localhost' }, { ip: '127.0.0.1' }]
  })
}

/** SHA-256 of the certificate's SubjectPublicKeyInfo, base64: what Chromium's SPKI allow-list takes. */
export function spkiSha256(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('base64')
}
