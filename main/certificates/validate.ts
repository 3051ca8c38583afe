/**
 * Validates a client certificate, its key, passphrase and CA the way a TLS server will judge them,
 * and says precisely what is wrong. node:crypto decides (X509Certificate, createPrivateKey,
 * checkPrivateKey, checkIssued, verify); node-forge reads PKCS#12 bags and explains structure.
 * An EC or Ed25519 certificate is never refused because node-forge cannot read it.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto'
import type {
  CertificateDetails,
  CertificateMaterial,
  CertificateReport,
  ChainLink,
  Finding,
  PassphraseState
} from '../../preload/contract'
import { certificateFinding, hasError, sortFindings } from '../protocol/findings'
import { describePkcs12, parseDer } from './asn1'
import { matchAuthorizedDomains, parseAuthorizedDomains } from './domains'
import { openCurrentPkcs12 } from './pkcs12'
import { openPkcs12 } from './off-thread'
import { blockDescription, readMaterial, unpackPkcs7, type Block } from './read-material'
import { at, leafFindings, mismatchMessage, oneLine, parseCertificates, safeCheckPrivateKey, verifyChain } from './x509'
import { openKeyBlock } from './keys'

export interface CertificateInput {
  certificate: CertificateMaterial | null
  key: CertificateMaterial | null
  passphrase: string
  ca: CertificateMaterial | null
  domains: string
  /** Checks this host against the authorized domains (HOST_NOT_AUTHORIZED). */
  host?: { host: string; port: number } | null
}

export interface Validated {
  report: CertificateReport
  /** The client certificate and the chain given with it, leaf first, as PEM. Public. */
  certificatePem: string | null
  caPem: string | null
  /** The opened private key, for TLS in main. Never crosses a channel. */
  privateKey: KeyObject | null
  /** The certificate could be read, and so could the key if one was given: it can be stored. */
  readable: boolean
}

export const EXPIRING_SOON_DAYS = 30
const DAY = 86_400_000
const KEY_KINDS = new Set([
  'private-key',
  'encrypted-private-key',
  'rsa-private-key',
  'ec-private-key',
  'dsa-private-key',
  'openssh-private-key'
])
/** The key kinds node:crypto opens for TLS; DSA and OpenSSH keys get their own explanation. */
const OPENABLE_KEY_KINDS = new Set(['private-key', 'encrypted-private-key', 'rsa-private-key', 'ec-private-key'])

export async function validateCertificate(input: CertificateInput, now: Date): Promise<Validated> {
  const findings: Finding[] = []
  const certRead = readMaterial(input.certificate, 'certificate')
  const keyRead = readMaterial(input.key, 'key')
  const caRead = readMaterial(input.ca, 'ca')
  findings.push(...certRead.findings, ...keyRead.findings, ...caRead.findings)

  // Sort every block into what it can be used as, and say so when it is in the wrong field.
  const certBlocks: Block[] = []
  const keyBlocks: Block[] = []
  const pfxBlocks: { block: Block; field: string }[] = []
  const caBlocks: Block[] = []
  for (const block of unpackPkcs7(certRead.blocks)) {
    if (block.kind === 'certificate') certBlocks.push(block)
    else if (block.kind === 'pkcs12') pfxBlocks.push({ block, field: 'certificate' })
    else if (KEY_KINDS.has(block.kind)) {
      findings.push(
        certificateFinding(
          'WRONG_BLOCK_TYPE',
          'certificate',
          `The Client certificate field holds a private key (${at(block)}${block.label}). Move that block to Client key: a key in the certificate field would be treated as public.`
        )
      )
    } else misplaced(block, 'certificate', findings)
  }
  for (const block of unpackPkcs7(keyRead.blocks)) {
    if (OPENABLE_KEY_KINDS.has(block.kind)) keyBlocks.push(block)
    else if (block.kind === 'pkcs12') pfxBlocks.push({ block, field: 'key' })
    else if (block.kind === 'certificate') {
      findings.push(
        certificateFinding(
          'WRONG_BLOCK_TYPE',
          'key',
          `The Client key field holds a certificate (${at(block)}${subjectOf(block.der)}), not a private key. Paste the PRIVATE KEY block the certificate was issued for; the certificate goes under Client certificate.`
        )
      )
    } else if (block.kind === 'public-key') {
      findings.push(
        certificateFinding(
          'WRONG_BLOCK_TYPE',
          'key',
          `The Client key field holds a public key (${at(block)}${block.label}). The client key is the private half, kept by whoever generated the certificate request.`
        )
      )
    } else misplaced(block, 'key', findings)
  }
  for (const block of unpackPkcs7(caRead.blocks)) {
    if (block.kind === 'certificate') caBlocks.push(block)
    else if (KEY_KINDS.has(block.kind)) {
      findings.push(
        certificateFinding(
          'WRONG_BLOCK_TYPE',
          'ca',
          `The CA certificate field holds a private key (${at(block)}${block.label}). It needs only the CA's certificate; remove the key from it.`
        )
      )
    } else misplaced(block, 'ca', findings)
  }

  // PKCS#12: one file carries certificates and the key, behind the passphrase.
  let passphrase: PassphraseState = 'not-checked'
  let keyFormat: string | null = null
  let certificateFormat: string | null = certBlocks.length ? chainFormat(certRead.encoding, certBlocks.length) : null
  const pfxCertificates: Buffer[] = []
  let pfxKey: Buffer | null = null
  if (pfxBlocks.length) {
    const { block, field } = pfxBlocks[0]!
    const parsed = parseDer(block.der)
    const description = parsed.ok ? describePkcs12(parsed.node).text : 'PKCS#12'
    // node:crypto for current files; node-forge (in the worker) for legacy ones and anything else.
    const opened =
      (await openCurrentPkcs12(block.der, input.passphrase)) ??
      (await openPkcs12({ der: block.der, passphrase: input.passphrase }))
    if (!opened.ok) {
      if (opened.reason === 'parse') {
        findings.push(
          certificateFinding(
            'INPUT_DAMAGED',
            field,
            `The PKCS#12 file could not be read (node-forge: ${opened.message}).`
          )
        )
      } else if (!input.passphrase) {
        passphrase = 'required'
        findings.push(
          certificateFinding(
            'PASSPHRASE_REQUIRED',
            'passphrase',
            `The PKCS#12 file is protected by a passphrase (${description}).`
          )
        )
      } else {
        passphrase = 'wrong'
        findings.push(
          certificateFinding(
            'PASSPHRASE_WRONG',
            'passphrase',
            `The passphrase does not open the PKCS#12 file: its ${opened.reason === 'mac' ? 'integrity check (MAC)' : 'key'} does not verify with it.`
          )
        )
      }
    } else {
      passphrase = input.passphrase ? 'correct' : 'not-needed'
      pfxCertificates.push(...opened.certificates.map((c) => c.der))
      pfxKey = opened.keys[0]?.der ?? null
      if (field === 'certificate' || !certBlocks.length) certificateFormat = description
      keyFormat = description
    }
    if (pfxBlocks.length > 1)
      findings.push(
        certificateFinding(
          'WRONG_BLOCK_TYPE',
          pfxBlocks[1]!.field,
          'Two PKCS#12 files were given; only the first was read.'
        )
      )
  }

  // The private key.
  let privateKey: KeyObject | null = null
  const keyGiven = keyBlocks.length > 0 || pfxBlocks.length > 0
  if (keyBlocks.length > 1) {
    findings.push(
      certificateFinding(
        'WRONG_BLOCK_TYPE',
        'key',
        `The Client key field holds ${keyBlocks.length} private keys; keep only the one the certificate was issued for. The first was used.`
      )
    )
  }
  if (keyBlocks.length) {
    const opened = await openKeyBlock(keyBlocks[0]!, input.passphrase, keyRead.encoding)
    keyFormat = opened.format
    passphrase = opened.passphrase
    privateKey = opened.key
    findings.push(...opened.findings)
  } else if (pfxKey) {
    privateKey = createPrivateKey({ key: pfxKey, format: 'der', type: 'pkcs8' })
  }

  // Certificates: node:crypto reads them (RSA, EC and EdDSA alike).
  const fromField = parseCertificates(certBlocks, 'certificate', findings)
  const fromPfx = parseCertificates(
    pfxCertificates.map((der) => ({
      kind: 'certificate',
      label: 'certificate from the PKCS#12 file',
      der,
      pem: null,
      legacyCipher: null,
      line: null
    })),
    'certificate',
    findings
  )
  const pool = fromField.length ? fromField : fromPfx
  const cas = parseCertificates(caBlocks, 'ca', findings)

  let leafIndex = pool.findIndex((c) => privateKey !== null && safeCheckPrivateKey(c.x509, privateKey))
  if (leafIndex < 0) leafIndex = pool.findIndex((c) => !c.details.isCa)
  if (leafIndex < 0) leafIndex = 0
  const leaf = pool[leafIndex] ?? null
  const chain = pool.filter((_, i) => i !== leafIndex)
  if (leaf && leafIndex > 0 && fromField.length) {
    findings.push(
      certificateFinding(
        'CHAIN_ORDER',
        'certificate',
        `The client certificate (${leaf.details.subject}) is number ${leafIndex + 1} of ${pool.length} in the field; it should come first, followed by its issuers.`
      )
    )
  }

  if (
    !leaf &&
    !certRead.findings.length &&
    !findings.some((f) => f.param === 'certificate' || (pfxBlocks.length && f.param === 'passphrase'))
  ) {
    findings.push(
      certificateFinding(
        'CERTIFICATE_MISSING',
        'certificate',
        certRead.empty && !pfxBlocks.length
          ? 'No client certificate was given.'
          : 'No certificate was found in the Client certificate field.'
      )
    )
  }

  let keyMatches: boolean | null = null
  if (leaf && privateKey) {
    keyMatches = safeCheckPrivateKey(leaf.x509, privateKey)
    if (!keyMatches)
      findings.push(certificateFinding('KEY_MISMATCH', 'key', mismatchMessage(leaf, privateKey, [...chain, ...cas])))
  } else if (leaf && !keyGiven && !findings.some((f) => f.param === 'key')) {
    findings.push(
      certificateFinding(
        'KEY_MISSING',
        'key',
        'There is no client key with this certificate, so it can be inspected but not presented in a handshake.'
      )
    )
  }
  if (input.passphrase && passphrase === 'not-checked' && !keyGiven) passphrase = 'unused'

  if (leaf) findings.push(...leafFindings(leaf))
  for (const ca of cas) {
    if (!ca.details.isCa) {
      findings.push(
        certificateFinding(
          'CA_NOT_A_CA',
          'ca',
          `${ca.details.subject} in the CA certificate field is not a CA (basicConstraints CA:${ca.x509.ca ? 'TRUE' : 'FALSE'}), so it cannot issue the client certificate.`
        )
      )
    }
  }

  // The chain, link by link, when a CA was given to anchor it.
  let chainValid: boolean | null = null
  let links: ChainLink[] = []
  if (leaf && cas.length) {
    const verdict = verifyChain(leaf, chain, cas)
    links = verdict.links
    chainValid = verdict.valid
    if (!verdict.valid) findings.push(certificateFinding('CHAIN_UNVERIFIED', 'ca', verdict.problem))
  } else if (leaf && !leaf.details.selfSigned) {
    links = verifyChain(leaf, chain, []).links
    findings.push(
      certificateFinding('CHAIN_NOT_CHECKED', 'ca', 'No CA certificate was given, so the chain was not checked.')
    )
  }

  // Authorized domains, and the host when one is asked about.
  const rules = parseAuthorizedDomains(input.domains)
  for (const rule of rules) {
    if (rule.problem)
      findings.push(
        certificateFinding('DOMAIN_INVALID', 'domains', `Line ${rule.line} ("${rule.input}"): ${rule.problem}`)
      )
    else if (rule.pattern === '*')
      findings.push(
        certificateFinding(
          'DOMAIN_MATCHES_ALL',
          'domains',
          `Line ${rule.line} is "*": this certificate would be presented to every host.`
        )
      )
  }
  if (!rules.some((r) => r.pattern))
    findings.push(
      certificateFinding(
        'DOMAINS_EMPTY',
        'domains',
        'No authorized domain is set, so no request will present this certificate.'
      )
    )
  if (input.host) {
    const verdict = matchAuthorizedDomains(rules, input.host.host, input.host.port)
    if (!verdict.match)
      findings.push(
        certificateFinding(
          'HOST_NOT_AUTHORIZED',
          'host',
          `This certificate is not presented to ${input.host.host}: ${verdict.reason}.`
        )
      )
  }

  const report: CertificateReport = {
    ok: true,
    keyMatches,
    chainValid,
    passphrase,
    certificateFormat: leaf ? certificateFormat : null,
    keyFormat,
    certificate: leaf?.details ?? null,
    chain: chain.map((c) => c.details),
    ca: cas.map((c) => c.details),
    links,
    domains: rules,
    findings: dedupe(findings)
  }
  return {
    report: withTimeFindings(report, now),
    certificatePem: leaf ? [leaf, ...chain].map((c) => c.x509.toString()).join('') : null,
    caPem: cas.length ? cas.map((c) => c.x509.toString()).join('') : null,
    privateKey,
    readable: leaf !== null && (!keyGiven || privateKey !== null)
  }
}

/** Re-derives the time findings (EXPIRED, NOT_YET_VALID, EXPIRING_SOON) for `now`; the rest is kept. */
export function withTimeFindings(report: CertificateReport, now: Date): CertificateReport {
  const timeCodes = new Set(['EXPIRED', 'NOT_YET_VALID', 'EXPIRING_SOON'])
  const findings = report.findings.filter((f) => !timeCodes.has(f.code))
  const check = (d: CertificateDetails, what: string, field: string) => {
    const from = Date.parse(d.validFrom)
    const to = Date.parse(d.validTo)
    const t = now.getTime()
    if (t > to) {
      findings.push(certificateFinding('EXPIRED', field, `${what} expired on ${day(to)} (${ago(t - to)} ago).`))
    } else if (t < from) {
      findings.push(
        certificateFinding(
          'NOT_YET_VALID',
          field,
          `${what} is valid only from ${new Date(from).toISOString().replace('.000Z', 'Z')} (in ${ago(from - t)}).`
        )
      )
    } else if (to - t < EXPIRING_SOON_DAYS * DAY) {
      findings.push(certificateFinding('EXPIRING_SOON', field, `${what} expires on ${day(to)}, in ${ago(to - t)}.`))
    }
  }
  if (report.certificate)
    check(report.certificate, `The client certificate (${report.certificate.subject})`, 'certificate')
  for (const d of report.chain) check(d, `The chain certificate ${d.subject}`, 'certificate')
  for (const d of report.ca) check(d, `The CA certificate ${d.subject}`, 'ca')
  const sorted = sortFindings(findings)
  return { ...report, findings: sorted, ok: !hasError(sorted) }
}

// ---------------------------------------------------------------------------------------------

function subjectOf(der: Buffer): string {
  try {
    return oneLine(new X509Certificate(der).subject)
  } catch {
    return 'CERTIFICATE'
  }
}

function misplaced(block: Block, field: string, findings: Finding[]): void {
  const where = field === 'certificate' ? 'Client certificate' : field === 'key' ? 'Client key' : 'CA certificate'
  switch (block.kind) {
    case 'ec-parameters':
      return // written by `openssl ecparam -genkey` before the key; harmless
    case 'csr':
      findings.push(
        certificateFinding(
          'WRONG_BLOCK_TYPE',
          field,
          `The ${where} field holds a certificate signing request (${at(block)}${block.label}), not a certificate: the CA has to sign it first and send back the certificate.`
        )
      )
      return
    case 'openssh-private-key':
      findings.push(
        certificateFinding(
          'UNSUPPORTED_FORMAT',
          field,
          `${at(block)}This is an OpenSSH private key; TLS needs a PEM (PKCS#8) key.`,
          "Convert a copy to PKCS#8: cp id_key key.pem && ssh-keygen -p -m PKCS8 -f key.pem (it keeps the passphrase; add -N '' to remove it)."
        )
      )
      return
    case 'dsa-private-key':
      findings.push(
        certificateFinding(
          'UNSUPPORTED_FORMAT',
          field,
          `${at(block)}This is a DSA key. DSA cannot sign TLS 1.3 handshakes and most servers refuse it.`,
          'Issue a new certificate on an RSA 2048+ or EC P-256 key.'
        )
      )
      return
    case 'pgp':
      findings.push(
        certificateFinding(
          'UNSUPPORTED_FORMAT',
          field,
          `${at(block)}This is an OpenPGP block (${block.label}), not X.509.`,
          'mTLS needs an X.509 certificate and key issued by the server’s CA; PGP keys cannot be converted into one.'
        )
      )
      return
    case 'unknown':
      if (block.label === 'TRUSTED CERTIFICATE') {
        findings.push(
          certificateFinding(
            'UNSUPPORTED_FORMAT',
            field,
            `${at(block)}This is OpenSSL's "TRUSTED CERTIFICATE" format (a certificate with trust settings).`,
            'Convert it to a plain certificate: openssl x509 -in trusted.pem -out cert.pem'
          )
        )
        return
      }
      findings.push(
        certificateFinding(
          'UNSUPPORTED_FORMAT',
          field,
          `${at(block)}"${block.label}" is not a certificate or key format this tool reads.`,
          'Export the certificate as PEM (openssl x509 -in cert -out cert.pem) and the key as PKCS#8 (openssl pkcs8 -topk8 -in key -out key.pem).'
        )
      )
      return
    default:
      findings.push(
        certificateFinding(
          'WRONG_BLOCK_TYPE',
          field,
          `The ${where} field holds ${blockDescription(block)} (${at(block)}${block.label}), which does not belong there.`
        )
      )
  }
}

function chainFormat(encoding: string | null, count: number): string {
  const noun = `${count} certificate${count === 1 ? '' : 's'}`
  if (!encoding || encoding === 'PEM') return count > 1 ? `PEM chain (${noun})` : 'PEM (1 certificate)'
  return `${encoding} (${noun})`
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.param}\u0000${f.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

function ago(ms: number): string {
  const days = Math.floor(ms / DAY)
  if (days >= 2) return `${days} days`
  const hours = Math.floor(ms / 3_600_000)
  if (hours >= 2) return `${hours} hours`
  const minutes = Math.max(1, Math.floor(ms / 60_000))
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}
