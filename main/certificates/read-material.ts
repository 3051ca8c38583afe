/**
 * Turns what the user pasted or uploaded into typed blocks (certificate, key, PKCS#12, ...), or
 * findings that say exactly why it cannot be read: no PEM armour, a block cut off, a character
 * that is not base64, a ZIP file where a certificate was expected. Nothing here decrypts.
 */
import type { CertificateMaterial, Finding } from '../../preload/contract'
import { certificateFinding } from '../protocol/findings'
import { classifyDer, parseDer, pkcs7Certificates, type DerKind } from './asn1'

export type BlockKind =
  DerKind | 'dsa-private-key' | 'openssh-private-key' | 'ec-parameters' | 'crl' | 'pgp' | 'unknown'

export interface Block {
  kind: BlockKind
  /** The PEM label ("CERTIFICATE"), or a description of the DER ("DER X.509 certificate"). */
  label: string
  der: Buffer
  /** The exact PEM text of the block, headers included (what OpenSSL needs for legacy encrypted PEM). */
  pem: string | null
  /** Legacy OpenSSL encryption (Proc-Type: 4,ENCRYPTED), from the DEK-Info header, e.g. "AES-256-CBC". */
  legacyCipher: string | null
  /** 1-based line of the BEGIN line, for messages. */
  line: number | null
}

export interface ReadMaterial {
  blocks: Block[]
  /** How it arrived: "PEM", "DER (binary file)", "DER (pasted as base64)". */
  encoding: string | null
  findings: Finding[]
  /** True when nothing at all was given. */
  empty: boolean
}

const labelKinds: Record<string, BlockKind> = {
  CERTIFICATE: 'certificate',
  'X509 CERTIFICATE': 'certificate',
  'X.509 CERTIFICATE': 'certificate',
  // OpenSSL's own format (certificate + trust settings): node:crypto cannot read it.
  'TRUSTED CERTIFICATE': 'unknown',
  'PRIVATE KEY': 'private-key',
  'ENCRYPTED PRIVATE KEY': 'encrypted-private-key',
  'RSA PRIVATE KEY': 'rsa-private-key',
  'EC PRIVATE KEY': 'ec-private-key',
  'DSA PRIVATE KEY': 'dsa-private-key',
  'OPENSSH PRIVATE KEY': 'openssh-private-key',
  'PUBLIC KEY': 'public-key',
  'RSA PUBLIC KEY': 'public-key',
  'CERTIFICATE REQUEST': 'csr',
  'NEW CERTIFICATE REQUEST': 'csr',
  PKCS7: 'pkcs7',
  CMS: 'pkcs7',
  PKCS12: 'pkcs12',
  'X509 CRL': 'crl',
  'EC PARAMETERS': 'ec-parameters'
}

const BEGIN = /^-----BEGIN ([^-]+)-----\s*$/
const END = /^-----END ([^-]+)-----\s*$/

/** Reads one form field's material. `field` is the form field the findings are about. */
export function readMaterial(material: CertificateMaterial | null | undefined, field: string): ReadMaterial {
  if (!material) return { blocks: [], encoding: null, findings: [], empty: true }
  if ('text' in material) return readText(material.text, field, null)
  const bytes = Buffer.from(material.base64, 'base64')
  if (!bytes.length)
    return {
      blocks: [],
      encoding: null,
      findings: [certificateFinding('NOT_PEM', field, `The file ${material.fileName} is empty.`)],
      empty: false
    }
  if (bytes[0] === 0x30) return readDer(bytes, field, `DER (binary file ${material.fileName})`)
  const text = decodeText(bytes)
  if (text !== null) return readText(text, field, material.fileName)
  return {
    blocks: [],
    encoding: null,
    findings: [
      certificateFinding(
        'NOT_PEM',
        field,
        `${material.fileName} is neither PEM text nor DER: ${describeBinary(bytes)}.`
      )
    ],
    empty: false
  }
}

function decodeText(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8')
  const sample = bytes.subarray(0, 4096)
  let control = 0
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++
  return control > sample.length / 50 ? null : bytes.toString('utf8')
}

function describeBinary(bytes: Buffer): string {
  const head = bytes.subarray(0, 4)
  const hex = [...head].map((b) => b.toString(16).padStart(2, '0')).join(' ')
  if (head[0] === 0x50 && head[1] === 0x4b)
    return `it starts with ${hex}, a ZIP archive: unzip it and upload the certificate inside`
  if (head[0] === 0x1f && head[1] === 0x8b) return `it starts with ${hex}, a gzip file: unpack it first`
  if (bytes.subarray(0, 4).toString('latin1') === '%PDF') return 'it is a PDF document'
  return `it starts with the bytes ${hex}, and DER starts with 30`
}

function readText(raw: string, field: string, fileName: string | null): ReadMaterial {
  const findings: Finding[] = []
  const text = raw.replace(/^\uFEFF/, '')
  if (!text.trim()) return { blocks: [], encoding: null, findings, empty: !fileName }
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim())
  const blocks: Block[] = []
  const where = fileName ? `${fileName}, line` : 'line'
  let i = 0
  let sawBegin = false
  while (i < lines.length) {
    const begin = BEGIN.exec(lines[i]!)
    if (!begin) {
      if (END.test(lines[i]!)) {
        findings.push(
          certificateFinding(
            'INPUT_DAMAGED',
            field,
            `${cap(where)} ${i + 1} ends a "${END.exec(lines[i]!)![1]}" block that never began: the BEGIN line is missing.`
          )
        )
      }
      i++
      continue
    }
    sawBegin = true
    const label = begin[1]!.trim()
    const start = i
    let end = -1
    for (let j = i + 1; j < lines.length; j++) {
      if (END.test(lines[j]!) || BEGIN.test(lines[j]!)) {
        end = j
        break
      }
    }
    if (end === -1 || BEGIN.test(lines[end]!)) {
      findings.push(
        certificateFinding(
          'INPUT_DAMAGED',
          field,
          `The "${label}" block starting on ${where} ${start + 1} has no "-----END ${label}-----" line: the text was cut off.`
        )
      )
      i = end === -1 ? lines.length : end
      continue
    }
    const endLabel = END.exec(lines[end]!)![1]!.trim()
    if (endLabel !== label) {
      findings.push(
        certificateFinding(
          'INPUT_DAMAGED',
          field,
          `The block starting on ${where} ${start + 1} begins as "${label}" but ends as "${endLabel}" (${where} ${end + 1}).`
        )
      )
      i = end + 1
      continue
    }
    const block = decodeBlock(label, lines.slice(start + 1, end), start, where, field, findings)
    if (block) blocks.push({ ...block, pem: `${lines.slice(start, end + 1).join('\n')}\n` })
    i = end + 1
  }
  if (sawBegin) return { blocks, encoding: 'PEM', findings, empty: false }
  return readUnarmoured(text, field, fileName, findings)
}

function decodeBlock(
  label: string,
  body: string[],
  start: number,
  where: string,
  field: string,
  findings: Finding[]
): Omit<Block, 'pem'> | null {
  const headers = new Map<string, string>()
  let k = 0
  while (k < body.length && /^[A-Za-z-]+:/.test(body[k]!)) {
    const [name, ...rest] = body[k]!.split(':')
    headers.set(name!.trim().toLowerCase(), rest.join(':').trim())
    k++
  }
  const content = body.slice(k)
  for (let n = 0; n < content.length; n++) {
    const bad = /[^A-Za-z0-9+/=]/.exec(content[n]!)
    if (bad) {
      const ch = bad[0]
      const shown = /^[\x21-\x7e]$/.test(ch)
        ? `"${ch}"`
        : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
      findings.push(
        certificateFinding(
          'INPUT_DAMAGED',
          field,
          `${cap(where)} ${start + 2 + k + n}, inside the "${label}" block, has ${shown} at column ${bad.index + 1}, which is not base64: the text was altered (smart quotes, a mail client's wrapping or a "…").`
        )
      )
      return null
    }
  }
  const joined = content.join('')
  if (!joined) {
    findings.push(
      certificateFinding('INPUT_DAMAGED', field, `The "${label}" block starting on ${where} ${start + 1} is empty.`)
    )
    return null
  }
  if (/=[^=]/.test(joined) || joined.length % 4 !== 0) {
    findings.push(
      certificateFinding(
        'INPUT_DAMAGED',
        field,
        `The base64 inside the "${label}" block (${where} ${start + 1}) has ${joined.length} characters, not a multiple of 4, or padding in the middle: a line is missing or was cut.`
      )
    )
    return null
  }
  const der = Buffer.from(joined, 'base64')
  const legacy = headers.get('proc-type')?.includes('ENCRYPTED')
    ? (headers.get('dek-info')?.split(',')[0] ?? 'unknown cipher')
    : null
  let kind: BlockKind = labelKinds[label] ?? (label.startsWith('PGP') ? 'pgp' : 'unknown')
  if (!legacy && kind !== 'openssh-private-key' && kind !== 'pgp' && label !== 'TRUSTED CERTIFICATE') {
    const parsed = parseDer(der)
    if (!parsed.ok) {
      findings.push(
        certificateFinding(
          'INPUT_DAMAGED',
          field,
          `The "${label}" block (${where} ${start + 1}) decodes, but its ${der.length} bytes are not valid DER (node-forge: ${parsed.reason}). Part of it is missing or changed.`
        )
      )
      return null
    }
    // An unfamiliar label still tells what it holds by its shape.
    if (kind === 'unknown') kind = classifyDer(parsed.node).kind
  }
  return { kind, label, der, legacyCipher: legacy, line: start + 1 }
}

function readUnarmoured(text: string, field: string, fileName: string | null, findings: Finding[]): ReadMaterial {
  const trimmed = text.trim()
  const compact = trimmed.replace(/\s+/g, '')
  const what = fileName ? fileName : 'The text'
  if (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-)\s/.test(trimmed)) {
    findings.push(
      certificateFinding(
        'NOT_PEM',
        field,
        `${what} is an SSH public key ("${trimmed.split(/\s/)[0]}"), not an X.509 certificate or key. mTLS needs the certificate the server's CA issued.`
      )
    )
  } else if (/^PuTTY-User-Key-File/.test(trimmed)) {
    findings.push(
      certificateFinding(
        'UNSUPPORTED_FORMAT',
        field,
        `${what} is a PuTTY key (.ppk).`,
        'Convert it: puttygen key.ppk -O private-openssh -o key.pem'
      )
    )
  } else if (compact.length >= 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact) && compact.length % 4 === 0) {
    const read = readDer(Buffer.from(compact, 'base64'), field, 'DER (pasted as base64, no PEM lines)')
    return { ...read, findings: [...findings, ...read.findings] }
  } else if (/^([0-9A-Fa-f]{2}:){15,}[0-9A-Fa-f]{2}$/.test(compact)) {
    findings.push(
      certificateFinding(
        'NOT_PEM',
        field,
        `${what} is a fingerprint (hex pairs with colons), not the certificate itself.`
      )
    )
  } else {
    const sample = trimmed.slice(0, 40).replace(/\s+/g, ' ')
    findings.push(
      certificateFinding(
        'NOT_PEM',
        field,
        `${what} has no "-----BEGIN ...-----" line, so it is not PEM (it starts "${sample}${trimmed.length > 40 ? '…' : ''}").`
      )
    )
  }
  return { blocks: [], encoding: null, findings, empty: false }
}

function readDer(bytes: Buffer, field: string, encoding: string): ReadMaterial {
  const parsed = parseDer(bytes)
  if (!parsed.ok) {
    // PKCS#12 files from Windows are BER (indefinite lengths); let the PKCS#12 reader try.
    if (bytes[0] === 0x30 && bytes[1] === 0x80) {
      return {
        blocks: [{ kind: 'pkcs12', label: 'PKCS#12 (BER)', der: bytes, pem: null, legacyCipher: null, line: null }],
        encoding,
        findings: [],
        empty: false
      }
    }
    return {
      blocks: [],
      encoding,
      findings: [
        certificateFinding(
          'INPUT_DAMAGED',
          field,
          `These ${bytes.length} bytes start like DER but do not parse (node-forge: ${parsed.reason}): the file is cut short or is not a certificate or key.`
        )
      ],
      empty: false
    }
  }
  const { kind, detail } = classifyDer(parsed.node)
  if (kind === 'pkcs7') {
    const blocks = pkcs7Certificates(parsed.node).map((der): Block => ({
      kind: 'certificate',
      label: 'certificate from a PKCS#7 bundle',
      der,
      pem: null,
      legacyCipher: null,
      line: null
    }))
    return { blocks, encoding: `${encoding}, PKCS#7 bundle`, findings: [], empty: false }
  }
  return {
    blocks: [{ kind, label: `DER ${detail}`, der: bytes, pem: null, legacyCipher: null, line: null }],
    encoding,
    findings: [],
    empty: false
  }
}

/** PKCS#7 PEM blocks carry certificates: unpack them, so a .p7b works like a PEM chain. */
export function unpackPkcs7(blocks: Block[]): Block[] {
  return blocks.flatMap((block) => {
    if (block.kind !== 'pkcs7') return [block]
    const parsed = parseDer(block.der)
    if (!parsed.ok) return [block]
    return pkcs7Certificates(parsed.node).map((der): Block => ({
      kind: 'certificate',
      label: 'certificate from a PKCS#7 bundle',
      der,
      pem: null,
      legacyCipher: null,
      line: block.line
    }))
  })
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function blockDescription(block: Block): string {
  switch (block.kind) {
    case 'certificate':
      return 'a certificate'
    case 'private-key':
    case 'encrypted-private-key':
    case 'rsa-private-key':
    case 'ec-private-key':
    case 'dsa-private-key':
    case 'openssh-private-key':
      return 'a private key'
    case 'public-key':
      return 'a public key'
    case 'csr':
      return 'a certificate signing request'
    case 'pkcs12':
      return 'a PKCS#12 file'
    case 'crl':
      return 'a certificate revocation list'
    default:
      return `"${block.label}"`
  }
}
