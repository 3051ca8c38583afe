/** Client certificates (mTLS). The key and its passphrase go in, never come back out. */
import { z } from 'zod'
import { MAX_CERTIFICATE_BYTES, type passphraseStates } from './constants'
import type { Finding } from './inspector'
import { channel, description, id, name, noInput, passphrase, text } from './schema'

/** A certificate, key or CA as the user gave it: pasted text, or a file's bytes (base64). */
export type CertificateMaterial = { text: string } | { fileName: string; base64: string }

/** What one X.509 certificate says, as node:crypto (and, for a few fields, node-forge's ASN.1 reader) reads it. */
export interface CertificateDetails {
  subject: string
  issuer: string
  /** e.g. ["DNS:client.example.com", "email:ops@example.com"] */
  subjectAltNames: string[]
  /** Hex, upper case, as openssl prints it. */
  serialNumber: string
  /** ISO 8601. */
  validFrom: string
  validTo: string
  /** "RSA", "RSA-PSS", "EC", "Ed25519", "Ed448", ... */
  keyType: string
  /** Modulus bits for RSA, curve bits for EC, null for EdDSA. */
  keySize: number | null
  /** "P-256", "P-384", ... for EC keys. */
  curve: string | null
  /** "RSA 2048", "EC P-256", "Ed25519". */
  keyDescription: string
  /** e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA384", "Ed25519". */
  signatureAlgorithm: string
  /** SHA-256 over the DER, colon-separated hex (as openssl x509 -fingerprint -sha256 prints it). */
  fingerprintSha256: string
  isCa: boolean
  selfSigned: boolean
  /** Extended key usage by name (clientAuth, serverAuth, ...), or null when the extension is absent (any purpose). */
  extendedKeyUsage: string[] | null
  /** Key usage bits by name, or null when the extension is absent. */
  keyUsage: string[] | null
}

/** One link of the chain: `subject` was (or was not) issued by `issuedBy`. */
export interface ChainLink {
  subject: string
  issuedBy: string | null
  ok: boolean
  /** Why the link fails, in words; null when it holds. */
  problem: string | null
}

/** One line of the authorized-domains field, as it will be matched. */
export interface DomainRule {
  line: number
  input: string
  /** Normalized host pattern (lower case, punycode), e.g. "*.example.com"; null when the line is invalid. */
  pattern: string | null
  /** The port the rule is limited to, or null for any port. */
  port: number | null
  problem: string | null
}

export type PassphraseState = (typeof passphraseStates)[number]

export interface CertificateReport {
  /** No error finding: the certificate can be used as given. */
  ok: boolean
  /** Whether the key belongs to the certificate; null when there is no readable key. */
  keyMatches: boolean | null
  /** Whether the chain verifies link by link up to the CA; null when no CA was given. */
  chainValid: boolean | null
  passphrase: PassphraseState
  /** e.g. "PEM chain (2 certificates)", "PKCS#12 (AES-256-CBC, PBKDF2-HMAC-SHA256, 2048 iterations)". */
  certificateFormat: string | null
  /** e.g. "Encrypted PKCS#8 (scrypt, AES-256-CBC)", "PKCS#1 RSA (unencrypted)". */
  keyFormat: string | null
  /** The client (leaf) certificate. */
  certificate: CertificateDetails | null
  /** Further certificates given with the client certificate (intermediates), in order. */
  chain: CertificateDetails[]
  ca: CertificateDetails[]
  links: ChainLink[]
  domains: DomainRule[]
  /** Codes: KEY_MISMATCH, PASSPHRASE_REQUIRED, ..., see main/protocol/findings.ts. `param` names the form field. */
  findings: Finding[]
}

export interface CertificateSummary {
  id: string
  name: string
  description: string
  /** The authorized-domains lines as saved. */
  domains: string[]
  createdAt: string
  updatedAt: string
  hasKey: boolean
  hasPassphrase: boolean
  hasCa: boolean
  /** The validation report; time findings (expiry) are computed again on every read. */
  report: CertificateReport
}

export interface SavedCertificate {
  /**
   * Null when nothing was saved: the certificate or key could not be read (the report says why),
   * or `refused` names what the user must confirm first.
   */
  saved: CertificateSummary | null
  report: CertificateReport
  /** KEY_MISMATCH: the key does not belong to the certificate; save again with keepMismatchedKey. */
  refused?: 'KEY_MISMATCH'
}

export interface CertificateCandidate {
  id: string
  name: string
  matched: boolean
  /** The authorized-domain rule that matched, e.g. "*.example.com". */
  rule: string | null
  /** Why it matched or not, in words. */
  reason: string
  /** Has a readable key that matches it: the client can present it. */
  keyMatches: boolean
  /** Where now falls in its validity window ('unknown' when it could not be read). */
  validity: 'current' | 'expired' | 'not-yet-valid' | 'unknown'
  /** It can be presented and the server would accept its dates: key matches, within its window. */
  usable: boolean
}

export interface CertificateMatch {
  host: string
  port: number
  /** The certificate a request to this URL presents, or null (the request goes without one). */
  selected: CertificateCandidate | null
  /** Why that one (or why none). */
  explanation: string
  candidates: CertificateCandidate[]
}

// API credentials, the request runner and the local verification server. Secrets go in only.

const certificateMaterialSchema = z.union([
  z
    .object({
      text: z
        .string()
        .max(
          MAX_CERTIFICATE_BYTES,
          `That is over ${MAX_CERTIFICATE_BYTES / 1024} KB; a certificate or key is a few KB. Is it the right file?`
        )
    })
    .strict(),
  z
    .object({
      fileName: text(500),
      base64: z
        .string()
        .max(
          Math.ceil(MAX_CERTIFICATE_BYTES / 3) * 4,
          `That file is over ${MAX_CERTIFICATE_BYTES / 1024} KB; a certificate or key is a few KB. Is it the right file?`
        )
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file did not arrive as base64 bytes: upload it again.')
    })
    .strict()
])

const certificateFields = {
  /** Authorized domains, one per line. */
  domains: text(20_000).default(''),
  /** Absent when editing: keep the stored certificate. */
  certificate: certificateMaterialSchema.optional(),
  /** Absent: keep the stored key; null: remove it. */
  key: certificateMaterialSchema.nullable().optional(),
  /** Absent: keep the stored passphrase (only when the key is kept). */
  passphrase: passphrase.optional(),
  /** Absent: keep the stored CA; null: remove it. */
  ca: certificateMaterialSchema.nullable().optional()
}

/** Client certificates: validate, save, delete, and which one a URL presents. */
export const certificateChannels = {
  listCertificates: channel<CertificateSummary[]>()(noInput),
  /** Validates without saving. With `id`, material left out is taken from that stored certificate. */
  validateCertificate: channel<CertificateReport>()(z.object({ id: id.optional(), ...certificateFields }).strict()),
  /** Creates (no id) or edits a certificate; validates first and saves when it is readable. */
  saveCertificate: channel<SavedCertificate>()(
    z
      .object({
        id: id.optional(),
        name,
        description: description.default(''),
        ...certificateFields,
        /** Save a key that does not belong to the certificate (a server will refuse the pair). */
        keepMismatchedKey: z.boolean().optional()
      })
      .strict()
  ),
  deleteCertificate: channel<{ id: string }>()(z.object({ id }).strict()),
  /** Which stored certificate a request to this URL would present, and why. */
  matchCertificateForUrl: channel<CertificateMatch>()(z.object({ url: text(10_000) }).strict())
} as const
