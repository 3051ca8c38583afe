/**
 * node-forge's ASN.1 reader, for what node:crypto does not say: what a DER blob *is* when it is
 * not what was expected, how a key or PKCS#12 file is encrypted, a certificate's signature
 * algorithm and key-usage bits, and where a damaged blob stops parsing. It only reads structure;
 * node:crypto decides whether anything is valid.
 */
import forge from 'node-forge'

const { asn1 } = forge
export type Asn1 = forge.asn1.Asn1

const extraOidNames: Record<string, string> = {
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10045.2.1': 'EC',
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.10040.4.1': 'DSA',
  '1.3.6.1.4.1.11591.4.11': 'scrypt',
  '1.2.840.113549.1.5.12': 'PBKDF2',
  '1.2.840.113549.1.5.13': 'PBES2',
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
  '1.2.840.113549.2.7': 'HMAC-SHA1',
  '1.2.840.113549.2.9': 'HMAC-SHA256',
  '1.2.840.113549.2.10': 'HMAC-SHA384',
  '1.2.840.113549.2.11': 'HMAC-SHA512',
  '2.16.840.1.101.3.4.1.2': 'AES-128-CBC',
  '2.16.840.1.101.3.4.1.22': 'AES-192-CBC',
  '2.16.840.1.101.3.4.1.42': 'AES-256-CBC',
  '1.2.840.113549.3.7': 'DES-EDE3-CBC',
  '1.3.14.3.2.7': 'DES-CBC',
  '1.2.840.113549.3.2': 'RC2-CBC',
  '1.2.840.113549.1.12.1.1': 'pbeWithSHAAnd128BitRC4',
  '1.2.840.113549.1.12.1.2': 'pbeWithSHAAnd40BitRC4',
  '1.2.840.113549.1.12.1.3': 'pbeWithSHAAnd3-KeyTripleDES-CBC (3DES)',
  '1.2.840.113549.1.12.1.4': 'pbeWithSHAAnd2-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.5': 'pbeWithSHAAnd128BitRC2-CBC',
  '1.2.840.113549.1.12.1.6': 'pbeWithSHAAnd40BitRC2-CBC (RC2-40)',
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512'
}

export function oidName(oid: string): string {
  return extraOidNames[oid] ?? (forge.pki.oids as Record<string, string>)[oid] ?? oid
}

/** Parses DER, or returns node-forge's reason it is not DER (e.g. "Too few bytes to read ASN.1 value"). */
export function parseDer(der: Buffer): { ok: true; node: Asn1 } | { ok: false; reason: string } {
  try {
    // The typings know only the old boolean argument; node-forge 1.x takes these options.
    const fromDer = asn1.fromDer as unknown as (bytes: forge.util.ByteBuffer, options: object) => Asn1
    const node = fromDer(forge.util.createBuffer(der.toString('binary')), {
      strict: true,
      parseAllBytes: true,
      decodeBitStrings: false
    })
    return { ok: true, node }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}

export const T = asn1.Type
const UNIVERSAL = asn1.Class.UNIVERSAL
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC

export function children(node: Asn1 | undefined): Asn1[] {
  return node && Array.isArray(node.value) ? (node.value as Asn1[]) : []
}
export function isType(node: Asn1 | undefined, type: number): boolean {
  return !!node && node.tagClass === UNIVERSAL && node.type === type
}
export function isContext(node: Asn1 | undefined, tag: number): boolean {
  return !!node && node.tagClass === CONTEXT && node.type === tag
}
export function oidOf(node: Asn1 | undefined): string | null {
  return isType(node, T.OID) ? asn1.derToOid(node!.value as string) : null
}
export function integerOf(node: Asn1 | undefined): number | null {
  if (!isType(node, T.INTEGER)) return null
  const bytes = node!.value as string
  if (bytes.length > 6) return null
  let n = 0
  for (let i = 0; i < bytes.length; i++) n = n * 256 + bytes.charCodeAt(i)
  return n
}
export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary')
}

export type DerKind =
  | 'certificate'
  | 'csr'
  | 'pkcs12'
  | 'pkcs7'
  | 'private-key'
  | 'encrypted-private-key'
  | 'rsa-private-key'
  | 'ec-private-key'
  | 'public-key'
  | 'other'

/** What a DER structure is, from its shape alone. */
export function classifyDer(node: Asn1): { kind: DerKind; detail: string } {
  if (!isType(node, T.SEQUENCE)) return { kind: 'other', detail: 'ASN.1, but not a SEQUENCE at the top' }
  const c = children(node)
  if (integerOf(c[0]) === 3 && isType(c[1], T.SEQUENCE) && oidOf(children(c[1])[0]) === forge.pki.oids.data)
    return { kind: 'pkcs12', detail: 'PKCS#12 (PFX)' }
  if (oidOf(c[0]) === forge.pki.oids.signedData) return { kind: 'pkcs7', detail: 'PKCS#7 signed data' }
  if (c.length === 3 && isType(c[0], T.SEQUENCE) && isType(c[1], T.SEQUENCE) && isType(c[2], T.BITSTRING)) {
    const tbs = children(c[0])
    if (
      integerOf(tbs[0]) === 0 &&
      tbs.length === 4 &&
      isType(tbs[1], T.SEQUENCE) &&
      isType(tbs[2], T.SEQUENCE) &&
      isContext(tbs[3], 0)
    ) {
      return { kind: 'csr', detail: 'certificate signing request (PKCS#10)' }
    }
    if (isContext(tbs[0], 0) || isType(tbs[0], T.INTEGER)) return { kind: 'certificate', detail: 'X.509 certificate' }
  }
  if (c.length >= 3 && isType(c[0], T.INTEGER) && isType(c[1], T.SEQUENCE) && isType(c[2], T.OCTETSTRING)) {
    return { kind: 'private-key', detail: `PKCS#8 private key (${oidName(oidOf(children(c[1])[0]) ?? '?')})` }
  }
  if (c.length === 2 && isType(c[0], T.SEQUENCE) && oidOf(children(c[0])[0]) && isType(c[1], T.OCTETSTRING)) {
    return { kind: 'encrypted-private-key', detail: 'encrypted PKCS#8 private key' }
  }
  if (c.length === 9 && c.every((x) => isType(x, T.INTEGER)))
    return { kind: 'rsa-private-key', detail: 'PKCS#1 RSA private key' }
  if (integerOf(c[0]) === 1 && isType(c[1], T.OCTETSTRING))
    return { kind: 'ec-private-key', detail: 'SEC1 EC private key' }
  if (c.length === 2 && isType(c[0], T.SEQUENCE) && isType(c[1], T.BITSTRING)) {
    return { kind: 'public-key', detail: `public key (${oidName(oidOf(children(c[0])[0]) ?? '?')})` }
  }
  if (c.length === 2 && c.every((x) => isType(x, T.INTEGER)))
    return { kind: 'public-key', detail: 'PKCS#1 RSA public key' }
  return {
    kind: 'other',
    detail: `a SEQUENCE of ${c.length} element${c.length === 1 ? '' : 's'} that is no certificate or key format`
  }
}

/** How an EncryptedPrivateKeyInfo is protected, e.g. "PBES2: PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC". */
export function describeKeyEncryption(algorithmIdentifier: Asn1 | undefined): {
  text: string
  kdf: 'pbkdf2' | 'scrypt' | 'pkcs12' | 'other'
  iterations: number | null
} {
  const [oidNode, params] = children(algorithmIdentifier)
  const oid = oidOf(oidNode) ?? '?'
  if (oid === '1.2.840.113549.1.5.13') {
    const [kdf, scheme] = children(params)
    const [kdfOid, kdfParams] = children(kdf)
    const cipher = oidName(oidOf(children(scheme)[0]) ?? '?')
    const kdfName = oidOf(kdfOid)
    const p = children(kdfParams)
    if (kdfName === '1.3.6.1.4.1.11591.4.11') {
      const [, n, r, par] = p
      return {
        text: `PBES2: scrypt (N=${integerOf(n)}, r=${integerOf(r)}, p=${integerOf(par)}), ${cipher}`,
        kdf: 'scrypt',
        iterations: null
      }
    }
    if (kdfName === '1.2.840.113549.1.5.12') {
      const iterations = integerOf(p[1])
      const prfNode = p.find((x) => isType(x, T.SEQUENCE))
      const prf = prfNode ? oidName(oidOf(children(prfNode)[0]) ?? '?') : 'HMAC-SHA1'
      return { text: `PBES2: PBKDF2-${prf}, ${iterations ?? '?'} iterations, ${cipher}`, kdf: 'pbkdf2', iterations }
    }
    return { text: `PBES2 with ${oidName(kdfName ?? '?')}, ${cipher}`, kdf: 'other', iterations: null }
  }
  const iterations = integerOf(children(params)[1])
  return {
    text: `${oidName(oid)}${iterations ? `, ${iterations} iterations` : ''}`,
    kdf: oid.startsWith('1.2.840.113549.1.12.') ? 'pkcs12' : 'other',
    iterations
  }
}

export function encryptedKeyAlgorithm(node: Asn1): ReturnType<typeof describeKeyEncryption> {
  return describeKeyEncryption(children(node)[0])
}

/** The algorithms a PKCS#12 file uses, read before any decryption: tells "legacy" from "current". */
export function describePkcs12(node: Asn1): { text: string; legacy: boolean } {
  const [, authSafe, macData] = children(node)
  const parts: string[] = []
  let legacy = false
  const content = children(children(authSafe)[1])[0]
  const inner = content && isType(content, T.OCTETSTRING) ? parseDer(Buffer.from(octets(content), 'binary')) : null
  if (inner?.ok) {
    for (const info of children(inner.node)) {
      const [typeNode, wrapped] = children(info)
      const type = oidOf(typeNode)
      if (type === forge.pki.oids.encryptedData) {
        const encryptedContentInfo = children(children(wrapped)[0])[1]
        const d = describeKeyEncryption(children(encryptedContentInfo)[1])
        if (d.kdf === 'pkcs12') legacy = true
        parts.push(`certificates: ${d.text}`)
      } else if (type === forge.pki.oids.data) {
        const data = children(wrapped)[0]
        const bags = data ? parseDer(Buffer.from(octets(data), 'binary')) : null
        if (!bags?.ok) continue
        for (const bag of children(bags.node)) {
          const [bagType, bagValue] = children(bag)
          if (oidOf(bagType) === forge.pki.oids.pkcs8ShroudedKeyBag) {
            const d = encryptedKeyAlgorithm(children(bagValue)[0]!)
            if (d.kdf === 'pkcs12') legacy = true
            parts.push(`key: ${d.text}`)
          } else if (oidOf(bagType) === forge.pki.oids.certBag) {
            parts.push('certificates: not encrypted')
          } else if (oidOf(bagType) === forge.pki.oids.keyBag) {
            parts.push('key: not encrypted')
          }
        }
      }
    }
  }
  const mac = children(macData)
  if (mac.length) {
    const digest = oidName(oidOf(children(children(mac[0])[0])[0]) ?? '?')
    parts.push(`MAC ${digest}${integerOf(mac[2]) ? `, ${integerOf(mac[2])} iterations` : ''}`)
  }
  return { text: `PKCS#12 (${legacy ? 'legacy' : 'current'}; ${[...new Set(parts)].join('; ')})`, legacy }
}

/** The bytes of an OCTET STRING, constructed (BER, as Windows writes PFX) or not. */
export function octets(node: Asn1): string {
  return Array.isArray(node.value) ? (node.value as Asn1[]).map(octets).join('') : (node.value as string)
}

/** The certificates inside a PKCS#7 (.p7b) bundle, as DER. */
export function pkcs7Certificates(node: Asn1): Buffer[] {
  const signedData = children(children(node)[1])[0]
  const set = children(signedData).find((x) => isContext(x, 0))
  return children(set).map(toDer)
}

const keyUsageNames = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly'
]

/** What node:crypto's X509Certificate does not expose: signature algorithm and key-usage bits. */
export function certificateExtras(der: Buffer): { signatureAlgorithm: string; keyUsage: string[] | null } {
  const parsed = parseDer(der)
  if (!parsed.ok) return { signatureAlgorithm: 'unknown', keyUsage: null }
  const [tbs, algorithm] = children(parsed.node)
  const signatureAlgorithm = oidName(oidOf(children(algorithm)[0]) ?? '?')
  let keyUsage: string[] | null = null
  const extensions = children(children(tbs).find((x) => isContext(x, 3)))[0]
  for (const extension of children(extensions)) {
    const parts = children(extension)
    if (oidOf(parts[0]) !== '2.5.29.15') continue
    const value = parseDer(Buffer.from(parts[parts.length - 1]!.value as string, 'binary'))
    if (!value.ok || !isType(value.node, T.BITSTRING)) continue
    const bytes = value.node.value as string
    keyUsage = []
    for (let bit = 0; bit < keyUsageNames.length; bit++) {
      const byte = bytes.charCodeAt(1 + (bit >> 3))
      if (!Number.isNaN(byte) && byte & (0x80 >> (bit & 7))) keyUsage.push(keyUsageNames[bit]!)
    }
  }
  return { signatureAlgorithm, keyUsage }
}
