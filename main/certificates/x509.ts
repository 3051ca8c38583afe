/**
 * One X.509 certificate as node:crypto reads it (details, key description, the findings about the
 * leaf), and a chain checked link by link: issuer name, signature, CA flag, keyCertSign, key id.
 */
import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto'
import type { CertificateDetails, ChainLink, Finding } from '../../preload/contract'
import { certificateFinding } from '../protocol/findings'
import { certificateExtras, classifyDer, parseDer } from './asn1'
import type { Block } from './read-material'

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2'
const ANY_EKU = '2.5.29.37.0'

const ekuNames: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  [CLIENT_AUTH]: 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  [ANY_EKU]: 'anyExtendedKeyUsage'
}

const curves: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
  secp256k1: { name: 'secp256k1', bits: 256 },
  prime192v1: { name: 'P-192', bits: 192 },
  secp224r1: { name: 'P-224', bits: 224 }
}

export interface ParsedCert {
  x509: X509Certificate
  der: Buffer
  details: CertificateDetails
}

export function parseCertificates(blocks: Block[], field: string, findings: Finding[]): ParsedCert[] {
  const parsed: ParsedCert[] = []
  for (const block of blocks) {
    try {
      const x509 = new X509Certificate(block.der)
      parsed.push({ x509, der: block.der, details: describeCertificate(x509, block.der) })
    } catch (error) {
      const tree = parseDer(block.der)
      const shape = tree.ok ? classifyDer(tree.node).detail : 'not DER'
      findings.push(
        certificateFinding(
          'UNSUPPORTED_FORMAT',
          field,
          `${at(block)}node:crypto could not read this certificate (${(error as Error).message}); its structure reads as ${shape}.`,
          'Export it again as PEM: openssl x509 -in cert -out cert.pem (add -inform DER for binary files).'
        )
      )
    }
  }
  return parsed
}

export function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ')
}

function describeCertificate(x509: X509Certificate, der: Buffer): CertificateDetails {
  const { keyType, keySize, curve, description } = keyDescriptionOf(x509.publicKey)
  const extras = certificateExtras(der)
  const ekus = (x509 as X509Certificate & { keyUsage?: string[] }).keyUsage
  return {
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    subjectAltNames: x509.subjectAltName ? x509.subjectAltName.split(/,\s*/) : [],
    serialNumber: x509.serialNumber.toUpperCase(),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    keyType,
    keySize,
    curve,
    keyDescription: description,
    signatureAlgorithm: extras.signatureAlgorithm,
    fingerprintSha256: x509.fingerprint256,
    isCa: x509.ca,
    selfSigned: isSelfSigned(x509),
    extendedKeyUsage: ekus && ekus.length ? ekus.map((oid) => ekuNames[oid] ?? oid) : null,
    keyUsage: extras.keyUsage
  }
}

function isSelfSigned(x509: X509Certificate): boolean {
  try {
    return x509.subject === x509.issuer && x509.verify(x509.publicKey)
  } catch {
    return false
  }
}

export function safeCheckPrivateKey(x509: X509Certificate, key: KeyObject): boolean {
  try {
    return x509.checkPrivateKey(key)
  } catch {
    return false
  }
}

export function leafFindings({ details, x509 }: ParsedCert): Finding[] {
  const findings: Finding[] = []
  const name = details.subject
  if ((details.keyType === 'RSA' || details.keyType === 'RSA-PSS') && (details.keySize ?? 0) < 2048) {
    findings.push(
      certificateFinding(
        'WEAK_KEY',
        'certificate',
        `The certificate's key is RSA ${details.keySize}; servers require at least 2048 bits.`
      )
    )
  } else if (details.keyType === 'EC' && details.keySize !== null && details.keySize > 0 && details.keySize < 256) {
    findings.push(
      certificateFinding(
        'WEAK_KEY',
        'certificate',
        `The certificate's key is ${details.keyDescription}; servers require at least P-256.`
      )
    )
  }
  if (/sha1|SHA-1/i.test(details.signatureAlgorithm)) {
    findings.push(
      certificateFinding('SHA1_SIGNATURE', 'certificate', `${name} is signed with ${details.signatureAlgorithm}.`)
    )
  }
  const ekus = (x509 as X509Certificate & { keyUsage?: string[] }).keyUsage
  if (ekus && ekus.length && !ekus.includes(CLIENT_AUTH) && !ekus.includes(ANY_EKU)) {
    findings.push(
      certificateFinding(
        'NO_CLIENT_AUTH_EKU',
        'certificate',
        `The certificate may be used only for ${details.extendedKeyUsage!.join(', ')} (extended key usage), not for TLS client authentication (clientAuth).`
      )
    )
  }
  if (details.keyUsage && !details.keyUsage.includes('digitalSignature')) {
    findings.push(
      certificateFinding(
        'KEY_USAGE_NO_SIGNATURE',
        'certificate',
        `The certificate's key usage is ${details.keyUsage.join(', ') || 'empty'}, without digitalSignature.`
      )
    )
  }
  if (details.selfSigned) {
    findings.push(
      certificateFinding(
        'SELF_SIGNED',
        'certificate',
        `${name} is self-signed: it names itself as issuer and is signed by its own key.`
      )
    )
  }
  return findings
}

const keyTypeNames: Record<string, string> = {
  rsa: 'RSA',
  'rsa-pss': 'RSA-PSS',
  ec: 'EC',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
  dsa: 'DSA'
}

/** "RSA 2048", "EC P-256", "Ed25519" (and the parts), for a certificate's or a private key's key. */
function keyDescriptionOf(key: KeyObject): {
  keyType: string
  keySize: number | null
  curve: string | null
  description: string
} {
  const type = key.asymmetricKeyType ?? 'unknown'
  const details = key.asymmetricKeyDetails ?? {}
  const keyType = keyTypeNames[type] ?? type
  const curve = details.namedCurve ? (curves[details.namedCurve] ?? { name: details.namedCurve, bits: 0 }) : null
  const keySize = details.modulusLength ?? (curve?.bits || null)
  return {
    keyType,
    keySize,
    curve: curve?.name ?? null,
    description: curve ? `${keyType} ${curve.name}` : keySize ? `${keyType} ${keySize}` : keyType
  }
}

/** The first 16 hex of SHA-256 over the SubjectPublicKeyInfo: tells two keys of one type apart. */
function spkiId(key: KeyObject): string {
  try {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key
    return createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 16)
  } catch {
    return '?'
  }
}

export function mismatchMessage(leaf: ParsedCert, key: KeyObject, others: ParsedCert[]): string {
  const description = keyDescriptionOf(key).description
  const owner = others.find((c) => safeCheckPrivateKey(c.x509, key))
  if (owner)
    return `The key does not belong to the client certificate (${leaf.details.subject}); it belongs to ${owner.details.subject}, another certificate given here.`
  if (description !== leaf.details.keyDescription) {
    return `The key is ${description}, but the certificate (${leaf.details.subject}) was issued for an ${leaf.details.keyDescription} key.`
  }
  return `The key and the certificate are both ${description}, but different keys: the certificate's public key has SHA-256 ${spkiId(leaf.x509.publicKey)}…, the key's ${spkiId(key)}….`
}

/**
 * Walks from the leaf up: each certificate must name its issuer (checkIssued), carry a signature
 * that verifies with the issuer's key, and the issuer must be a CA. Valid when it reaches one of
 * the CA certificates given.
 */
export function verifyChain(
  leaf: ParsedCert,
  given: ParsedCert[],
  cas: ParsedCert[]
): { valid: boolean; links: ChainLink[]; problem: string } {
  const links: ChainLink[] = []
  const anchors = new Set(cas.map((c) => c.details.fingerprintSha256))
  const pool = [...given, ...cas]
  const used = new Set<string>([leaf.details.fingerprintSha256])
  let current = leaf
  for (let depth = 0; depth < 10; depth++) {
    if (anchors.has(current.details.fingerprintSha256)) return { valid: true, links, problem: '' }
    const fail = (issuedBy: string | null, problem: string) => {
      links.push({ subject: current.details.subject, issuedBy, ok: false, problem })
      return { valid: false, links, problem }
    }
    if (current.details.selfSigned) {
      return fail(
        null,
        `The chain ends at the self-signed ${current.details.subject}, which is not the CA certificate given (${cas.map((c) => c.details.subject).join('; ') || 'none'}).`
      )
    }
    // Candidates by name, as a TLS stack looks them up; the signature then decides.
    const named = pool.filter(
      (c) => !used.has(c.details.fingerprintSha256) && c.details.subject === current.details.issuer
    )
    if (!named.length) {
      // Without a CA nothing was asked to anchor the chain: the walk just stops here.
      if (!cas.length) return { valid: false, links, problem: '' }
      const problem = cas.length
        ? `${current.details.subject} was issued by "${current.details.issuer}", but no certificate given has that subject (the CA given is ${cas.map((c) => `"${c.details.subject}"`).join(', ')}).${given.length ? '' : ' If an intermediate CA sits between them, add it after the client certificate.'}`
        : `${current.details.subject} was issued by "${current.details.issuer}", which was not given.`
      return fail(null, problem)
    }
    const signer = named.find((c) => safe(() => current.x509.verify(c.x509.publicKey)))
    if (!signer) {
      return fail(
        named[0]!.details.subject,
        `${current.details.subject} was issued by "${current.details.issuer}", and a certificate given has that name, but it is a different CA: the signature does not verify with its key. It was re-created, or comes from another environment.`
      )
    }
    if (!signer.details.isCa) {
      return fail(
        signer.details.subject,
        `${current.details.subject} is signed by ${signer.details.subject}, but that certificate is not a CA (basicConstraints CA:FALSE), so servers refuse the chain.`
      )
    }
    if (signer.details.keyUsage && !signer.details.keyUsage.includes('keyCertSign')) {
      return fail(
        signer.details.subject,
        `${signer.details.subject} signed ${current.details.subject}, but its key usage lacks keyCertSign, so it may not issue certificates.`
      )
    }
    if (!safe(() => current.x509.checkIssued(signer.x509))) {
      return fail(
        signer.details.subject,
        `${current.details.subject} names ${signer.details.subject} as issuer and its signature verifies, but its authority key identifier points at another key.`
      )
    }
    links.push({ subject: current.details.subject, issuedBy: signer.details.subject, ok: true, problem: null })
    used.add(signer.details.fingerprintSha256)
    current = signer
  }
  return { valid: false, links, problem: 'The chain is longer than 10 certificates.' }
}

function safe(check: () => boolean): boolean {
  try {
    return check()
  } catch {
    return false
  }
}

/** Where in a pasted field a block starts, for messages ("line 12: ..."). */
export function at(block: Block): string {
  return block.line ? `line ${block.line}: ` : ''
}
